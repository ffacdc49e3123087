/**
 * The real endpoints speak the app's changes (src/lib/sync/records.ts): a device's push is
 * checked by the schemas the devices merge by, stored, and pulled back exactly as it was sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handlePull, handlePush } from '$lib/server/sync/http';
import { createSyncStore } from '$lib/server/sync/store';
import { appCodec } from '$lib/server/sync/wire';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { Change } from '$lib/sync/records';
import { format, tick, newClock } from '$lib/sync/hlc';
import { uuid7 } from '$lib/sync/uuid7';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const ORIGIN = 'http://kioku.test';

function push(body: unknown, user = 'u1') {
	return {
		request: new Request(`${ORIGIN}/api/sync/push`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		}),
		url: new URL(`${ORIGIN}/api/sync/push`),
		locals: { user: { id: user } },
	};
}

function pull(cursor: number, user = 'u1') {
	const url = new URL(`${ORIGIN}/api/sync/pull?cursor=${cursor}&limit=100`);
	return { request: new Request(url), url, locals: { user: { id: user } } };
}

describe.each(DATABASE_KINDS)('sync endpoints in the app’s form on %s', (kind) => {
	let test: TestDatabase | undefined;
	afterEach(async () => {
		await test?.drop();
		test = undefined;
	});

	it('store a review, a register and a tombstone and give them back as they were sent', async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		const store = createSyncStore(test.db);
		const now = Date.now();
		const clock = tick(newClock('a1b2c3d4e5f60718'), now);
		const uid = uuid7(now);
		const review: Change = {
			kind: 'review',
			uid,
			cardId: 'q-001',
			deck: 'bank/deck',
			rating: 3,
			review: now,
			durationMs: 4200,
			config: 'c0ffee12',
		};
		// A card forgotten (reset to new) in the card browser: the time it was forgotten.
		const forgotten: Change = {
			kind: 'register',
			key: 'card:q-001:forgottenAt',
			value: now,
			hlc: format(tick(clock, now)),
		};
		const sent = [review, { kind: 'tombstone', uid, hlc: format(clock) }, forgotten] as Change[];
		const pushed = await handlePush(push({ changes: sent }), store, appCodec);
		expect(pushed.status).toBe(200);
		const page = await (await handlePull(pull(0), store, appCodec)).json();
		// The tombstone replaced its review: a new device never receives the undone answer.
		expect(page.changes).toEqual([sent[1], forgotten]);
		expect(page.more).toBe(false);
	});

	it('take a push from the site’s own page when the server takes every request for HTTPS', async () => {
		// adapter-node without ORIGIN sees https://host for a page served over plain http://host.
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		const store = createSyncStore(test.db);
		const event = (origin: string) => ({
			request: new Request('https://kioku.test/api/sync/push', {
				method: 'POST',
				headers: { origin, 'content-type': 'application/json' },
				body: JSON.stringify({ changes: [] }),
			}),
			url: new URL('https://kioku.test/api/sync/push'),
			locals: { user: { id: 'u1' } },
		});
		expect((await handlePush(event('http://kioku.test'), store, appCodec)).status).toBe(200);
		expect((await handlePush(event('http://evil.test'), store, appCodec)).status).toBe(403);
	});

	it('refuse a change the app does not know, or stamped a day ahead, naming it; nothing stored', async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		const store = createSyncStore(test.db);
		const bad = [
			{ kind: 'review', uid: uuid7(Date.now()), cardId: 'q', deck: 'd', rating: 7 },
			{
				kind: 'tombstone',
				uid: uuid7(Date.now()),
				hlc: format(tick(newClock('a1b2c3d4e5f60718'), Date.now() + 3 * 86_400_000)),
			},
			// A forget's time is a time: not a negative number, a fraction or a string.
			...[-1, 1.5, String(Date.now())].map((value) => ({
				kind: 'register',
				key: 'card:q-001:forgottenAt',
				value,
				hlc: format(tick(newClock('a1b2c3d4e5f60718'), Date.now())),
			})),
		];
		for (const change of bad) {
			const reply = await handlePush(push({ changes: [change] }), store, appCodec);
			expect(reply.status).toBe(400);
			expect((await reply.json()).message).toMatch(/^Change 0 is refused/);
		}
		const page = await (await handlePull(pull(0), store, appCodec)).json();
		expect(page.changes).toEqual([]);
	});
});
