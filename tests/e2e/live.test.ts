import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import {
	budget,
	expect,
	open,
	ownPort,
	seriousA11yViolations,
	storedCount,
	test,
} from './fixtures';
import { startServer } from './own-server';

const SETTINGS = {
	decks: ['us-japan-2023/security-defence'],
	types: ['single', 'truefalse'],
	count: 2,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: true,
	lang: 'en',
	optionsOnPhones: true,
};

/**
 * A server of the test's own, with its own database and limits: the guesses a test makes on
 * purpose are counted against its address there, not against every other test's.
 */
function ownServer(offset: number, env: Record<string, string> = {}) {
	const db = `test-results/live-${offset}-${Date.now()}.db`;
	return startServer(ownPort(offset), { KIOKU_DB: db, ...env });
}

/** Ends the game from the projector, through its confirmation. */
async function endGame(host: Page) {
	await host.getByRole('button', { name: 'End the game…' }).click();
	await host.getByRole('dialog').getByRole('button', { name: 'End the game', exact: true }).click();
}

async function player(browser: Browser, code: string, name: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await open(page, `/join/${code}`);
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByText("You're in! Waiting for the teacher to start…")).toBeVisible();
	return page;
}

async function answerFirst(page: Page) {
	const option = page.locator('.options button').first();
	const truth = page.getByRole('button', { name: 'True' });
	await expect(option.or(truth)).toBeVisible();
	if (await option.isVisible()) await option.click();
	else await truth.click();
	await expect(
		page
			.getByText('Answer sent. Waiting for the others…')
			.or(page.getByText(/Right!|Not this time/)),
	).toBeVisible();
}

