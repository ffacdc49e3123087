// The projector's and phones' event stream: every event checked against the protocol, the
// server's clock read from pings and questions, a broken stream opened again where it left off
// (Last-Event-ID), a dead one noticed, and a refused or removed one left closed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../src/lib/live/protocol.ts';
import {
	openEventStream,
	RETRY_MS,
	SILENCE_MS,
	type StreamListener,
} from '../../src/lib/state/live-stream.ts';

/** Enough of the browser's EventSource to drive by hand. */
class FakeEventSource {
	static opened: FakeEventSource[] = [];
	onopen: (() => void) | null = null;
	onerror: (() => void) | null = null;
	onmessage: ((e: { data: string; lastEventId: string }) => void) | null = null;
	closed = false;
	readonly #listeners = new Map<string, (e: { data: string }) => void>();
	constructor(readonly url: string) {
		FakeEventSource.opened.push(this);
	}
	addEventListener(type: string, listener: (e: { data: string }) => void) {
		this.#listeners.set(type, listener);
	}
	close() {
		this.closed = true;
	}
	open() {
		this.onopen?.();
	}
	send(data: unknown, id = '') {
		this.onmessage?.({
			data: typeof data === 'string' ? data : JSON.stringify(data),
			lastEventId: id,
		});
	}
	ping(data: string) {
		this.#listeners.get('ping')?.({ data });
	}
}

const latest = () => FakeEventSource.opened.at(-1)!;

function listen() {
	const heard = {
		events: [] as LiveEvent[],
		times: [] as number[],
		connected: [] as boolean[],
		refused: [] as number[],
	};
	const on: StreamListener = {
		event: (e) => heard.events.push(e),
		serverTime: (now) => heard.times.push(now),
		connected: (open) => heard.connected.push(open),
		refused: (status) => heard.refused.push(status),
	};
	return { heard, on };
}

const URL = '/api/live/games/123456/events?token=t';
const question = {
	type: 'question',
	index: 0,
	total: 2,
	now: 5_000,
	opensAt: 5_000,
	closesAt: 25_000,
	question: { type: 'truefalse', prompt: { zh: '对吗？', en: 'True?' } },
};

let statuses: number[] = [];
beforeEach(() => {
	vi.useFakeTimers();
	FakeEventSource.opened = [];
	statuses = [];
	vi.stubGlobal('EventSource', FakeEventSource);
	vi.stubGlobal(
		'fetch',
		vi.fn(async () => {
			const status = statuses.shift();
			if (status === undefined) throw new TypeError('offline');
			return new Response(null, { status });
		}),
	);
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('a game’s event stream', () => {
	it('passes on each event that fits the protocol and drops anything else', () => {
		const { heard, on } = listen();
		const stop = openEventStream(URL, on);
		latest().open();
		latest().send({ type: 'lobby', count: 2, locked: false }, 'e.1');
		latest().send('not json', 'e.2');
		latest().send({ type: 'lobby', count: -1, locked: false }, 'e.3');
		latest().send({ type: 'reveal', index: 0, correct: true }, 'e.4');
		latest().send({ type: 'locked', locked: true }, 'e.5');
		expect(heard.events).toEqual([
			{ type: 'lobby', count: 2, locked: false },
			{ type: 'locked', locked: true },
		]);
		expect(heard.connected).toEqual([true]);
		stop();
		expect(latest().closed).toBe(true);
	});

	it('reads the server’s clock from pings and questions, ignoring pings it cannot read', () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		latest().ping('{"now":1234}');
		latest().ping('{"now":"soon"}');
		latest().ping('garbage');
		latest().send(question, 'e.1');
		expect(heard.times).toEqual([1234, 5_000]);
		expect(heard.events.map((e) => e.type)).toEqual(['question']);
	});

	it('opens a broken stream again after a second, from the last event it saw', async () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		latest().open();
		latest().send({ type: 'locked', locked: true }, 'abc.7');
		latest().onerror!();
		await vi.advanceTimersByTimeAsync(0);
		expect(FakeEventSource.opened).toHaveLength(1);
		expect(heard.connected).toEqual([true, false]);
		await vi.advanceTimersByTimeAsync(RETRY_MS);
		expect(FakeEventSource.opened).toHaveLength(2);
		expect(latest().url).toBe(`${URL}&lastEventId=abc.7`);
	});

	it('opens a stream again when it has been silent too long (a half-open socket)', async () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		latest().open();
		await vi.advanceTimersByTimeAsync(SILENCE_MS - 5_000);
		expect(FakeEventSource.opened).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(10_000);
		expect(FakeEventSource.opened).toHaveLength(2);
		expect(FakeEventSource.opened[0].closed).toBe(true);
		expect(heard.connected).toEqual([true, false]);
	});

	it('stops for good when the server refuses the token, and says which refusal', async () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		statuses = [403];
		latest().onerror!();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(heard.refused).toEqual([403]);
		expect(FakeEventSource.opened).toHaveLength(1);
	});

	it('keeps trying when a stream that never opened fails for want of a network', async () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		latest().onerror!();
		await vi.advanceTimersByTimeAsync(RETRY_MS);
		expect(heard.refused).toEqual([]);
		expect(FakeEventSource.opened).toHaveLength(2);
	});

	it('closes a removed player’s stream and never opens it again', async () => {
		const { heard, on } = listen();
		openEventStream(URL, on);
		latest().open();
		latest().send({ type: 'kicked' }, 'e.9');
		expect(heard.events).toEqual([{ type: 'kicked' }]);
		expect(latest().closed).toBe(true);
		latest().onerror!();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(FakeEventSource.opened).toHaveLength(1);
	});

	it('opens nothing more once stopped', async () => {
		const { on } = listen();
		const stop = openEventStream(URL, on);
		latest().onerror!();
		stop();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(FakeEventSource.opened).toHaveLength(1);
	});
});
