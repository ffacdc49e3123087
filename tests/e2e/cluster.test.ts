// Several Kioku instances on one PostgreSQL behind nginx, configured by deploy/nginx.conf: what
// holds no state on an instance (accounts, sessions, sync) works whichever instance answers, and
// a live game of 200 phones goes on when the instance running it is killed (kill -9).
import pg from 'pg';
import { configKey, schedulerConfig } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { uuid7 } from '../../src/lib/sync/uuid7.ts';
import { startCluster, type Cluster } from '../../scripts/cluster.ts';
import type { Page } from '@playwright/test';
import { budget, expect, open, ownPort, test } from './fixtures';
import { callUntilAnswered, ReconnectingStream } from './live-crowd';

const PLAYERS = 200;
const QUESTIONS = 4;
/** True/false only, in deck order: two games played alike score alike. */
const SETTINGS = {
	decks: ['us-japan-2023/security-defence'],
	types: ['truefalse'],
	count: QUESTIONS,
	secondsPerQuestion: 120,
	readingSeconds: 0,
	scoring: 'accuracy',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};
/** What player `i` answers to question `q`: some right, some wrong, the same in every game. */
const says = (i: number, q: number) => (i + q) % 3 !== 0;

interface Phone {
	nickname: string;
	token: string;
	stream: ReconnectingStream;
	/** Questions whose answer the server acknowledged. */
	acked: Set<number>;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await fn(items[next++]);
	};
	await Promise.all(Array.from({ length: n }, worker));
}

const seen = (stream: ReconnectingStream, type: string, index: number) =>
	stream.events.some(
		(e) => e.data.startsWith(`{"type":"${type}"`) && JSON.parse(e.data).index === index,
	);

/**
 * A scripted game through nginx: 200 phones join, answer each question as `says` tells, and the
 * host moves on once all have. `during(q, phones)` runs halfway through question q's answers.
 */
async function playGame(
	base: string,
	during?: (q: number, code: string) => Promise<void>,
): Promise<{ code: string; hostToken: string; phones: Phone[] }> {
	const created = await callUntilAnswered(`${base}/api/live/games`, SETTINGS);
	expect(created.status, created.body).toBe(200);
	const { code, hostToken, joinKey } = JSON.parse(created.body) as Record<string, string>;
	const host = new ReconnectingStream(`${base}/api/live/games/${code}/events?token=${hostToken}`);
	const phones: Phone[] = [];
	await pool(
		Array.from({ length: PLAYERS }, (_, i) => i),
		20,
		async (i) => {
			const nickname = `p${String(i).padStart(3, '0')}`;
			const r = await callUntilAnswered(`${base}/api/live/games/${code}/join`, {
				code,
				nickname,
				key: joinKey,
			});
			expect(r.status, r.body).toBe(200);
			const { token } = JSON.parse(r.body) as { token: string };
			const stream = new ReconnectingStream(`${base}/api/live/games/${code}/events?token=${token}`);
			phones[i] = { nickname, token, stream, acked: new Set() };
		},
	);
	const act = async (action: string) => {
		const r = await callUntilAnswered(`${base}/api/live/games/${code}/host`, { action }, hostToken);
		expect(r.status, `${action}: ${r.body}`).toBe(200);
	};
	const answer = async (phone: Phone, i: number, q: number) => {
		const r = await callUntilAnswered(
			`${base}/api/live/games/${code}/answer`,
			{ questionIndex: q, answer: { type: 'truefalse', value: says(i, q) } },
			phone.token,
		);
		if (r.status === 200) phone.acked.add(q);
	};
	try {
		for (let q = 0; q < QUESTIONS; q++) {
			await act(q === 0 ? 'start' : 'next');
			await expect
				.poll(() => phones.filter((p) => seen(p.stream, 'question', q)).length, {
					timeout: 60_000,
				})
				.toBe(PLAYERS);
			const half = PLAYERS / 2;
			await pool(phones.slice(0, half), 20, (p) => answer(p, phones.indexOf(p), q));
			await during?.(q, code);
			await pool(phones.slice(half), 20, (p) => answer(p, phones.indexOf(p), q));
			// Everyone has answered: the answer is shown by itself.
			await expect.poll(() => seen(host, 'reveal', q), { timeout: 60_000 }).toBe(true);
			await act('next');
		}
		await act('next');
	} finally {
		host.close();
		for (const p of phones) p?.stream.close();
	}
	return { code, hostToken, phones };
}

