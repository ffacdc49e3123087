// An event stream written to Node's response (what the production server's classroom streams
// are), on a real HTTP server: what the client reads, and that the hub is told exactly once when
// the stream ends, whichever side ends it, also when the client left before the stream opened.
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encoder, openNodeSse } from '$lib/server/live/sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
	await close?.();
	close = undefined;
});

/** A server whose every request is handed to `onRequest`; its port. */
async function serve(onRequest: (res: ServerResponse) => void): Promise<number> {
	const server = createServer((_req, res) => onRequest(res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return (server.address() as AddressInfo).port;
}

const until = async (cond: () => boolean) => {
	for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(cond()).toBe(true);
};

describe('an event stream on Node’s response', () => {
	it('sends its headers, the retry hint and each event, and ends when closed', async () => {
		let closed = 0;
		const port = await serve((res) => {
			const { connection } = openNodeSse(res)(() => closed++);
			connection.write('id: a.1\ndata: {"n":1}\n\n');
			connection.write(encoder.encode('id: a.2\ndata: {"n":2}\n\n'));
			setTimeout(() => {
				connection.close();
				expect(connection.write('too late')).toBe(false);
			}, 50);
		});
		const got = await new Promise<{ headers: Record<string, unknown>; body: string }>((resolve) => {
			request(`http://127.0.0.1:${port}/`, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (body += c));
				res.on('end', () => resolve({ headers: res.headers, body }));
			}).end();
		});
		expect(got.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		expect(got.headers['cache-control']).toBe('no-store');
		expect(got.headers['x-accel-buffering']).toBe('no');
		expect(got.body).toBe('retry: 1000\n\nid: a.1\ndata: {"n":1}\n\nid: a.2\ndata: {"n":2}\n\n');
		expect(closed).toBe(1);
	});

	it('tells the hub once when the client goes away, and writes nothing after', async () => {
		let closed = 0;
		let write: ((e: string) => boolean) | undefined;
		const port = await serve((res) => {
			write = openNodeSse(res)(() => closed++).connection.write;
		});
		const req = request(`http://127.0.0.1:${port}/`, (res) => {
			res.once('data', () => req.destroy());
		});
		req.on('error', () => {});
		req.end();
		await until(() => closed === 1);
		expect(write!('id: a.3\ndata: {}\n\n')).toBe(false);
		expect(closed).toBe(1);
	});

	it('ends at once, counted once, when the client left before the stream opened', async () => {
		let closed = 0;
		let opened = false;
		const port = await serve((res) => {
			// As when the hub waited for the database: the client is gone by the time it answers.
			res.once('close', () => {
				openNodeSse(res)(() => closed++);
				opened = true;
				// Told in a microtask, after the hub has counted the stream in, and without
				// waiting for a write to find the response gone.
				expect(closed).toBe(0);
			});
		});
		const req = request(`http://127.0.0.1:${port}/`);
		req.on('error', () => {});
		req.end();
		setTimeout(() => req.destroy(), 50);
		await until(() => opened && closed === 1);
	});
});