test.describe('live classroom', () => {
	test.use({ locale: 'en-US' });

	test('a host and three players play a whole game and the host downloads the results', async ({
		page: host,
		browser,
	}) => {
		budget(90_000);
		await open(host, '/live');
		await host.getByLabel('Number of questions').fill('2');
		await host.getByLabel('Seconds to read before answers open').fill('0');
		// Everyone answers, which reveals at once: the clock must not close a question first while
		// a loaded machine takes seconds per phone (it did in CI, 10 s between two answers).
		await host.getByLabel('Seconds to answer').fill('120');
		await host.getByRole('checkbox', { name: 'Multiple choice' }).uncheck();
		await host.getByRole('checkbox', { name: 'Put in order' }).uncheck();
		await host.getByRole('checkbox', { name: 'Short answer' }).uncheck();
		await host.getByRole('button', { name: 'Create game' }).click();
		const code = (await host.getByTestId('game-code').textContent())!.trim();
		expect(code).toMatch(/^\d{6}$/);
		await expect(
			host.getByRole('figure', { name: `QR code to join game ${code}` }).locator('svg'),
		).toBeVisible();

		expect(await seriousA11yViolations(host)).toEqual([]);
		const players = [
			await player(browser, code, 'Ann'),
			await player(browser, code, 'Bo'),
			await player(browser, code, 'Chen 陈'),
		];
		await expect(host.getByText('Players: 3')).toBeVisible();
		await expect(host.getByText('Chen 陈')).toBeVisible();

		expect(await seriousA11yViolations(players[0])).toEqual([]);
		await host.getByRole('button', { name: 'Start' }).click();
		for (let q = 0; q < 2; q++) {
			for (const p of players) await answerFirst(p);
			// Everyone answered: the answer is revealed on the projector.
			await expect(host.getByTestId('distribution')).toBeVisible();
			for (const p of players) await expect(p.getByText(/Right!|Not this time/)).toBeVisible();
			await host.getByRole('button', { name: 'Next' }).click();
			await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
			await host.getByRole('button', { name: 'Next' }).click();
		}
		await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
		for (const p of players) await expect(p.getByText('Game over!')).toBeVisible();
		// A student keeps the game's questions for spaced repetition.
		// A reload of the final screen keeps the outcomes, and the button.
		await players[0].reload();
		// A double tap adds each answer once.
		await players[0].getByRole('button', { name: 'Add these questions to my reviews' }).dblclick();
		await expect(players[0].getByText('Added 2 questions to your reviews.')).toBeVisible();
		expect(await storedCount(players[0], 'logs')).toBe(2);
		// Added once: after another reload it stays added, never twice.
		await players[0].reload();
		await expect(players[0].getByText('Added 2 questions to your reviews.')).toBeVisible();
		await expect(
			players[0].getByRole('button', { name: 'Add these questions to my reviews' }),
		).toBeDisabled();

		const download = host.waitForEvent('download');
		await host.getByRole('link', { name: 'Download results (CSV)' }).click();
		const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '');
		const rows = csv.trim().split(/\r\n/);
		expect(rows.length).toBe(1 + 3 * 2); // header + one row per player per question
		for (const name of ['Ann', 'Bo', 'Chen 陈']) expect(csv).toContain(name);
		await expect(host.getByRole('heading', { name: 'By question' })).toBeVisible();
		await expect(host.getByRole('table').first().getByRole('row')).toHaveCount(1 + 2);
	});

	test('the raw event stream never carries the answer before the reveal', async ({ baseURL }) => {
		const post = (path: string, body: unknown, token?: string) =>
			fetch(`${baseURL}${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(token ? { authorization: `Bearer ${token}` } : {}),
				},
				body: JSON.stringify(body),
			}).then(async (r) => ({
				status: r.status,
				body: (await r.json()) as Record<string, string>,
			}));
		const game = await post('/api/live/games', { ...SETTINGS, types: ['single'], count: 1 });
		const { code, hostToken } = game.body;
		const joined = await post(`/api/live/games/${code}/join`, { code, nickname: 'Spy' });
		const stream = await fetch(
			`${baseURL}/api/live/games/${code}/events?token=${joined.body.token}`,
		);
		const reader = stream.body!.getReader();
		let raw = '';
		let pending: ReturnType<typeof reader.read> | undefined;
		// A read left waiting when time is up is kept for the next call, so no chunk is dropped.
		const readFor = async (ms: number) => {
			const until = Date.now() + ms;
			while (Date.now() < until) {
				pending ??= reader.read();
				const timeout = new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()));
				const chunk = await Promise.race([pending, timeout]);
				if (!chunk) break;
				pending = undefined;
				if (chunk.done) break;
				raw += new TextDecoder().decode(chunk.value);
			}
		};
		const started = await post(`/api/live/games/${code}/host`, { action: 'start' }, hostToken);
		expect(started.status, JSON.stringify(started.body)).toBe(200);
		await readFor(1000);
		expect(raw).toContain('"type":"question"');
		expect(raw).not.toContain('"correct"');
		expect(raw).not.toContain('"reveal"');
		// Someone else's token cannot answer, the host token is nobody's player token, garbage is refused.
		expect(
			(
				await post(
					`/api/live/games/${code}/answer`,
					{ questionIndex: 0, answer: { type: 'single', choice: 0 } },
					hostToken,
				)
			).status,
		).toBe(403);
		expect(
			(
				await post(
					`/api/live/games/${code}/answer`,
					{ questionIndex: 0, answer: { type: 'single', choice: 99 } },
					joined.body.token,
				)
			).status,
		).toBe(400);
		expect(
			(await post(`/api/live/games/${code}/host`, { action: 'reveal' }, joined.body.token)).status,
		).toBe(403);
		expect(
			(await post(`/api/live/games/${code}/host`, { action: 'reveal' }, hostToken)).status,
		).toBe(200);
		await readFor(1000);
		expect(raw).toContain('"type":"reveal"');
		await reader.cancel();
	});

	test('a server restart in the middle of a game loses nothing', async ({ browser }) => {
		budget(150_000);
		const port = ownPort(16);
		const env = { KIOKU_DB: `test-results/live-restart-${Date.now()}.db` };
		let server = await startServer(port, env);
		const { base } = server;
		try {
			const context = await browser.newContext({ locale: 'en-US', baseURL: base });
			const host = await context.newPage();
			await open(host, `${base}/live`);
			await host.getByLabel('Seconds to read before answers open').fill('0');
			await host.getByRole('button', { name: 'Create game' }).click();
			const code = (await host.getByTestId('game-code').textContent())!.trim();
			const phone = await (await browser.newContext({ locale: 'en-US' })).newPage();
			await phone.goto(`${base}/join/${code}`);
			await expect(phone.locator('html[data-ready]')).toBeAttached();
			await phone.getByLabel('Your name').fill('Dee');
			await phone.getByRole('button', { name: 'Join' }).click();
			await expect(host.getByText('Players: 1')).toBeVisible();
			// The phone is on its game screen (not still on its way there) when the server goes.
			await expect(phone.getByText("You're in! Waiting for the teacher to start…")).toBeVisible();

			await server.stop();
			server = await startServer(port, env);
			// Both screens reconnect by themselves (the host's "Reconnecting…" goes away) and the
			// game goes on from where it was: Dee is still in it.
			await expect(host.getByText('Reconnecting…')).toBeHidden({ timeout: 40_000 });
			await expect(host.getByText('Dee')).toBeVisible();
			await host.getByRole('button', { name: 'Start' }).click();
			await expect(host.getByText('Question 1 of')).toBeVisible({ timeout: 20_000 });
			await expect(phone.getByText('Question 1 of')).toBeVisible({ timeout: 60_000 });
		} finally {
			await server.stop();
		}
	});

	test('a phone with a stale seat, a wrong code or no network is told so and can go on', async ({
		browser,
		baseURL,
	}) => {
		const created = await fetch(`${baseURL}/api/live/games`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...SETTINGS, types: ['single'], count: 1 }),
		});
		const { code, hostToken } = (await created.json()) as Record<string, string>;
		const context = await browser.newContext({ locale: 'en-US' });
		const phone = await context.newPage();
		// A seat this device kept from an earlier game with the same code: the server refuses it.
		await open(phone, '/join');
		await phone.evaluate(
			(c) =>
				localStorage.setItem(
					'kioku:live-player',
					JSON.stringify([{ code: c, token: 'stale', nickname: 'Old me', createdAt: 1 }]),
				),
			code,
		);
		await open(phone, `/join/${code}`);
		await phone.getByLabel('Your name').fill('New me');
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone.getByRole('alert')).toContainText('is no longer valid');
		await phone.getByRole('link', { name: 'Join again' }).click();
		await phone.getByLabel('Your name').fill('New me');
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone.getByText("You're in! Waiting for the teacher to start…")).toBeVisible();
		await expect(phone.getByText('Reconnecting…')).toHaveCount(0);

		// A wrong code is explained in words, not as the server's code.
		const other = await context.newPage();
		await open(other, '/join');
		await other.getByLabel('Game code').fill(code === '000000' ? '000001' : '000000');
		await other.getByLabel('Your name').fill('Lost');
		await other.getByRole('button', { name: 'Join' }).click();
		await expect(other.getByRole('alert')).toHaveText(
			'Could not join: there is no game with this code. Check the code on the projector.',
		);

		// The question opens; the phone loses its network and answers: it is told, and can retry.
		const act = (action: string) =>
			fetch(`${baseURL}/api/live/games/${code}/host`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken}` },
				body: JSON.stringify({ action }),
			});
		expect((await act('start')).status).toBe(200);
		const option = phone.locator('.options button').first();
		await expect(option).toBeVisible();
		await context.setOffline(true);
		await option.click();
		await expect(phone.getByRole('alert')).toHaveText(
			'Your answer was not sent: no connection. Try again while there is time.',
		);
		await context.setOffline(false);
		await option.click();
		// The only player has answered, so the answer may be revealed at once.
		await expect(
			phone
				.getByText('Answer sent. Waiting for the others…')
				.or(phone.getByText(/Right!|Not this time/)),
		).toBeVisible();
		await context.close();
	});

	test('classroom pages say plainly that they need the network when offline', async ({
		page,
		context,
	}) => {
		await open(page, '/');
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 20_000,
		});
		await context.setOffline(true);
		await page.goto('/live');
		await expect(
			page.getByText('The live classroom needs a network connection.').first(),
		).toBeVisible();
		await page.goto('/join');
		await expect(
			page.getByText('The live classroom needs a network connection.').first(),
		).toBeVisible();
	});

	test('a thousand malformed or forged requests are refused and the game goes on', async () => {
		budget(60_000);
		// Its own server: the forged tokens use up this address's guesses for a minute.
		const { base, stop } = await ownServer(18);
		try {
			await malformed(base);
		} finally {
			await stop();
		}
	});

	async function malformed(baseURL: string) {
		const post = (path: string, body: string, token?: string) =>
			fetch(`${baseURL}${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(token ? { authorization: `Bearer ${token}` } : {}),
				},
				body,
			});
		const game = await (
			await post('/api/live/games', JSON.stringify({ ...SETTINGS, count: 1, types: ['single'] }))
		).json();
		const { code, hostToken } = game as { code: string; hostToken: string };
		const joined = (await (
			await post(`/api/live/games/${code}/join`, JSON.stringify({ code, nickname: 'Eve' }))
		).json()) as { token: string };
		const bodies = [
			'',
			'{',
			'null',
			'[]',
			'"x"',
			'{"questionIndex":-1,"answer":{"type":"single","choice":0}}',
			'{"questionIndex":0,"answer":{"type":"single","choice":1e9}}',
			'{"action":"start","extra":1}',
			'{"action":"__proto__"}',
			'{"code":"000000","nickname":"' + 'x'.repeat(5000) + '"}',
			JSON.stringify({ a: Array.from({ length: 2000 }, (_, i) => i) }),
		];
		const paths = [
			'/api/live/games',
			`/api/live/games/${code}/join`,
			`/api/live/games/${code}/answer`,
			`/api/live/games/${code}/host`,
			'/api/live/games/999999/answer',
		];
		let refused = 0;
		for (let i = 0; i < 1000; i++) {
			const body = i % 3 === 0 ? String(Math.random()).repeat(i % 50) : bodies[i % bodies.length];
			const token = [undefined, 'forged', joined.token.slice(2)][i % 3];
			const r = await post(paths[i % paths.length], body, token);
			if (r.status >= 400 && r.status < 500) refused++;
			else expect(r.status, `${paths[i % paths.length]} ${body.slice(0, 40)}`).toBeLessThan(500);
		}
		expect(refused).toBeGreaterThan(900);
		// The game is where it was and still plays.
		expect(
			(await post(`/api/live/games/${code}/host`, JSON.stringify({ action: 'start' }), hostToken))
				.status,
		).toBe(200);
		expect(
			(
				await post(
					`/api/live/games/${code}/answer`,
					JSON.stringify({ questionIndex: 0, answer: { type: 'single', choice: 0 } }),
					joined.token,
				)
			).status,
		).toBe(200);
	}

	test('the teacher accepts a typed answer for everyone at the reveal, by keyboard; phones and the CSV follow', async ({
		browser,
		baseURL,
	}) => {
		budget(90_000);
		const created = await fetch(`${baseURL}/api/live/games`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...SETTINGS, types: ['short'], count: 1, secondsPerQuestion: 120 }),
		});
		const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
		const host = await (await browser.newContext({ locale: 'en-US' })).newPage();
		await open(host, '/live');
		await host.evaluate((seat) => localStorage.setItem('kioku:live-host', JSON.stringify([seat])), {
			code,
			token: hostToken,
			joinKey,
			createdAt: Date.now(),
		});
		await open(host, `/live/host/${code}`);
		const ann = await player(browser, code, 'Ann');
		const zhContext = await browser.newContext({ locale: 'zh-CN' });
		const bo = await zhContext.newPage();
		await open(bo, `/join/${code}`);
		await bo.getByLabel('你的名字').fill('Bo');
		await bo.getByRole('button', { name: '加入' }).click();
		await expect(host.getByText('Players: 2')).toBeVisible();
		await host.getByRole('button', { name: 'Start' }).click();
		// Both type the same answer, differently: the checker marks it wrong.
		for (const [phone, typed, label, send] of [
			[ann, 'Tone River', 'Your answer', 'Send answer'],
			[bo, ' tone river! ', '你的答案', '发送答案'],
		] as const) {
			await phone.getByLabel(label).fill(typed);
			await phone.getByRole('button', { name: send }).click();
		}
		await expect(ann.getByText('✗ Not this time.')).toBeVisible();
		await expect(bo.getByText('✗ 这次没答对。')).toBeVisible();

		// On the projector, with the keyboard only.
		const summary = host.getByText('Typed answers marked wrong (1)');
		await summary.focus();
		await host.keyboard.press('Enter');
		const accept = host.getByRole('button', { name: 'Accept for everyone: Tone River' });
		await expect(accept).toBeVisible();
		await accept.focus();
		await host.keyboard.press('Enter');
		await expect(
			host.getByRole('status').filter({ hasText: 'Accepted “Tone River”' }),
		).toBeVisible();
		await expect(host.getByText('✓ Accepted')).toBeVisible();
		await expect(host.getByText('Right: 2 · Wrong: 0')).toBeVisible();
		expect(await seriousA11yViolations(host)).toEqual([]);

		// Each phone: right now, with the points of its own answer time.
		await expect(ann.getByText('✓ Right!')).toBeVisible();
		await expect(ann.getByText('Your teacher accepted your answer.')).toBeVisible();
		await expect(ann.getByText(/^\+\d+ points · \d+ in all$/)).toBeVisible();
		await expect(bo.getByText('✓ 答对了！')).toBeVisible();
		await expect(bo.getByText('老师接受了你的答案。')).toBeVisible();

		const csv = await fetch(
			`${baseURL}/api/live/games/${code}/results.csv?lang=en&token=${encodeURIComponent(hostToken)}`,
		).then((r) => r.text());
		const rows = csv.trim().split('\r\n');
		expect(rows[0]).toContain('"accepted by host"');
		for (const name of ['Ann', 'Bo']) {
			expect(rows.find((r) => r.includes(`"${name}"`))).toMatch(/"yes","\d+","[1-9]\d*","yes"$/);
		}
	});

	test('the host locks the game, removes a player, and phones answer multiple choice and order questions', async ({
		browser,
		baseURL,
	}) => {
		budget(90_000);
		const created = await fetch(`${baseURL}/api/live/games`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...SETTINGS, types: ['multi', 'order'], count: 2, shuffle: false }),
		});
		const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
		const host = await (await browser.newContext({ locale: 'en-US' })).newPage();
		await open(host, '/live');
		await host.evaluate((seat) => localStorage.setItem('kioku:live-host', JSON.stringify([seat])), {
			code,
			token: hostToken,
			joinKey,
			createdAt: Date.now(),
		});
		await open(host, `/live/host/${code}`);
		const ann = await player(browser, code, 'Ann');
		const bo = await player(browser, code, 'Bo');
		await expect(host.getByText('Players: 2')).toBeVisible();

		// Locked, nobody new gets in; unlocked, they do.
		await host.getByRole('button', { name: 'Lock the game' }).click();
		await expect(host.getByText('Locked: nobody new can join.')).toBeVisible();
		const late = await (await browser.newContext({ locale: 'en-US' })).newPage();
		await open(late, `/join/${code}`);
		await late.getByLabel('Your name').fill('Cy');
		await late.getByRole('button', { name: 'Join' }).click();
		await expect(late.getByRole('alert')).toHaveText(
			'Could not join: the teacher has locked this game.',
		);
		await host.getByRole('button', { name: 'Unlock the game' }).click();
		await expect(host.getByText('Locked: nobody new can join.')).toBeHidden();

		// Bo is removed: the projector's list and Bo's phone say so.
		await host.getByRole('button', { name: 'Remove Bo' }).click();
		await expect(host.getByText('Players: 1')).toBeVisible();
		await expect(bo.getByText('The teacher removed you from this game.')).toBeVisible();

		await host.getByRole('button', { name: 'Start' }).click();
		for (let q = 0; q < 2; q++) {
			await expect(ann.getByText(`Question ${q + 1} of 2`)).toBeVisible();
			const options = ann.locator('.options button');
			const send = ann.getByRole('button', { name: 'Send answer' });
			await expect(options.first()).toBeVisible();
			if (await ann.getByText('Put the items in order, first at the top.').isVisible()) {
				// Every item tapped in turn gives an order; until then it cannot be sent.
				const count = await options.count();
				for (let i = 0; i < count; i++) {
					await expect(send).toBeDisabled();
					await options.nth(i).click();
				}
			} else {
				await options.nth(0).click();
				await options.nth(1).click();
				await expect(options.nth(1)).toHaveAttribute('aria-pressed', 'true');
			}
			await send.click();
			await expect(host.getByTestId('distribution')).toBeVisible();
			await expect(ann.getByText(/Right!|Not this time/)).toBeVisible();
			await host.getByRole('button', { name: 'Next' }).click();
			await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
			await host.getByRole('button', { name: 'Next' }).click();
		}
		await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
		await expect(ann.getByText('Game over!')).toBeVisible();
	});

	test('the projector’s screens and a phone’s fit a 320 px screen', async ({
		browser,
		baseURL,
	}) => {
		budget(90_000);
		const narrow = { locale: 'en-US', viewport: { width: 320, height: 640 } };
		const created = await fetch(`${baseURL}/api/live/games`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...SETTINGS, types: ['short'], count: 1, secondsPerQuestion: 120 }),
		});
		const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
		const host = await (await browser.newContext(narrow)).newPage();
		await open(host, '/live');
		await host.evaluate((seat) => localStorage.setItem('kioku:live-host', JSON.stringify([seat])), {
			code,
			token: hostToken,
			joinKey,
			createdAt: Date.now(),
		});
		const phone = await (await browser.newContext(narrow)).newPage();
		// What sticks out of the screen or out of its own box (a word too long to wrap), outside a
		// region that scrolls on its own (wide tables do).
		const sideways = (page: Page) =>
			page.evaluate(() => {
				const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
				const scrolled = (e: Element) => {
					for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
					return false;
				};
				const width = document.documentElement.clientWidth;
				return (
					[...document.querySelectorAll('main *')]
						.filter(
							(e) =>
								e.getBoundingClientRect().right > width + 1 ||
								(!scrolls(e) && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0),
						)
						.filter((e) => !scrolled(e))
						// Text for screen readers only is clipped to a pixel on purpose.
						.filter((e) => !e.closest('.visually-hidden'))
						.map((e) => `${e.tagName}.${e.className}`)
				);
			});
		await open(host, `/live/host/${code}`);
		await expect(host.getByText('Players: 0')).toBeVisible();
		expect(await sideways(host), 'lobby').toEqual([]);
		await open(phone, `/join/${code}`);
		expect(await sideways(phone), 'join form').toEqual([]);
		await phone.getByLabel('Your name').fill('A name long enough to need wrapping on a phone');
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(host.getByRole('button', { name: /^Remove / })).toBeVisible();
		expect(await sideways(host), 'lobby with a player').toEqual([]);
		await host.getByRole('button', { name: 'Start' }).click();
		await expect(phone.getByLabel('Your answer')).toBeVisible();
		expect(await sideways(phone), 'question').toEqual([]);
		expect(await sideways(host), 'question on the projector').toEqual([]);
		await phone.getByLabel('Your answer').fill('Tone River');
		await phone.getByRole('button', { name: 'Send answer' }).click();
		await host.getByText('Typed answers marked wrong (1)').click();
		await expect(host.getByRole('button', { name: /^Accept for everyone/ })).toBeVisible();
		expect(await sideways(host), 'reveal').toEqual([]);
		expect(await sideways(phone), 'result').toEqual([]);
		await endGame(host);
		await expect(host.getByRole('heading', { name: 'By question' })).toBeVisible();
		expect(await sideways(host), 'results').toEqual([]);
		await expect(phone.getByText('Game over!')).toBeVisible();
		expect(await sideways(phone), 'final screen').toEqual([]);
	});

	test('a teacher hosts a game on a vocabulary list imported on their device; phones answer its cards', async ({
		browser,
	}) => {
		const teacher = await browser.newContext({ locale: 'en-US' });
		const host = await teacher.newPage();
		await open(host, '/import');
		await host
			.getByLabel('Or paste a list of cards')
			.fill('天空\tsky\n海\tsea\n山\tmountain\n河\triver');
		await host.getByLabel('Bank name (optional)').fill('Nature words');
		await host.getByRole('button', { name: 'Read the list' }).click();
		await host.getByRole('button', { name: 'Save the bank' }).click();
		await expect(host).toHaveURL(/\/deck\//);

		await open(host, '/live');
		const decks = host.getByRole('group', { name: 'Decks' });
		for (const built of await decks.getByRole('checkbox', { checked: true }).all())
			await built.uncheck();
		await decks.getByRole('checkbox', { name: 'Nature words' }).check();
		await host.getByLabel('Seconds to read before answers open').fill('0');
		await host.getByRole('button', { name: 'Create game' }).click();
		const code = (await host.getByTestId('game-code').textContent())!.trim();
		const phone = await player(browser, code, 'Ann');
		await host.getByRole('button', { name: 'Start' }).click();
		await expect(host.getByText(/Question 1 of \d+/)).toBeVisible();
		// The question is one of the list's cards, asked one way or the other.
		const words = ['天空', 'sky', '海', 'sea', '山', 'mountain', '河', 'river'];
		const prompt =
			(await phone.locator('.prompt, h2, [data-testid=prompt]').first().textContent()) ?? '';
		expect(
			words.some((w) => prompt.includes(w)),
			prompt,
		).toBe(true);
	});

	test('ending the game asks first, away from the primary action; Escape or Keep playing keeps the game', async ({
		browser,
	}) => {
		const context = await browser.newContext({ locale: 'en-US' });
		const host = await context.newPage();
		await open(host, '/live');
		await host.getByLabel('Seconds to read before answers open').fill('0');
		// Time enough that the clock never reveals the question while the test looks at the
		// dialog (axe takes seconds on a loaded machine): only the host's choice may end it.
		await host.getByLabel('Seconds to answer').fill('120');
		await host.getByRole('button', { name: 'Create game' }).click();
		const code = (await host.getByTestId('game-code').textContent())!.trim();
		const phone = await player(browser, code, 'Ann');
		await host.getByRole('button', { name: 'Start' }).click();
		await expect(host.getByRole('button', { name: 'Show the answer' })).toBeVisible();

		// The end button is not the primary action and sits apart from it, at the row's far end.
		const end = host.getByRole('button', { name: 'End the game…' });
		const reveal = host.getByRole('button', { name: 'Show the answer' });
		const [endBox, revealBox] = [await end.boundingBox(), await reveal.boundingBox()];
		expect(endBox!.x - (revealBox!.x + revealBox!.width)).toBeGreaterThan(48);

		// Escape and "Keep playing" both leave the game running; Cancel is where the focus goes.
		await end.click();
		const dialog = host.getByRole('dialog', { name: 'End the game for everyone?' });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Keep playing' })).toBeFocused();
		expect(await seriousA11yViolations(host)).toEqual([]);
		await host.keyboard.press('Enter');
		await expect(dialog).toBeHidden();
		await end.click();
		await host.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(reveal).toBeVisible();
		await expect(phone.getByText('Game over!')).toBeHidden();

		// Confirmed, it ends for everyone.
		await endGame(host);
		await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
		await expect(phone.getByText('Game over!')).toBeVisible();
	});

	test('a class joins through the QR link when its address is out of guesses; too many games is said in words', async ({
		browser,
	}) => {
		budget(120_000);
		// Limits count in fixed windows: day-long ones keep this test's guesses and games in one
		// window (a minute-long window could end between two of them, and the count start over).
		const day = String(24 * 60 * 60 * 1000);
		const { base, stop } = await ownServer(19, {
			KIOKU_JOIN_LIMIT: '2',
			KIOKU_JOIN_WINDOW_MS: day,
			KIOKU_CREATE_LIMIT: '1',
			KIOKU_CREATE_WINDOW_MS: day,
		});
		try {
			const teacher = await browser.newContext({ locale: 'en-US', baseURL: base });
			const host = await teacher.newPage();
			await open(host, '/live');
			await host.getByRole('button', { name: 'Create game' }).click();
			const code = (await host.getByTestId('game-code').textContent())!.trim();
			const wrong = code === '000000' ? '000001' : '000000';

			// One student mistypes twice: this address (every phone here) is out of guesses.
			const students = await browser.newContext({ locale: 'en-US', baseURL: base });
			const typist = await students.newPage();
			const typeCode = async (c: string) => {
				await open(typist, '/join');
				await typist.getByLabel('Game code').fill(c);
				await typist.getByLabel('Your name').fill('Typist');
				await typist.getByRole('button', { name: 'Join' }).click();
			};
			for (let i = 0; i < 2; i++) {
				await typeCode(wrong);
				await expect(typist.getByRole('alert')).toContainText('there is no game with this code');
			}
			await typeCode(code);
			await expect(typist.getByRole('alert')).toHaveText(
				'Could not join: too many wrong codes from this network; wait a minute, or scan the QR code on the projector.',
			);
			// The QR code's link carries the game's key: the class still gets in.
			const joinKey = await host.evaluate(
				() => JSON.parse(localStorage.getItem('kioku:live-host') ?? '[]')[0]?.joinKey as string,
			);
			expect(joinKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
			const scanner = await students.newPage();
			await open(scanner, `/join/${code}#k=${joinKey}`);
			await scanner.getByLabel('Your name').fill('Scanner');
			await scanner.getByRole('button', { name: 'Join' }).click();
			await expect(scanner.getByText("You're in! Waiting for the teacher to start…")).toBeVisible();
			await expect(host.getByText('Scanner')).toBeVisible();

			// A second game from the same network is one too many: the teacher is told in words.
			await open(host, '/live');
			await host.getByRole('button', { name: 'Create game' }).click();
			await expect(host.getByRole('alert').filter({ hasText: /\w/ })).toHaveText(
				'Too many games were created from this network. Try again in a few minutes.',
			);
			const zh = await (await browser.newContext({ locale: 'zh-CN', baseURL: base })).newPage();
			await open(zh, '/live');
			await zh.getByRole('button', { name: '创建游戏' }).click();
			await expect(zh.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
				'这个网络创建的游戏太多了。请过几分钟再试。',
			);
		} finally {
			await stop();
		}
	});
});

