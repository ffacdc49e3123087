// Thousands of malformed and hostile pushes, each with a valid-looking part that would change
// stored rows (undoing the user's reviews, newer registers) if anything were applied before the
// whole batch was checked: every one is refused with a 4xx JSON answer and nothing changes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '$lib/server/db/migrations';
import type { SyncChange } from '$lib/server/sync/changes';
import { handlePush } from '$lib/server/sync/http';
import { MAX_DATA_CHARS, MAX_PUSH_CHANGES } from '$lib/server/sync/limits';
import { createSyncStore, type SyncStore } from '$lib/server/sync/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';
import { allRows, pushEvent, register, review, reviews, SITE, tombstone } from './sync-fixtures';

const USER = 'alice';
const held = reviews(5);
const validChanges: SyncChange[] = [
	...held.map((r) => tombstone(r.id, 'zzzz')),
	register('deck/a/retention', 'zzzz', 0.5),
	review(),
	{ type: 'config', key: 'cfg-new', data: { w: [1] } },
	{ type: 'bank', key: 'words', hlc: 'zzzz', data: null },
	{ type: 'result', id: review().id, data: { score: 1 } },
];

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
const notAString = fc.oneof(
	fc.integer(),
	fc.constant(null),
	fc.boolean(),
	fc.array(fc.string()),
	fc.object(),
);
const notAUuid = fc.oneof(
	notAString,
	fc.string({ maxLength: 50 }),
	fc.constant(held[0].id.toUpperCase()),
	fc.constant(`${held[0].id}0`),
	fc.constant(` ${held[0].id}`),
	fc.constant(held[0].id.replaceAll('-', '')),
);
const badKey = fc.oneof(
	notAString,
	fc.constant(''),
	fc.constant('k'.repeat(201)),
	fc.constantFrom('a\u0000b', 'line\nbreak', '\u0085', 'lone \ud800 surrogate', '\udfff'),
);
const badHlc = fc.oneof(
	notAString,
	fc.constantFrom('', ' ', 'a b', 'é', '時計', '\t1', 'z'.repeat(65)),
);
const badData = fc.oneof(
	fc.constant(nested(33)),
	fc.constant(nested(500)),
	fc.constant('x'.repeat(MAX_DATA_CHARS + 1)),
	fc.constant({ big: 'y'.repeat(MAX_DATA_CHARS) }),
);
const notAnObject = fc.oneof(
	fc.integer(),
	fc.string(),
	fc.constant(null),
	fc.array(fc.integer()),
	fc.boolean(),
);

/** One change that must be refused, built so by construction. */
const hostileChange: fc.Arbitrary<unknown> = fc.oneof(
	notAnObject,
	fc.record({
		type: fc
			.string()
			.filter((t) => !['review', 'tombstone', 'register', 'config', 'bank', 'result'].includes(t)),
		id: fc.constant(held[0].id),
		data: fc.object(),
	}),
	notAUuid.map((id) => ({ type: 'review', id, data: { rating: 3 } })),
	notAUuid.map((id) => ({ type: 'tombstone', id, hlc: 'zzzz' })),
	badHlc.map((hlc) => ({ type: 'tombstone', id: held[1].id, hlc })),
	badKey.map((key) => ({ type: 'register', key, hlc: 'zzzz', data: 1 })),
	badHlc.map((hlc) => ({ type: 'register', key: 'deck/a/retention', hlc, data: 1 })),
	badKey.map((key) => ({ type: 'config', key, data: {} })),
	badKey.map((key) => ({ type: 'bank', key, hlc: 'zzzz', data: null })),
	badHlc.map((hlc) => ({ type: 'bank', key: 'words', hlc, data: null })),
	notAUuid.map((id) => ({ type: 'result', id, data: {} })),
	// A bank is an object or null, a result an object; neither nests past its limit.
	fc
		.oneof(fc.integer(), fc.string(), fc.array(fc.integer()), fc.constant(nested(65)))
		.map((data) => ({ type: 'bank', key: 'words', hlc: 'zzzz', data })),
	fc
		.oneof(fc.integer(), fc.constant(null), fc.constant(nested(33)))
		.map((data) => ({ type: 'result', id: review().id, data })),
	// Data that is missing, not an object where one is needed, too big or too deep.
	fc.constant({ type: 'review', id: held[2].id }),
	fc.constant({ type: 'register', key: 'k', hlc: 'zzzz' }),
	fc
		.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer()))
		.map((data) => ({ type: 'review', id: review().id, data })),
	fc.oneof(fc.integer(), fc.constant(null)).map((data) => ({ type: 'config', key: 'c', data })),
	badData.map((data) => ({ type: 'register', key: 'k', hlc: 'zzzz', data })),
	// Fields a change does not have: the server's own, or the prototype's.
	fc
		.constantFrom('__proto__', 'constructor', 'seq', 'user_id', 'userId', 'hlc')
		.chain((field) => fc.constant({ ...review(), [field]: 'forged' })),
	// The right fields under the wrong type.
	fc.constant({ type: 'review', key: 'k', data: {} }),
	fc.constant({ type: 'register', id: held[3].id, hlc: 'zzzz', data: 1 }),
	fc.constant({ type: 'tombstone', key: 'k', hlc: 'zzzz' }),
);

