// Resuming a broken event stream: a client that comes back with the last id it saw gets exactly
// what it missed (its own events and everyone's, nobody else's); when that cannot be known, the
// hub sends a snapshot instead.
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/lib/server/live/event-log.ts';
import { GAME_SETTINGS, events, reader, singleQuestion, testHubs } from './live-fixtures.ts';

const text = (name: string) => (id: string) => `${id}:${name}`;

describe('EventLog', () => {
	it('replays what one recipient was sent after an id, in order', () => {
		const log = new EventLog('ep');
		const a = `ep.${log.add({ to: 'all' }, text('question')).seq}`;
		log.add({ to: 'host' }, text('progress'));
		log.add({ to: 'player', id: 'p1' }, text('answered-p1'));
		log.add({ to: 'player', id: 'p2' }, text('answered-p2'));
		log.add({ to: 'players' }, text('hint'));
		log.add({ to: 'all' }, text('reveal'));
		log.markWritten(6);
		expect(a).toBe('ep.1');
		expect(log.since(a, 'p1')).toEqual(['ep.3:answered-p1', 'ep.5:hint', 'ep.6:reveal']);
		expect(log.since(a, 'host')).toEqual(['ep.2:progress', 'ep.6:reveal']);
		expect(log.since('ep.6', 'p2')).toEqual([]);
		expect(log.since('ep.0', 'p2')).toEqual([
			'ep.1:question',
			'ep.4:answered-p2',
			'ep.5:hint',
			'ep.6:reveal',
		]);
	});

	it('gives out no id of an event not yet written: not in a replay, not as a snapshot’s position', () => {
		const log = new EventLog('ep');
		log.add({ to: 'all' }, text('a'));
		log.add({ to: 'all' }, text('b'));
		log.markWritten(1);
		log.add({ to: 'all' }, text('c'));
		// b and c are still being written: they reach the client's stream when they are sent.
		expect(log.position()).toBe('ep.1');
		expect(log.since('ep.0', 'p1')).toEqual(['ep.1:a']);
		// An id the log has not given to any client (see the file's comment) is not known.
		expect(log.since('ep.2', 'p1')).toBeUndefined();
		log.markWritten(3);
		expect(log.position()).toBe('ep.3');
		expect(log.since('ep.1', 'p1')).toEqual(['ep.2:b', 'ep.3:c']);
	});

	it('knows nothing of another log’s ids, of the future, of malformed ids, or of what it dropped', () => {
		const log = new EventLog('ep', 4);
		for (let i = 0; i < 10; i++) log.add({ to: 'all' }, text(`e${i}`));
		log.markWritten(10);
		expect(log.since('other.3', 'p1')).toBeUndefined();
		expect(log.since('ep.11', 'p1')).toBeUndefined();
		expect(log.since('ep.x', 'p1')).toBeUndefined();
		expect(log.since('', 'p1')).toBeUndefined();
		// Limit 4, trimmed once past 5 entries: 1 and 2 are gone, a client at 1 has a gap.
		expect(log.since('ep.1', 'p1')).toBeUndefined();
		expect(log.forgotten).toBe(6);
		expect(log.since('ep.8', 'p1')).toEqual(['ep.9:e8', 'ep.10:e9']);
	});

	it('goes on from a log read back from the database, numbering after its last event', () => {
		const before = new EventLog('ep');
		for (let i = 0; i < 5; i++) before.add({ to: 'all' }, text(`e${i}`));
		const kept = [3, 4, 5].map((seq) => ({
			seq,
			audience: { to: 'all' } as const,
			text: `ep.${seq}:e${seq - 1}`,
		}));
		const after = new EventLog('ep', undefined, { events: kept, seq: 5 });
		expect(after.position()).toBe('ep.5');
		expect(after.since('ep.2', 'p1')).toEqual(['ep.3:e2', 'ep.4:e3', 'ep.5:e4']);
		// Older than what was read back: a snapshot.
		expect(after.since('ep.1', 'p1')).toBeUndefined();
		const next = after.add({ to: 'players' }, text('e5'));
		expect(next.seq).toBe(6);
		after.markWritten(6);
		expect(after.since('ep.5', 'p1')).toEqual(['ep.6:e5']);
	});
});

