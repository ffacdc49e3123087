// A game's event log as the database keeps it: one row per batch, read back by the instance that
// runs the game next as an unbroken run of batches ending with the newest.
import { describe, expect, it } from 'vitest';
import { restoredLog, storedEvents } from '../../src/lib/server/live/event-journal.ts';
import type { LoggedEvent } from '../../src/lib/server/live/event-log.ts';

const event = (seq: number, audience: LoggedEvent['audience']): LoggedEvent => ({
	seq,
	audience,
	text: `id: g.${seq}\ndata: {"type":"x","n":${seq}}\n\n`,
});

describe('the stored event log', () => {
	it('reads back what was written, every audience as it was', () => {
		const batches = [
			[event(1, { to: 'all' }), event(2, { to: 'host' })],
			[event(3, { to: 'players' }), event(4, { to: 'player', id: 'p-1' })],
			[event(5, { to: 'all' })],
		];
		const rows = batches.map((b) => storedEvents('g', b));
		expect(rows.map((r) => [r.first, r.last])).toEqual([
			[1, 2],
			[3, 4],
			[5, 5],
		]);
		expect(restoredLog(rows)).toEqual({ tag: 'g', seq: 5, events: batches.flat() });
	});

	it('keeps only the unbroken run that ends with the newest batch', () => {
		const rows = [
			storedEvents('g', [event(1, { to: 'all' })]),
			// 2 and 3 are missing: a client that saw 1 cannot be told what came between.
			storedEvents('g', [event(4, { to: 'all' }), event(5, { to: 'all' })]),
			storedEvents('g', [event(6, { to: 'host' })]),
		];
		expect(restoredLog(rows)).toEqual({
			tag: 'g',
			seq: 6,
			events: [event(4, { to: 'all' }), event(5, { to: 'all' }), event(6, { to: 'host' })],
		});
	});

	it('does not join another log’s batches to the newest, and has nothing without rows', () => {
		const rows = [
			storedEvents('old', [event(1, { to: 'all' })]),
			storedEvents('new', [event(2, { to: 'all' })]),
		];
		expect(restoredLog(rows)).toEqual({ tag: 'new', seq: 2, events: [event(2, { to: 'all' })] });
		expect(restoredLog([])).toBeUndefined();
	});
});
