/** Reading a request's body without holding more of it than an endpoint accepts. */

/**
 * The body's text, or undefined when it is larger than `max` bytes (read no further than that):
 * a declared length is believed when it is too large, and a stream is counted as it arrives.
 */
export async function readCapped(request: Request, max: number): Promise<string | undefined> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > max) return undefined;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			return undefined;
		}
		parts.push(value);
	}
	return Buffer.concat(parts).toString('utf8');
}
