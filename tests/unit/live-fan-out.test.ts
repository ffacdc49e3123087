// A game's events are sent only once the journal has written them, in the order they were made,
// and never when they will not be written (the game was lost): whichever instance runs the game
// next can then replay everything a client holds an id for.
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/lib/server/live/event-log.ts';
import type { StoredEvents } from '../../src/lib/server/live/event-journal.ts';
import { GameFanOut } from '../../src/lib/server/live/fan-out.ts';
import { events, reader } from './live-fixtures.ts';

/** A journal whose writes finish when the test says. */
function heldJournal() {
	const writes: { events: StoredEvents; finish: (written: boolean) => void }[] = [];
	const journal = (stored: StoredEvents) =>
		new Promise<boolean>((finish) => writes.push({ events: stored, finish }));
	return { writes, journal };
}

const question = (n: number) => ({ type: 'question', index: n }) as never;

describe('fan-out with a journal', () => {
	it('sends each batch once written, after every batch made before it', async () => {
		const { writes, journal } = heldJournal();
		const fanOut = new GameFanOut(new EventLog('g'), { journal });
		const phone = reader(fanOut.open('p1', 3, () => {}).response);
		await phone.read();
		fanOut.deliver({ all: [question(0)] });
		fanOut.deliver({ all: [question(1)] });
		expect(writes.map((w) => [w.events.first, w.events.last])).toEqual([
			[1, 1],
			[2, 2],
		]);
		// The second write finishes first: nothing goes out until the first has.
		writes[1].finish(true);
		expect(events(await phone.read())).toEqual([]);
		expect(fanOut.log.position()).toBe('g.0');
		writes[0].finish(true);
		await fanOut.whenSent();
		expect(events(await phone.read()).map((e) => e.id)).toEqual(['g.1', 'g.2']);
		expect(fanOut.log.position()).toBe('g.2');
		await phone.cancel();
	});

	it('sends a batch still being written to a stream opened meanwhile, and nothing never written', async () => {
		const { writes, journal } = heldJournal();
		const fanOut = new GameFanOut(new EventLog('g'), { journal });
		fanOut.deliver({ all: [question(0)] });
		// A phone reconnects while the question is being written: its replay stops at what is
		// written, and the question reaches it when it is sent.
		expect(fanOut.log.since('g.0', 'p1')).toEqual([]);
		const phone = reader(fanOut.open('p1', 3, () => {}).response);
		writes[0].finish(true);
		await fanOut.whenSent();
		expect(events(await phone.read()).map((e) => e.id)).toEqual(['g.1']);
		// The next write is refused (another instance took the game): it is never sent.
		fanOut.deliver({ all: [question(1)] });
		writes[1].finish(false);
		await fanOut.whenSent();
		expect(events(await phone.read())).toEqual([]);
		expect(fanOut.log.position()).toBe('g.1');
		await phone.cancel();
	});

	it('sends at once without a journal', async () => {
		const fanOut = new GameFanOut(new EventLog('g'));
		const phone = reader(fanOut.open('p1', 3, () => {}).response);
		fanOut.deliver({ all: [question(0)], players: { p1: [{ type: 'answered' } as never] } });
		expect(events(await phone.read()).map((e) => e.data.type)).toEqual(['question', 'answered']);
		expect(fanOut.log.position()).toBe('g.2');
		await phone.cancel();
	});
});
