/** Random bytes from the platform's CSPRNG (`crypto` is global in browsers and Node 20). */
export function randomBytes(length: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(length));
}