const hubs = testHubs();

describe('hub: a phone whose stream broke', () => {
	it('gets the events it missed when it comes back with its last id, and a snapshot without one', async () => {
		const hub = await hubs.start();
		const created = await hub.create(GAME_SETTINGS);
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const joined = await Promise.all(
			['Ann', 'Bo'].map(async (nickname) => {
				const j = await hub.join(code, { code, nickname }, '1.1.1.1');
				if (!j.ok) throw new Error(j.error.message);
				return j.value.token;
			}),
		);
		const first = await hub.connect(code, joined[0]);
		if (!first.ok) throw new Error(first.error.message);
		const stream = reader(first.value);
		const seen = events(await stream.read());
		expect(seen.map((e) => e.data.type)).toEqual(['me', 'lobby']);
		await stream.cancel(); // Wi-Fi gone
		const last = seen.at(-1)!.id;

		await hub.host(code, hostToken, { action: 'start' });
		const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
		expect((await hub.answer(code, joined[1], pick)).ok).toBe(true);
		expect((await hub.answer(code, joined[0], pick)).ok).toBe(true); // from another tab, say

		const back = await hub.connect(code, joined[0], last);
		if (!back.ok) throw new Error(back.error.message);
		const resumed = reader(back.value);
		const raw = await resumed.read();
		const missed = events(raw);
		// The question, the reveal, its own "answered" (not Bo's) and result, as they were sent.
		expect(missed.map((e) => e.data.type)).toEqual(['question', 'reveal', 'answered', 'result']);
		expect(raw).toMatch(/event: ping\ndata: \{"now":\d+\}/);
		const ids = missed.map((e) => Number(e.id.split('.')[1]));
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		await resumed.cancel();

		const fresh = await hub.connect(code, joined[0]);
		if (!fresh.ok) throw new Error(fresh.error.message);
		const snapshot = reader(fresh.value);
		expect(events(await snapshot.read()).map((e) => e.data.type)).toEqual([
			'me',
			'question',
			'reveal',
			'result',
		]);
		await snapshot.cancel();

		// An id from before a restart: a snapshot, not a replay.
		const stale = await hub.connect(code, joined[0], 'old.5');
		if (!stale.ok) throw new Error(stale.error.message);
		const again = reader(stale.value);
		expect(events(await again.read())[0].data.type).toBe('me');
		await again.cancel();
	});
});

describe('hub: the projector during a join wave', () => {
	it('gets the lobby at most once per window, the last one with everyone, in order with other events', async () => {
		const hub = await hubs.start({
			loadQuestions: async () => [singleQuestion('q1')],
			joinLimit: { perWindow: 1e9, windowMs: 60_000 },
			// Long enough that 300 joins on a loaded machine cannot outlast it.
			hostUpdateMs: 2_000,
		});
		const created = await hub.create({ ...GAME_SETTINGS, count: 1 });
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const host = await hub.connect(code, hostToken);
		if (!host.ok) throw new Error(host.error.message);
		const stream = reader(host.value);
		await stream.read();
		await new Promise((r) => setTimeout(r, 2_100)); // creating the game sent a lobby update
		for (let i = 0; i < 300; i++) await hub.join(code, { code, nickname: `p${i}` }, '1.1.1.1');
		const during = events(await stream.read()).map((e) => e.data);
		// The first join goes out at once; the other 299 wait for the window to end.
		expect(during).toHaveLength(1);
		// Starting inside the window sends the held-back lobby first, then the question.
		await hub.host(code, hostToken, { action: 'start' });
		const after = events(await stream.read()).map((e) => e.data);
		expect(after.map((e) => e.type)).toEqual(['lobby', 'question']);
		expect(after[0]).toMatchObject({ type: 'lobby', count: 300 });
		await stream.cancel();
	});
});
