/**
 * Server-Sent Events over a web ReadableStream (what +server.ts returns). Each event is
 * serialised once by the hub and the same text is written to every recipient.
 */
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
			c.enqueue(encoder.encode('retry: 1000\n\n'));
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
	const response = new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive',
			'x-accel-buffering': 'no',
		},
	});
	return { response, connection };
}
