/**
 * JSON with object keys in sorted order: two devices that hold the same value write the same
 * text, whatever order its keys were set in, so values can be compared and ordered as strings.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value).sort()) {
		const v = (value as Record<string, unknown>)[key];
		if (v !== undefined) out[key] = sorted(v);
	}
	return out;
}