async function resultsOf(base: string, code: string, hostToken: string) {
	const r = await callUntilAnswered(`${base}/api/live/games/${code}/results`, undefined, hostToken);
	expect(r.status, r.body).toBe(200);
	return JSON.parse(r.body) as {
		players: {
			nickname: string;
			score: number;
			correct: number;
			questions: { answered: boolean }[];
		}[];
	};
}

test.describe('three instances behind nginx', () => {
	// One cluster for all its tests; the later ones kill or stop its instances.
	test.describe.configure({ mode: 'serial' });
	let cluster: Cluster;
	test.beforeAll(async () => {
		test.setTimeout(120_000);
		cluster = await startCluster(ownPort(40), 3);
	});
	test.afterAll(async () => {
		await cluster?.stop();
	});

	test('every screen comes through nginx, however many scripts its Link header names', async () => {
		// The larger pages' headers passed nginx's default 4 KB buffer: it answered 502 and took
		// the instance out of rotation (deploy/nginx.conf, proxy_buffer_size).
		const screens = [
			'/',
			'/import',
			'/settings',
			'/account',
			'/stats',
			'/test',
			'/test/run',
			'/live',
			'/join',
			'/play/123456',
			'/live/host/123456',
			'/study/us-japan-2023/security-defence',
			'/deck/us-japan-2023/security-defence',
		];
		for (const path of screens) {
			const response = await fetch(cluster.base + path);
			expect(response.status, path).toBe(200);
		}
	});

	test('an account made through nginx is signed in on every instance, and what one device pushes another pulls from any', async () => {
		const signUp = await fetch(`${cluster.base}/api/account/sign-up`, {
			method: 'POST',
			headers: { origin: cluster.base, 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'cluster-ann', password: 'a long enough password' }),
		});
		expect(signUp.status).toBe(200);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('better-auth.session_token='))!;
		expect(cookie).toBeTruthy();
		// Straight to each instance, as nginx would forward it (an instance behind nginx reads the
		// client's address from X-Forwarded-For, and refuses a request without one).
		const forwarded = { 'x-forwarded-for': '127.0.0.1' };
		for (const instance of cluster.instances) {
			const me = await fetch(`${instance.base}/api/account/session`, {
				headers: { cookie, ...forwarded },
			});
			expect(await me.json(), instance.id).toMatchObject({ user: { name: 'cluster-ann' } });
		}

		const config = schedulerConfig(DEFAULT_DECK_OPTIONS);
		const key = configKey(config);
		const at = Date.now() - 60_000;
		const review = {
			kind: 'review',
			uid: uuid7(at),
			cardId: 'us-japan-2023/security-defence/q1',
			deck: 'us-japan-2023/security-defence',
			rating: 3,
			review: at,
			durationMs: 4000,
			config: key,
		};
		const [first, , third] = cluster.instances;
		const pushed = await fetch(`${first.base}/api/sync/push`, {
			method: 'POST',
			headers: { origin: first.base, 'content-type': 'application/json', cookie, ...forwarded },
			body: JSON.stringify({ changes: [{ kind: 'config', key, config }, review] }),
		});
		expect(pushed.status).toBe(200);
		for (const base of [third.base, cluster.base]) {
			const pulled = await fetch(`${base}/api/sync/pull?cursor=0&limit=100`, {
				headers: { cookie, ...forwarded },
			});
			const body = (await pulled.json()) as { changes: { uid?: string }[] };
			expect(body.changes.map((c) => c.uid).filter(Boolean), base).toEqual([review.uid]);
		}
	});

	test('a game of 200 phones goes on when the instance running it is killed: nothing acknowledged lost, nothing counted twice', async () => {
		budget(240_000);
		// The same game without a kill: the scores to reach.
		const control = await playGame(cluster.base);
		const expected = await resultsOf(cluster.base, control.code, control.hostToken);

		const db = new pg.Client({ connectionString: cluster.databaseUrl });
		await db.connect();
		let killedAt = 0;
		let killed = '';
		try {
			const game = await playGame(cluster.base, async (q, code) => {
				if (q !== 2) return;
				// Half the class has answered question 3: the instance running the game dies.
				const { rows } = await db.query<{ owner: string }>(
					'select owner from live_lease where code = $1',
					[code],
				);
				const owner = cluster.instances.find((i) => i.id === rows[0]?.owner);
				expect(owner, `the game's owner: ${rows[0]?.owner}`).toBeTruthy();
				killed = owner!.id;
				killedAt = Date.now();
				owner!.signal('SIGKILL');
				await owner!.exited();
			});
			const after = game.phones.map(
				(p) => p.stream.events.find((e) => e.at > killedAt)?.at ?? Infinity,
			);
			const waits = after.map((at) => (at - killedAt) / 1000).sort((a, b) => a - b);
			console.log(
				`killed ${killed} at question 3: the players' next event came after ` +
					`median ${waits[waits.length >> 1].toFixed(1)} s, max ${waits.at(-1)!.toFixed(1)} s`,
			);
			const { rows } = await db.query<{ owner: string; epoch: string }>(
				'select owner, epoch from live_lease where code = $1',
				[game.code],
			);
			expect(rows[0].owner).not.toBe(killed);
			// Every phone's stream broke and came back with its last event id: each was sent exactly
			// what it missed from the game's log in the database, not a snapshot.
			expect(game.phones.every((p) => p.stream.opened >= 2)).toBe(true);
			expect(game.phones.map((p) => p.stream.snapshots)).toEqual(game.phones.map(() => 0));

			const got = await resultsOf(cluster.base, game.code, game.hostToken);
			// Every answer the server acknowledged is in the results, and the scores are those of
			// the game that nobody killed: nothing lost, nothing counted twice.
			const byName = new Map(got.players.map((p) => [p.nickname, p]));
			for (const phone of game.phones) {
				const result = byName.get(phone.nickname)!;
				for (const q of phone.acked)
					expect(result.questions[q].answered, phone.nickname).toBe(true);
			}
			expect(game.phones.every((p) => p.acked.size === QUESTIONS)).toBe(true);
			const scores = (r: typeof got) =>
				Object.fromEntries(r.players.map((p) => [p.nickname, [p.score, p.correct]]));
			expect(scores(got)).toEqual(scores(expected));
		} finally {
			await db.end();
		}
	});

	test('an instance restarted one after another during a game (SIGTERM) hands it over: nothing lost', async () => {
		budget(240_000);
		const control = await playGame(cluster.base);
		const expected = await resultsOf(cluster.base, control.code, control.hostToken);
		// The killed instance of the test before comes back first.
		for (const instance of cluster.instances) if (!instance.running()) await instance.start();
		const game = await playGame(cluster.base, async (q) => {
			if (q !== 1) return;
			for (const instance of cluster.instances) {
				instance.signal('SIGTERM');
				expect(await instance.exited(), instance.id).toBe(0);
				await instance.start();
			}
		});
		const got = await resultsOf(cluster.base, game.code, game.hostToken);
		expect(game.phones.every((p) => p.acked.size === QUESTIONS)).toBe(true);
		const scores = (r: typeof got) =>
			Object.fromEntries(r.players.map((p) => [p.nickname, [p.score, p.correct]]));
		expect(scores(got)).toEqual(scores(expected));
	});

	test('an instance paused past its lease (SIGSTOP) cannot accept an answer once another took the game over', async () => {
		budget(120_000);
		const forwarded = { 'x-forwarded-for': '127.0.0.1' };
		const created = await callUntilAnswered(`${cluster.base}/api/live/games`, SETTINGS);
		const { code, hostToken, joinKey } = JSON.parse(created.body) as Record<string, string>;
		const join = await callUntilAnswered(`${cluster.base}/api/live/games/${code}/join`, {
			code,
			nickname: 'Ann',
			key: joinKey,
		});
		const { token } = JSON.parse(join.body) as { token: string };
		const start = await callUntilAnswered(
			`${cluster.base}/api/live/games/${code}/host`,
			{ action: 'start' },
			hostToken,
		);
		expect(start.status, start.body).toBe(200);
		const db = new pg.Client({ connectionString: cluster.databaseUrl });
		await db.connect();
		try {
			const lease = async () =>
				(
					await db.query<{ owner: string; epoch: string }>(
						'select owner, epoch from live_lease where code = $1',
						[code],
					)
				).rows[0];
			const before = await lease();
			const owner = cluster.instances.find((i) => i.id === before.owner)!;
			const other = cluster.instances.find((i) => i !== owner && i.running())!;
			owner.signal('SIGSTOP');
			try {
				// Past the lease (4 s by default), another instance is asked for the game: it takes it.
				await new Promise((r) => setTimeout(r, 5_000));
				const results = await fetch(`${other.base}/api/live/games/${code}/results`, {
					headers: { authorization: `Bearer ${hostToken}`, ...forwarded },
				});
				expect(results.status).toBe(200);
				expect(await lease()).toMatchObject({ owner: other.id });
			} finally {
				owner.signal('SIGCONT');
			}
			/** Ann's answer, sent straight to one instance (as nginx would forward it). */
			const answerOn = (instance: (typeof cluster.instances)[number]) =>
				fetch(`${instance.base}/api/live/games/${code}/answer`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${token}`,
						'content-type': 'application/json',
						...forwarded,
					},
					body: JSON.stringify({ questionIndex: 0, answer: { type: 'truefalse', value: true } }),
				});
			// The paused instance wakes with the game still in its memory: its answer is refused.
			const late = await answerOn(owner);
			expect(late.status).toBe(503);
			const { rows } = await db.query('select 1 from live_answer where code = $1', [code]);
			expect(rows).toEqual([]);
			expect(Number((await lease()).epoch)).toBeGreaterThan(Number(before.epoch));
			// Where the game is now, the same answer is taken.
			const taken = await answerOn(other);
			expect(taken.status).toBe(200);
		} finally {
			await db.end();
		}
	});

	test('in Chromium, the projector and two phones carry on by themselves when the instance running their game is killed', async ({
		browser,
	}) => {
		budget(120_000);
		for (const instance of cluster.instances) if (!instance.running()) await instance.start();
		const context = await browser.newContext({ locale: 'en-US', baseURL: cluster.base });
		const host = await context.newPage();
		await open(host, '/live');
		await host.getByLabel('Number of questions').fill('2');
		await host.getByLabel('Seconds to read before answers open').fill('0');
		for (const type of ['Multiple choice', 'Put in order', 'Short answer'])
			await host.getByRole('checkbox', { name: type }).uncheck();
		await host.getByRole('button', { name: 'Create game' }).click();
		const code = (await host.getByTestId('game-code').textContent())!.trim();
		const phones: Page[] = [];
		for (const name of ['Ann', 'Bo']) {
			const phone = await (
				await browser.newContext({ locale: 'en-US', baseURL: cluster.base })
			).newPage();
			await open(phone, `/join/${code}`);
			await phone.getByLabel('Your name').fill(name);
			await phone.getByRole('button', { name: 'Join' }).click();
			await expect(phone.getByText("You're in! Waiting for the teacher to start…")).toBeVisible();
			phones.push(phone);
		}
		await expect(host.getByText('Players: 2')).toBeVisible();
		await host.getByRole('button', { name: 'Start' }).click();
		const answer = async (phone: Page) => {
			const option = phone.locator('.options button').first();
			const truth = phone.getByRole('button', { name: 'True' });
			await expect(option.or(truth)).toBeVisible({ timeout: 30_000 });
			if (await option.isVisible()) await option.click();
			else await truth.click();
		};
		// Ann answers; then the instance running the game dies before Bo does.
		await answer(phones[0]);
		await expect(phones[0].getByText('Answer sent. Waiting for the others…')).toBeVisible();
		const db = new pg.Client({ connectionString: cluster.databaseUrl });
		await db.connect();
		try {
			const { rows } = await db.query<{ owner: string }>(
				'select owner from live_lease where code = $1',
				[code],
			);
			const owner = cluster.instances.find((i) => i.id === rows[0].owner)!;
			owner.signal('SIGKILL');
			await owner.exited();
		} finally {
			await db.end();
		}
		// Nobody reloads anything: Bo's answer goes through once another instance has the game,
		// and the reveal reaches the projector and both phones.
		await answer(phones[1]);
		await expect(host.getByTestId('distribution')).toBeVisible({ timeout: 30_000 });
		for (const phone of phones)
			await expect(phone.getByText(/Right!|Not this time/)).toBeVisible({ timeout: 30_000 });
		await host.getByRole('button', { name: 'Next' }).click();
		await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
	});
});