test('the join form says what a code and a name must be in the page’s language, not the browser’s', async ({
	browser,
}) => {
	const cases = [
		{
			locale: 'en',
			code: 'Game code',
			name: 'Your name',
			join: 'Join',
			badCode: 'The game code is the six digits on the projector.',
			noName: 'Enter the name the class will see.',
		},
		{
			locale: 'zh-CN',
			code: '游戏代码',
			name: '你的名字',
			join: '加入',
			badCode: '游戏代码是投影上的六位数字。',
			noName: '请输入全班会看到的名字。',
		},
	];
	for (const c of cases) {
		const page = await (await browser.newContext({ locale: c.locale })).newPage();
		await open(page, '/join');
		const code = page.getByLabel(c.code);
		const name = page.getByLabel(c.name);
		await code.fill('12');
		await page.getByRole('button', { name: c.join }).click();
		expect(await code.evaluate((e: HTMLInputElement) => e.validationMessage)).toBe(c.badCode);
		// Typing again clears the message, so a right code is not refused by the last wrong one.
		await code.fill('123456');
		expect(await code.evaluate((e: HTMLInputElement) => e.validity.valid)).toBe(true);
		await page.getByRole('button', { name: c.join }).click();
		expect(await name.evaluate((e: HTMLInputElement) => e.validationMessage)).toBe(c.noName);
		// Nothing was sent: the form stopped both times before the server.
		await expect(page.getByRole('alert')).toHaveText('');
		await expect(page).toHaveURL(/\/join$/);
	}
});
