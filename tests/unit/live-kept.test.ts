// What the classroom keeps on the device: the host's games and the player's seats (localStorage),
// and a phone's outcomes of a game (sessionStorage), each read through its schema, so that what
// another version, an extension or a full disk left there is never taken for a seat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptOutcomes } from '../../src/lib/state/live-outcomes.ts';
import { forgetSeat, loadSeats, saveSeat, seatFor } from '../../src/lib/state/live-seats.ts';

class MemoryStorage {
	items = new Map<string, string>();
	getItem = (k: string) => this.items.get(k) ?? null;
	setItem = (k: string, value: string) => void this.items.set(k, value);
	removeItem = (k: string) => void this.items.delete(k);
}

let local: MemoryStorage;
let session: MemoryStorage;
beforeEach(() => {
	local = new MemoryStorage();
	session = new MemoryStorage();
	Object.assign(globalThis, { localStorage: local, sessionStorage: session });
});
afterEach(() => {
	delete (globalThis as { localStorage?: unknown }).localStorage;
	delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
});

const seat = (code: string, createdAt = 1) => ({ code, token: `t-${code}`, createdAt });

describe('seats on this device', () => {
	it('keeps the newest first, one per game, thirty at most, host and player apart', () => {
		for (let i = 0; i < 35; i++) saveSeat('host', seat(String(100000 + i), i));
		saveSeat('host', { ...seat('100034'), joinKey: 'k'.repeat(22) });
		const kept = loadSeats('host');
		expect(kept).toHaveLength(30);
		expect(kept[0]).toEqual({ ...seat('100034'), joinKey: 'k'.repeat(22) });
		expect(kept.filter((s) => s.code === '100034')).toHaveLength(1);
		expect(seatFor('host', '100000')).toBeUndefined();
		expect(seatFor('player', '100034')).toBeUndefined();
	});

	it('forgets a seat the server no longer knows', () => {
		saveSeat('player', { ...seat('123456'), playerId: 'p1', nickname: 'Ann' });
		saveSeat('player', seat('654321'));
		forgetSeat('player', '123456');
		expect(loadSeats('player').map((s) => s.code)).toEqual(['654321']);
	});

	it('skips an unreadable seat and keeps the others; garbage is no seat at all', () => {
		local.setItem(
			'kioku:live-player',
			JSON.stringify([{ code: 123456, token: 't' }, seat('654321'), null, 'x']),
		);
		expect(loadSeats('player')).toEqual([seat('654321')]);
		// A seat kept before it had a date still opens its game.
		local.setItem('kioku:live-host', JSON.stringify([{ code: '111111', token: 't' }]));
		expect(seatFor('host', '111111')).toEqual({ code: '111111', token: 't', createdAt: 0 });
		local.setItem('kioku:live-host', '{"code":"111111"');
		expect(loadSeats('host')).toEqual([]);
	});
});

describe('a phone’s outcomes, kept for its tab', () => {
	it('reads back the outcomes and how many reviews they became, per game', () => {
		const kept = keptOutcomes('123456');
		expect(kept.get()).toEqual({ outcomes: {} });
		kept.set({ outcomes: { 0: { id: 'river', answered: true, correct: false } }, added: 1 });
		expect(keptOutcomes('123456').get()).toEqual({
			outcomes: { 0: { id: 'river', answered: true, correct: false } },
			added: 1,
		});
		expect(keptOutcomes('654321').get()).toEqual({ outcomes: {} });
	});

	it('starts afresh from anything it cannot read', () => {
		for (const garbage of [
			'not json',
			'{"outcomes":{"0":"x"}}',
			'{"outcomes":{"first":{}}}',
			'{"outcomes":{},"added":"2"}',
		]) {
			session.setItem('kioku:live-outcomes:123456', garbage);
			expect(keptOutcomes('123456').get()).toEqual({ outcomes: {} });
		}
	});
});
