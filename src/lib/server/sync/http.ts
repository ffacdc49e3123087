/**
 * The sync endpoints' requests and answers: who is asking (the signed-in user), whether the
 * request may come from where it comes from, the size-capped JSON body, and every refusal as
 * JSON `{ error: code, message }` (the client words the code in the learner's language).
 */
import { readCapped } from '../capped-body.ts';
import { sameOrigin } from '../same-origin.ts';
import { DEFAULT_PULL_LIMIT, MAX_PUSH_BYTES, MAX_PUSH_CHANGES } from './limits.ts';
import { OPTIONAL_KINDS, type OptionalKind, type SyncStore } from './store.ts';
import { storeCodec, type SyncCodec } from './wire.ts';

/** What the handlers read of a SvelteKit request event. */
export interface SyncRequestEvent {
	request: Request;
	url: URL;
	locals: { user: { id: string } | null };
}

const NO_STORE = { 'cache-control': 'no-store' };

const refuse = (status: number, error: string, message: string): Response =>
	Response.json({ error, message }, { status, headers: NO_STORE });

/**
 * SvelteKit's own CSRF check covers form posts only, so a JSON endpoint checks `Origin` itself.
 * A state-changing request must carry this site's origin; a browser sends none on a same-origin
 * GET, so a GET is refused only for a foreign one (and CORS keeps its answer from a foreign page).
 */
function originRefusal(request: Request): Response | undefined {
	const origin = request.headers.get('origin');
	const required = request.method !== 'GET' && request.method !== 'HEAD';
	if (origin === null ? !required : sameOrigin(request)) return undefined;
	return refuse(403, 'bad-origin', 'Sync requests must come from this site’s own pages.');
}

function gate(event: SyncRequestEvent): Response | { userId: string } {
	const bad = originRefusal(event.request);
	if (bad) return bad;
	const userId = event.locals.user?.id;
	if (!userId) return refuse(401, 'signed-out', 'Sign in to sync.');
	return { userId };
}

/**
 * `POST /api/sync/push` with `{ changes: [...] }`: all of them stored, or none. `codec` reads
 * the changes (the app's form on the real endpoint, the store's own in its tests).
 */
export async function handlePush(
	event: SyncRequestEvent,
	store: SyncStore,
	codec: SyncCodec = storeCodec,
): Promise<Response> {
	const passed = gate(event);
	if (passed instanceof Response) return passed;
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) {
		return refuse(415, 'not-json', 'A push is sent as application/json.');
	}
	const text = await readCapped(event.request, MAX_PUSH_BYTES);
	if (text === undefined) {
		return refuse(413, 'too-large', `A push may be at most ${MAX_PUSH_BYTES} bytes.`);
	}
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refuse(400, 'bad-json', 'The push is not valid JSON.');
	}
	if (typeof body !== 'object' || body === null || !('changes' in body)) {
		return refuse(400, 'bad-request', 'A push is an object with a list of changes.');
	}
	const changes = body.changes;
	if (!Array.isArray(changes)) {
		return refuse(400, 'bad-request', 'A push is an object with a list of changes.');
	}
	const read: unknown[] = [];
	const now = Date.now();
	for (const [index, input] of changes.entries()) {
		// The store counts the batch first: a huge one is refused before each change is read.
		if (index >= MAX_PUSH_CHANGES)
			return refuse(
				413,
				'too-many-changes',
				`A push may hold at most ${MAX_PUSH_CHANGES} changes.`,
			);
		const one = codec.read(input, now);
		if ('error' in one)
			return refuse(400, 'bad-change', `Change ${index} is refused: ${one.error}.`);
		read.push(one.change);
	}
	const result = await store.push(passed.userId, read);
	return result.ok
		? Response.json(result.value, { headers: NO_STORE })
		: refuse(result.error.status, result.error.code, result.error.message);
}

/** A whole number from the query, NaN for anything else (the store says what is wrong with it). */
function queryNumber(url: URL, name: string, fallback: number): number {
	const text = url.searchParams.get(name);
	if (text === null || text === '') return fallback;
	return /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The optional kinds a pull asks for (`with=bank,result`). A kind this server does not know is
 * passed over: a newer device asking for more gets what there is.
 */
function askedKinds(url: URL): OptionalKind[] {
	const asked = (url.searchParams.get('with') ?? '').split(',');
	return OPTIONAL_KINDS.filter((kind) => asked.includes(kind));
}

/**
 * `GET /api/sync/pull?cursor=&limit=&with=`: the user's changes after `cursor`, a page at a
 * time; banks and results only when `with` names them (older devices do not know them).
 */
export async function handlePull(
	event: SyncRequestEvent,
	store: SyncStore,
	codec: SyncCodec = storeCodec,
): Promise<Response> {
	const passed = gate(event);
	if (passed instanceof Response) return passed;
	const cursor = queryNumber(event.url, 'cursor', 0);
	const limit = queryNumber(event.url, 'limit', DEFAULT_PULL_LIMIT);
	const result = await store.pull(passed.userId, cursor, limit, askedKinds(event.url));
	return result.ok
		? Response.json(
				{ ...result.value, changes: result.value.changes.map((c) => codec.write(c)) },
				{ headers: NO_STORE },
			)
		: refuse(result.error.status, result.error.code, result.error.message);
}
