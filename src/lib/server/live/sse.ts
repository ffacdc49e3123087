/**
 * Server-Sent Events: over a web ReadableStream (what +server.ts returns, under `vite dev`), or
 * straight onto Node's response (the production server, see node-routes.ts). Each event is
 * serialised once by the hub and the same bytes are written to every recipient.
 */
import type { ServerResponse } from 'node:http';

export interface Connection {
	/**
	 * Writes a pre-serialised event; false when the stream is gone. Bytes encoded once can go to
	 * every recipient: the stream does not take ownership of them.
	 */
	write(event: string | Uint8Array): boolean;
	close(): void;
}

export const encoder = new TextEncoder();
/** A `ping` event this often: it keeps proxies from closing the stream, and lets a client notice a dead one. */
export const HEARTBEAT_MS = 10_000;

/** Also tells the client the server's time: after a replay of old events it fixes the countdown. */
export const pingEvent = (now: number) => `event: ping\ndata: {"now":${now}}\n\n`;

export function sseEvent(id: string, data: unknown): string {
	return `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Opens a stream to one client: the connection the hub writes to, and what the request handler
 * answers with (a web Response, or nothing when it was written to Node's response directly).
 * `onClose` runs once, when either side ends the stream.
 */
export type OpenStream<R> = (onClose: () => void) => { response: R; connection: Connection };

const HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-store',
	connection: 'keep-alive',
	'x-accel-buffering': 'no',
};
const RETRY = 'retry: 1000\n\n';

/** A stream plus the connection the hub writes to; `onClose` runs when the client goes away. */
export function openSse(onClose: () => void): { response: Response; connection: Connection } {
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	let open = true;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	const close = () => {
		if (!open) return;
		open = false;
		clearInterval(heartbeat);
		try {
			controller.close();
		} catch {
			// Already closed by the client.
		}
		onClose();
	};
	const stream = new ReadableStream<Uint8Array>({
		start(c) {
			controller = c;
			heartbeat = setInterval(() => connection.write(pingEvent(Date.now())), HEARTBEAT_MS);
			c.enqueue(encoder.encode(RETRY));
		},
		cancel: close,
	});
	const connection: Connection = {
		write(event) {
			if (!open) return false;
			try {
				controller.enqueue(typeof event === 'string' ? encoder.encode(event) : event);
				return true;
			} catch {
				close();
				return false;
			}
		},
		close,
	};
	const response = new Response(stream, { headers: HEADERS });
	return { response, connection };
}

/**
 * The same stream written to Node's response: no web stream, reader or promise per event, so an
 * event reaches 2,000 sockets in one synchronous pass, and a connection holds little more than
 * its socket. Bytes are written as they come (Node queues them while a socket is full, as the
 * web stream's queue did).
 */
export const openNodeSse =
	(res: ServerResponse): OpenStream<void> =>
	(onClose) => {
		let open = true;
		let flushing = false;
		// Node holds what is written in one turn of the event loop and sends it on the next tick:
		// after every promise callback already queued, such as the snapshot a host action saves.
		// Sent at the end of the current callback instead, an event leaves before that work.
		const flush = () => {
			flushing = false;
			if (res.socket?.writableCorked) res.socket.uncork();
		};
		const heartbeat = setInterval(() => connection.write(pingEvent(Date.now())), HEARTBEAT_MS);
		const close = () => {
			if (!open) return;
			open = false;
			clearInterval(heartbeat);
			res.off('close', close);
			if (!res.writableEnded) res.end();
			onClose();
		};
		const connection: Connection = {
			write(event) {
				if (!open) return false;
				if (res.destroyed) {
					close();
					return false;
				}
				res.write(event);
				if (!flushing) {
					flushing = true;
					queueMicrotask(flush);
				}
				return true;
			},
			close,
		};
		res.on('close', close);
		// Gone while the hub looked the game up: 'close' was before this listener. Ended once the
		// hub has counted the stream, so it is counted out again.
		if (res.destroyed) queueMicrotask(close);
		else {
			res.writeHead(200, HEADERS);
			res.write(RETRY);
		}
		return { response: undefined, connection };
	};
