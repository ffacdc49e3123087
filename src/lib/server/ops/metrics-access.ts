/**
 * Who may read `/metrics`: they tell anyone how loaded the instance is and how many games run.
 *
 * - With KIOKU_METRICS_TOKEN set: a request bearing `Authorization: Bearer <token>`, from
 *   anywhere (Prometheus on another host, through the proxy).
 * - Always: a request straight from this machine (a loopback address) that passed no proxy. A
 *   proxy on the same host (nginx in front of Kioku) connects from loopback too, for every
 *   visitor: a request with a forwarding header is therefore not taken as local, whatever its
 *   address says (the header may also be forged by anyone).
 *
 * Anything else is refused with a 404, the same whatever was wrong, so the endpoint's existence
 * and the token's are not confirmed to a stranger.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function isLoopback(address: string): boolean {
	const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
	return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Compared as hashes: equal lengths for timingSafeEqual, and no timing clue to the token. */
function sameToken(given: string, expected: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `address`: the client's address as SvelteKit sees it (adapter-node: the socket's, or the
 * ADDRESS_HEADER's). `token`: KIOKU_METRICS_TOKEN, empty or undefined when unset.
 */
export function mayReadMetrics(request: Request, address: string, token?: string): boolean {
	const auth = request.headers.get('authorization') ?? '';
	const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
	if (token && bearer !== undefined && sameToken(bearer, token)) return true;
	if (FORWARDING_HEADERS.some((h) => request.headers.has(h))) return false;
	return isLoopback(address);
}
