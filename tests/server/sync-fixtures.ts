/** Changes and helpers the sync store's tests share. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PulledChange, SyncChange } from '$lib/server/sync/changes';
import type { SyncRequestEvent } from '$lib/server/sync/http';
import type { SyncStore } from '$lib/server/sync/store';
import type { ServerSchema } from '$lib/server/db/schema';

export type ReviewChange = Extract<SyncChange, { type: 'review' }>;

export const review = (id: string = randomUUID(), cardId = 'card-1'): ReviewChange => ({
	type: 'review',
	id,
	data: { cardId, rating: 3, reviewedAt: 1_700_000_000_000 },
});

export const tombstone = (id: string, hlc = '0001700000000000-0000-device-a'): SyncChange => ({
	type: 'tombstone',
	id,
	hlc,
});

export const register = (key: string, hlc: string, data: unknown): SyncChange => ({
	type: 'register',
	key,
	hlc,
	data,
});

export const reviews = (n: number): ReviewChange[] => Array.from({ length: n }, () => review());

/** Pulls the user's whole feed in pages of `limit`, as a device does. */
export async function pullAll(store: SyncStore, userId: string, cursor = 0, limit = 1000) {
	const changes: PulledChange[] = [];
	for (;;) {
		const page = await store.pull(userId, cursor, limit);
		if (!page.ok) throw new Error(page.error.message);
		changes.push(...page.value.changes);
		cursor = page.value.cursor;
		if (!page.value.more) return { changes, cursor };
	}
}

/** Every sync row in the database, whoever holds it, read past the store. */
export async function allRows(db: Kysely<ServerSchema>) {
	const changes = await db
		.selectFrom('sync_change')
		.selectAll()
		.orderBy('user_id')
		.orderBy('seq')
		.execute();
	const users = await db.selectFrom('sync_user').selectAll().orderBy('user_id').execute();
	return {
		changes,
		users: users.map((u) => ({
			...u,
			last_seq: Number(u.last_seq),
			row_count: Number(u.row_count),
		})),
	};
}

export const SITE = 'https://kioku.example';

/** A push request as a page of this site sends it, with its user; each part can be changed. */
export function pushEvent(
	body: BodyInit | null,
	options: { user?: string | null; origin?: string | null; type?: string | null } = {},
): SyncRequestEvent {
	const url = new URL('/api/sync/push', SITE);
	const headers = new Headers();
	const origin = options.origin === undefined ? SITE : options.origin;
	if (origin !== null) headers.set('origin', origin);
	const type = options.type === undefined ? 'application/json' : options.type;
	if (type !== null) headers.set('content-type', type);
	const request = new Request(url, {
		method: 'POST',
		headers,
		body,
		duplex: 'half',
	} as RequestInit);
	const user = options.user === undefined ? 'alice' : options.user;
	return { request, url, locals: { user: user === null ? null : { id: user } } };
}