/** A batch with one hostile change among valid ones; its index is the one to name. */
const hostileBatch = fc
	.tuple(fc.subarray(validChanges), hostileChange, fc.subarray(validChanges))
	.map(([before, bad, after]) => ({
		body: JSON.stringify({ changes: [...before, bad, ...after] }),
		index: before.length,
	}));

/** A whole body that is no push. */
const hostileBody = fc.oneof(
	fc.string().filter((text) => {
		try {
			JSON.parse(text);
			return false;
		} catch {
			return true;
		}
	}),
	fc
		.jsonValue()
		.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('changes' in v))
		.map((v) => JSON.stringify(v)),
	fc
		.oneof(
			fc.string(),
			fc.integer(),
			fc.constant(null),
			fc.object(),
			fc.constant({ length: 2, 0: 'x' }),
		)
		.map((changes) => JSON.stringify({ changes })),
	fc.constant(JSON.stringify({ changes: reviews(MAX_PUSH_CHANGES + 1) })),
	fc.constant(`{"changes": [${'['.repeat(100_000)}`),
);

/** A request whose headers refuse it before its body is read. */
const hostileRequest = fc.oneof(
	fc
		.constantFrom(
			'https://evil.example',
			'null',
			`${SITE}.evil.example`,
			'https://kioku.example:8443',
		)
		.map((origin) => pushEvent(JSON.stringify({ changes: validChanges }), { origin })),
	fc
		.constantFrom('text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded', 'json')
		.map((type) => pushEvent(JSON.stringify({ changes: validChanges }), { type })),
	fc.constant(null).map(() => pushEvent(JSON.stringify({ changes: validChanges }), { user: null })),
);

describe.each(DATABASE_KINDS)('sync push fuzz on %s', (kind) => {
	let test: TestDatabase;
	let store: SyncStore;
	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		store = createSyncStore(test.db);
		const seeded = await store.push(USER, [...held, register('deck/a/retention', 'm', 0.9)]);
		expect(seeded.ok).toBe(true);
	});
	afterAll(() => test.drop());

	async function refused(response: Response) {
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.status).toBeLessThan(500);
		const body = await response.json();
		expect(typeof body.error).toBe('string');
		expect(typeof body.message).toBe('string');
		return body as { error: string; message: string };
	}

	// Thousands of requests on a machine shared with others: more than the default 5 s.
	it('refuses every hostile push with a 4xx that names the bad change, and changes nothing', async () => {
		const before = await allRows(test.db.kysely);
		await fc.assert(
			fc.asyncProperty(hostileBatch, async ({ body, index }) => {
				const answer = await refused(await handlePush(pushEvent(body), store));
				expect(answer.error).toBe('bad-change');
				expect(answer.message).toMatch(new RegExp(`^Change ${index} is refused: `));
			}),
			{ numRuns: 1500 },
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					hostileBody.map((body) => pushEvent(body)),
					hostileRequest,
				),
				async (event) => {
					await refused(await handlePush(event, store));
				},
			),
			{ numRuns: 1000 },
		);
		expect(await allRows(test.db.kysely)).toEqual(before);
		// And the server still works: the valid part alone goes through.
		const valid = await handlePush(pushEvent(JSON.stringify({ changes: validChanges })), store);
		expect(valid.status).toBe(200);
	}, 120_000);
});
