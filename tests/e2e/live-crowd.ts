/**
 * A class of phones without browsers, for tests of hundreds of players: each joins over HTTP,
 * keeps its game's event stream open and opens it again when it breaks (after a second, with
 * the last event id it saw, as the app's own stream does: src/lib/state/live-stream.ts), and
 * sends answers again until the server acknowledges them (a request that reached no instance,
 * or one that was not the game's owner yet, is answered 0, 502 or 503).
 */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply {
	status: number;
	body: string;
}

/** One request; a network error or a timeout is status 0, never a rejection. */
export function call(url: string, body?: unknown, token?: string): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (token) headers.authorization = `Bearer ${token}`;
	return new Promise((resolve) => {
		const req = request(url, { method: body ? 'POST' : 'GET', agent, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			res.on('error', (e) => resolve({ status: 0, body: e.message }));
		});
		req.setTimeout(15_000, () => req.destroy(new Error('timed out')));
		req.on('error', (e) => resolve({ status: 0, body: e.message }));
		req.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends until the answer is not 0, 502 or 503 (at most `tries` times, a second apart). */
export async function callUntilAnswered(
	url: string,
	body: unknown,
	token?: string,
	tries = 30,
): Promise<Reply> {
	let reply: Reply = { status: 0, body: '' };
	for (let i = 0; i < tries; i++) {
		reply = await call(url, body, token);
		if (![0, 502, 503].includes(reply.status)) return reply;
		await sleep(1000);
	}
	return reply;
}

export interface LiveEventSeen {
	data: string;
	/** Date.now() when it arrived. */
	at: number;
}

/** A game's event stream that opens itself again when it breaks, until `close()`. */
export class ReconnectingStream {
	readonly events: LiveEventSeen[] = [];
	/** How many times the stream was opened (1 without a break). */
	opened = 0;
	/**
	 * Of the times it was opened again with the last event id it had seen, those answered with a
	 * snapshot (its first event is `me`) rather than exactly the events it missed.
	 */
	snapshots = 0;
	#lastId = '';
	#closed = false;
	#current: ReturnType<typeof request> | undefined;

	constructor(
		readonly url: string,
		readonly onEvent: (data: string) => void = () => {},
	) {
		this.#open();
	}

	#open() {
		if (this.#closed) return;
		const resume = this.#lastId ? `&lastEventId=${encodeURIComponent(this.#lastId)}` : '';
		// Once per attempt, whichever of the request's and the response's ends says so first.
		let retried = false;
		const retry = () => {
			if (retried || this.#closed) return;
			retried = true;
			setTimeout(() => this.#open(), 1000);
		};
		const req = request(this.url + resume, { agent: false }, (res) => {
			if (res.statusCode !== 200) {
				res.resume();
				res.on('end', retry);
				return;
			}
			this.opened++;
			let first = !!resume;
			let buf = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buf += chunk;
				for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
					let data: string | undefined;
					for (const line of buf.slice(0, i).split('\n')) {
						if (line.startsWith('id: ')) this.#lastId = line.slice(4);
						if (line.startsWith('data: ')) data = line.slice(6);
					}
					buf = buf.slice(i + 2);
					if (data !== undefined) {
						if (first && data.startsWith('{"type":"me"')) this.snapshots++;
						first = false;
						this.events.push({ data, at: Date.now() });
						this.onEvent(data);
					}
				}
			});
			res.on('close', retry);
			res.on('error', () => {});
		});
		req.on('error', retry);
		req.end();
		this.#current = req;
	}

	close() {
		this.#closed = true;
		this.#current?.destroy();
	}
}
