/**
 * A game's event stream (Server-Sent Events), as the projector and the phones read it: each event
 * checked with the protocol's schema, the server's clock from its pings, and a stream that breaks
 * opened again where it left off. The server sends each (re)connection what it missed since the
 * last event id it saw, or a snapshot of the game.
 */
import * as v from 'valibot';
import { LiveEvent } from '$lib/live/protocol';

export interface StreamListener {
	/** Each event that parses as a `LiveEvent`; anything else is dropped. */
	event(e: LiveEvent): void;
	/** The server's clock (ms) as of now, from a ping or a question. */
	serverTime(now: number): void;
	/** The stream is open, or has broken and is being opened again. */
	connected(open: boolean): void;
	/**
	 * The server refused the stream (403: the token is not one of the game's; 404: no such game):
	 * retrying cannot help, so the stream stops.
	 */
	refused(status: 403 | 404): void;
}

/** Browsers differ in when and how often they retry a broken stream: this one retries each second. */
export const RETRY_MS = 1000;
/** The server pings every 10 s: this long without a word means the stream is dead (half-open). */
export const SILENCE_MS = 25_000;

/** Opens the stream at `url` and keeps it open until the returned function is called. */
export function openEventStream(url: string, on: StreamListener): () => void {
	let stopped = false;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let source: EventSource | undefined;
	let lastHeard = Date.now();
	let lastId = '';
	// A removed player's stream or a refused one is over: nothing reopens it.
	let over = false;

	const open = () => {
		lastHeard = Date.now();
		const resume = lastId ? `&lastEventId=${encodeURIComponent(lastId)}` : '';
		const current = new EventSource(url + resume);
		source = current;
		let opened = false;
		current.onopen = () => {
			opened = true;
			lastHeard = Date.now();
			on.connected(true);
		};
		current.addEventListener('ping', (e: MessageEvent<string>) => {
			lastHeard = Date.now();
			const now = readJson(e.data, v.object({ now: v.pipe(v.number(), v.finite()) }))?.now;
			if (now !== undefined) on.serverTime(now);
		});
		current.onerror = async () => {
			on.connected(false);
			current.close();
			// EventSource hides the status of a refused stream: ask once, without keeping the stream.
			if (!opened) {
				const status = await streamStatus(url);
				if (status === 403 || status === 404) {
					over = true;
					on.refused(status);
					return;
				}
			}
			if (!stopped && !over) retry = setTimeout(open, RETRY_MS);
		};
		current.onmessage = (e: MessageEvent<string>) => {
			lastHeard = Date.now();
			if (e.lastEventId) lastId = e.lastEventId;
			const event = readJson(e.data, LiveEvent);
			if (!event) return;
			if (event.type === 'question') on.serverTime(event.now);
			if (event.type === 'kicked') {
				over = true;
				current.close();
			}
			on.event(event);
		};
	};
	open();
	// A stream can die without an error (Wi-Fi gone, a half-open socket).
	const watchdog = setInterval(() => {
		if (!stopped && !over && Date.now() - lastHeard > SILENCE_MS) {
			on.connected(false);
			source?.close();
			clearTimeout(retry);
			open();
		}
	}, 5_000);
	return () => {
		stopped = true;
		clearTimeout(retry);
		clearInterval(watchdog);
		source?.close();
	};
}

function readJson<S extends v.GenericSchema>(
	text: string,
	schema: S,
): v.InferOutput<S> | undefined {
	try {
		const parsed = v.safeParse(schema, JSON.parse(text));
		return parsed.success ? parsed.output : undefined;
	} catch {
		return undefined;
	}
}

/** The HTTP status of the stream at `url`, read and then dropped; undefined without network. */
async function streamStatus(url: string): Promise<number | undefined> {
	const abort = new AbortController();
	try {
		const response = await fetch(url, { signal: abort.signal, cache: 'no-store' });
		return response.status;
	} catch {
		return undefined;
	} finally {
		abort.abort();
	}
}
