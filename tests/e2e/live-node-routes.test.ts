// The classroom's event streams and answers as the production server serves them: from Node's
// request and response (src/lib/server/live/node-routes.ts), not through SvelteKit. Every rule
// is checked on the real server twice, once that way and once through SvelteKit's routes
// (KIOKU_LIVE_ROUTES=sveltekit), and both must answer alike: statuses, bodies, Retry-After, the
// stream's headers, a resume from Last-Event-ID, the per-address stream limit, a stopping
// instance's 503, and the open streams it closes.
import { expect, ownPort, test } from './fixtures';
import { startServer, type OwnServer } from './own-server';

const SETTINGS = {
	decks: ['us-japan-2023/security-defence'],
	types: ['single'],
	count: 2,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};

interface SseEvent {
	id?: string;
	event?: string;
	data: string;
}

/** An open event stream, read event by event. */
class Stream {
	readonly events: SseEvent[] = [];
	ended = false;
	#buffer = '';
	readonly #abort = new AbortController();
	response!: Response;

	static async open(url: string, headers: Record<string, string> = {}): Promise<Stream> {
		const s = new Stream();
		s.response = await fetch(url, { headers, signal: s.#abort.signal });
		if (s.response.ok) void s.#read();
		return s;
	}

	async #read() {
		const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				this.#buffer += value;
				for (let i = this.#buffer.indexOf('\n\n'); i >= 0; i = this.#buffer.indexOf('\n\n')) {
					const block = this.#buffer.slice(0, i);
					this.#buffer = this.#buffer.slice(i + 2);
					const e: SseEvent = { data: '' };
					for (const line of block.split('\n')) {
						const [field, ...rest] = line.split(': ');
						const value = rest.join(': ');
						if (field === 'id') e.id = value;
						else if (field === 'event') e.event = value;
						else if (field === 'data') e.data = value;
					}
					if (e.data) this.events.push(e);
				}
			}
		} catch {
			// Aborted by the test.
		}
		this.ended = true;
	}

	/** The `type`s of the data events so far. */
	types(): string[] {
		return this.events
			.filter((e) => !e.event)
			.map((e) => (JSON.parse(e.data) as { type: string }).type);
	}

	close() {
		this.#abort.abort();
	}
}

async function refusal(r: Response) {
	return { status: r.status, body: await r.json(), retryAfter: r.headers.get('retry-after') };
}

