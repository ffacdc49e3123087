/**
 * Picks the UI language from the browser's preferences. Paraglide's built-in matching wants an
 * exact tag, which would send `zh`, `zh-TW` or `zh-HK` readers to English: any Chinese
 * preference gets the Chinese interface (written in Simplified Chinese), any English one English.
 */
export type UiLocale = 'en' | 'zh-CN';

/** Tags of an Accept-Language header, most preferred first. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
		})
		.filter((l) => l.tag && l.tag !== '*' && l.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.map((l) => l.tag);
}

export function negotiateLocale(preferences: readonly string[]): UiLocale | undefined {
	for (const tag of preferences) {
		const base = tag.toLowerCase().split('-')[0];
		if (base === 'zh') return 'zh-CN';
		if (base === 'en') return 'en';
	}
	return undefined;
}
