// The sync endpoints' handlers, called with real Requests, a faked signed-in user (auth fills
// `locals.user` in hooks) and a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '$lib/server/db/migrations';
import { handlePull, handlePush, type SyncRequestEvent } from '$lib/server/sync/http';
import { MAX_PUSH_BYTES } from '$lib/server/sync/limits';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { allRows, pushEvent, review, reviews, SITE } from './sync-fixtures';

function pullEvent(
	query: string,
	user: string | null = 'alice',
	origin?: string,
): SyncRequestEvent {
	const url = new URL(`/api/sync/pull${query}`, SITE);
	const headers = new Headers(origin ? { origin } : {});
	return {
		request: new Request(url, { headers }),
		url,
		locals: { user: user ? { id: user } : null },
	};
}

async function answer(response: Response) {
	return { status: response.status, body: await response.json() };
}

describe.each(DATABASE_KINDS)('sync endpoints on %s', (kind) => {
	let test: TestDatabase;
	let store: SyncStore;
	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createSyncStore(test.db);
	});
	afterAll(() => test.drop());

	it('push stores the signed-in user’s changes and pull returns them, never cached', async () => {
		const batch = reviews(3);
		const pushed = await handlePush(pushEvent(JSON.stringify({ changes: batch })), store);
		expect(pushed.headers.get('cache-control')).toBe('no-store');
		expect(await answer(pushed)).toEqual({
			status: 200,
			body: { acked: batch.map((c) => c.id), cursor: 3 },
		});
		const pulled = await handlePull(pullEvent('?cursor=1&limit=1'), store);
		expect(pulled.headers.get('cache-control')).toBe('no-store');
		expect(await answer(pulled)).toEqual({
			status: 200,
			body: { changes: [{ ...batch[1], seq: 2 }], cursor: 2, more: true },
		});
		// A same-origin GET carries no Origin; no cursor means from the start.
		expect((await answer(await handlePull(pullEvent(''), store))).body.changes).toHaveLength(3);
		// Another user sees none of it.
		expect(await answer(await handlePull(pullEvent('?cursor=0', 'bob'), store))).toEqual({
			status: 200,
			body: { changes: [], cursor: 0, more: false },
		});
	});

	it('refuses a signed-out request with 401, and a foreign or missing origin with 403', async () => {
		const body = JSON.stringify({ changes: [review()] });
		const before = await allRows(test.db.kysely);
		expect(await answer(await handlePush(pushEvent(body, { user: null }), store))).toEqual({
			status: 401,
			body: { error: 'signed-out', message: 'Sign in to sync.' },
		});
		expect((await answer(await handlePull(pullEvent('', null), store))).status).toBe(401);
		for (const origin of ['https://evil.example', 'null', 'https://kioku.example:8443', null]) {
			const refused = await answer(await handlePush(pushEvent(body, { origin }), store));
			expect(refused).toMatchObject({ status: 403, body: { error: 'bad-origin' } });
		}
		const foreign = await handlePull(pullEvent('', 'alice', 'https://evil.example'), store);
		expect(foreign.status).toBe(403);
		expect(await allRows(test.db.kysely)).toEqual(before);
	});

	it('refuses a body that is not JSON by its type (415), too large (413) or not JSON (400)', async () => {
		const before = await allRows(test.db.kysely);
		const body = JSON.stringify({ changes: [review()] });
		// text/plain is what a cross-site form or a no-CORS fetch could send without asking.
		for (const type of [
			'text/plain',
			'application/x-www-form-urlencoded',
			null,
			'application/jsonp',
		]) {
			expect(await answer(await handlePush(pushEvent(body, { type }), store))).toMatchObject({
				status: 415,
				body: { error: 'not-json' },
			});
		}
		expect(
			(await handlePush(pushEvent(body, { type: 'application/json; charset=utf-8' }), store))
				.status,
		).toBe(200);
		const huge = JSON.stringify({ changes: [review()], padding: 'x'.repeat(MAX_PUSH_BYTES) });
		expect(await answer(await handlePush(pushEvent(huge), store))).toMatchObject({
			status: 413,
			body: { error: 'too-large' },
		});
		// The same without a Content-Length: a stream, cut off once it passes the limit.
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new Uint8Array(64 * 1024).fill(32));
			},
		});
		expect((await handlePush(pushEvent(stream), store)).status).toBe(413);
		for (const bad of ['{"changes": [', '', 'null', '[]', '{"change": []}', '"changes"']) {
			expect((await handlePush(pushEvent(bad), store)).status).toBe(400);
		}
		const after = await allRows(test.db.kysely);
		expect(after.changes).toHaveLength(before.changes.length + 1);
	});

	it('words a refused change, a bad cursor and a cursor from a gone feed as JSON errors', async () => {
		const bad = JSON.stringify({ changes: [review(), { type: 'review', id: 'x', data: {} }] });
		expect(await answer(await handlePush(pushEvent(bad), store))).toEqual({
			status: 400,
			body: {
				error: 'bad-change',
				message: 'Change 1 is refused: its id is not a lower-case UUID.',
			},
		});
		for (const query of ['?cursor=abc', '?cursor=-1', '?cursor=1e3', '?cursor=99999999999999999']) {
			expect(await answer(await handlePull(pullEvent(query), store))).toMatchObject({
				status: 400,
				body: { error: 'bad-cursor' },
			});
		}
		expect((await answer(await handlePull(pullEvent('?limit=5001'), store))).body.error).toBe(
			'bad-limit',
		);
		expect(await answer(await handlePull(pullEvent('?cursor=1000', 'bob'), store))).toMatchObject({
			status: 409,
			body: { error: 'cursor-ahead' },
		});
	});
});