for (const [mode, offset] of [
	['node', 50],
	['sveltekit', 51],
] as const) {
	test(`event streams and answers, served ${mode === 'node' ? 'from Node directly' : 'through SvelteKit'}`, async () => {
		test.setTimeout(60_000);
		const server: OwnServer = await startServer(ownPort(offset), {
			KIOKU_DB: `test-results/live-node-routes-${mode}-${Date.now()}.db`,
			KIOKU_STREAMS_PER_ADDRESS: '3',
			// Long enough to be refused a new stream while the server still serves.
			KIOKU_SHUTDOWN_DRAIN_MS: '2000',
			...(mode === 'sveltekit' ? { KIOKU_LIVE_ROUTES: 'sveltekit' } : {}),
		});
		const { base } = server;
		const streams: Stream[] = [];
		const open = async (path: string, headers: Record<string, string> = {}) => {
			const s = await Stream.open(`${base}${path}`, headers);
			streams.push(s);
			return s;
		};
		const post = (path: string, body: unknown, token?: string, type = 'application/json') =>
			fetch(`${base}${path}`, {
				method: 'POST',
				headers: {
					'content-type': type,
					...(token ? { authorization: `Bearer ${token}` } : {}),
				},
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
		try {
			const created = await post('/api/live/games', SETTINGS);
			const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
			const join = (nickname: string) =>
				post(`/api/live/games/${code}/join`, { code, nickname, key: joinKey }).then(
					(r) => r.json() as Promise<{ token: string }>,
				);
			const { token } = await join('Ann');
			const events = (t: string, query = '') => `/api/live/games/${code}/events?token=${t}${query}`;
			const answerPath = `/api/live/games/${code}/answer`;
			const notInGame = { status: 403, body: { error: 'No such game, or not yours' } };

			// Refusals: a token that is not the game's, a game that does not exist.
			const wrong = await fetch(`${base}${events('not-a-token')}`);
			expect(await refusal(wrong)).toEqual({ ...notInGame, retryAfter: null });
			expect(wrong.headers.get('content-type')).toBe('application/json');
			expect(wrong.headers.get('content-security-policy')).toBe(
				"default-src 'none'; frame-ancestors 'none'",
			);
			const missing = await fetch(`${base}/api/live/games/999999/events?token=${token}`);
			expect(await refusal(missing)).toEqual({ ...notInGame, retryAfter: null });
			const answer = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
			expect(await refusal(await post(answerPath, answer, 'not-a-token'))).toEqual({
				...notInGame,
				retryAfter: null,
			});
			expect(await refusal(await post(answerPath, '{not json', token))).toEqual({
				status: 400,
				body: { error: 'Not JSON' },
				retryAfter: null,
			});
			expect(await refusal(await post(answerPath, 'x'.repeat(5_000), token))).toEqual({
				status: 413,
				body: { error: 'Request too large' },
				retryAfter: null,
			});
			expect(await refusal(await post(answerPath, 'é'.repeat(20_000), token))).toEqual({
				status: 413,
				body: { error: 'Request too large' },
				retryAfter: null,
			});
			// A form's content type from another site: SvelteKit's own check, on either path.
			const form = await post(answerPath, 'a=1', token, 'application/x-www-form-urlencoded');
			expect(form.status).toBe(403);
			expect(await form.text()).toBe('Cross-site POST form submissions are forbidden');
			// Not yet a question to answer.
			expect(await refusal(await post(answerPath, answer, token))).toEqual({
				status: 409,
				body: { error: 'Not the current question' },
				retryAfter: null,
			});

			// A stream: its headers, then the snapshot for this player.
			const player = await open(events(token));
			expect(player.response.status).toBe(200);
			expect(player.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
			expect(player.response.headers.get('cache-control')).toBe('no-store');
			expect(player.response.headers.get('x-accel-buffering')).toBe('no');
			expect(player.response.headers.get('x-content-type-options')).toBe('nosniff');
			await expect.poll(() => player.types()).toEqual(['me', 'lobby']);
			const seen = player.events.at(-1)!.id!;
			player.close();

			// Missed while away: the question. Back with the last id seen, exactly that comes,
			// then a ping, and no snapshot.
			const host = await open(events(hostToken));
			const start = await post(`/api/live/games/${code}/host`, { action: 'start' }, hostToken);
			expect(start.status).toBe(200);
			const back = await open(events(token), { 'last-event-id': seen });
			await expect.poll(() => back.events.map((e) => e.event ?? 'data').at(-1)).toBe('ping');
			expect(back.types()).toEqual(['question']);
			// The same, with the id in the query (a page opening a new stream itself).
			const again = await open(events(token, `&lastEventId=${encodeURIComponent(seen)}`));
			await expect.poll(() => again.events.map((e) => e.event ?? 'data').at(-1)).toBe('ping');
			expect(again.types()).toEqual(['question']);
			again.close();
			// An id this server never gave: the snapshot instead.
			const unknown = await open(events(token), { 'last-event-id': 'elsewhere.3' });
			await expect.poll(() => unknown.types()[0]).toBe('me');
			unknown.close();

			// An answer is taken, and every stream hears what it caused.
			expect(await (await post(answerPath, answer, token)).json()).toEqual({ accepted: true });
			await expect.poll(() => back.types()).toContain('result');
			expect(await refusal(await post(answerPath, answer, token))).toMatchObject({ status: 409 });

			// Three streams from this address at most (host and back are open): a third, then a
			// fourth that is refused.
			const third = await open(events(token));
			expect(third.response.status).toBe(200);
			const fourth = await fetch(`${base}${events(token)}`);
			expect(await refusal(fourth)).toEqual({
				status: 429,
				body: { error: 'Too many open streams from this network' },
				retryAfter: null,
			});
			// A closed stream frees its place.
			third.close();
			await expect
				.poll(async () => {
					const r = await fetch(`${base}${events(token)}`);
					if (r.ok) await r.body?.cancel();
					return r.status;
				})
				.toBe(200);

			// Stopping: new streams are refused with Retry-After at once, open ones are closed.
			server.signal('SIGTERM');
			// (A request that arrives before the signal is handled still opens a stream.)
			await expect
				.poll(async () => {
					const r = await fetch(`${base}${events(token)}`);
					if (!r.ok) return refusal(r);
					await r.body?.cancel();
					return { status: r.status };
				})
				.toEqual({
					status: 503,
					body: { error: 'This server is restarting; try again' },
					retryAfter: '1',
				});
			expect(host.ended).toBe(false);
			await expect.poll(() => host.ended && back.ended, { timeout: 10_000 }).toBe(true);
			expect(await server.exited).toBe(0);
			// Logged as JSON lines, nothing else.
			const { stdout, stderr } = server.output();
			for (const line of `${stdout}${stderr}`.split('\n').filter(Boolean))
				expect(() => JSON.parse(line), line).not.toThrow();
		} finally {
			for (const s of streams) s.close();
			await server.stop();
		}
	});
}
