// Team mode on the projector and the phones: players are dealt into teams as they join, the
// teacher moves one with the keyboard, and after a question the projector ranks the teams by the
// average of their players' scores while each phone shows its team and its team's place.
import { readFileSync } from 'node:fs';
import { devices, type Browser, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { budget, expect, open, overflowing, seriousA11yViolations, test } from './fixtures';

const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };

/** Accuracy scoring: 1000 points a right answer, so the averages are known in advance. */
const GAME = {
	decks: ['us-japan-2023/security-defence'],
	types: ['single'],
	count: 1,
	secondsPerQuestion: 120,
	readingSeconds: 0,
	scoring: 'accuracy',
	shuffle: true,
	lang: 'en',
	optionsOnPhones: true,
	teams: 2,
};

/** The deck's single-choice questions: English prompt → the right option's English text. */
const RIGHT_OPTION = new Map(
	(
		parse(readFileSync('questions/us-japan-2023/security-defence.yaml', 'utf8')) as {
			questions: {
				type: string;
				prompt: { en: string };
				options?: { en: string; correct?: boolean }[];
			}[];
		}
	).questions
		.filter((q) => q.type === 'single')
		.map((q) => [q.prompt.en, q.options!.find((o) => o.correct)!.en]),
);

/** The phone's tile whose text is exactly `text`, or any other tile. */
function tile(page: Page, text: string, right: boolean) {
	const exact = page.locator('.label', {
		hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
	});
	const tiles = page.locator('.options button');
	return right ? tiles.filter({ has: exact }) : tiles.filter({ hasNot: exact }).first();
}

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/${name}.png` });

/** A game made through the API, its host seat put in a projector browser at 1366×768. */
async function hostGame(browser: Browser, baseURL: string, locale: string) {
	const created = await fetch(`${baseURL}/api/live/games`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(GAME),
	});
	expect(created.ok).toBe(true);
	const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
	const host = await (await browser.newContext({ locale, viewport: SMALL })).newPage();
	await open(host, '/live');
	await host.evaluate((seat) => localStorage.setItem('kioku:live-host', JSON.stringify([seat])), {
		code,
		token: hostToken,
		joinKey,
		decks: ['Security & defence'],
		createdAt: Date.now(),
	});
	await open(host, `/live/host/${code}`);
	return { host, code };
}

const TEXT = {
	'en-US': { name: 'Your name', join: 'Join', joined: "You're in!", team: 'Your team:' },
	'zh-CN': { name: '你的名字', join: '加入', joined: '已加入！', team: '你的队伍：' },
} as const;

/** A Pixel 7 that joins the game under `name`, in `locale`. */
async function phone(browser: Browser, code: string, name: string, locale: keyof typeof TEXT) {
	const page = await (await browser.newContext({ ...devices['Pixel 7'], locale })).newPage();
	await open(page, `/join/${code}`);
	await page.getByLabel(TEXT[locale].name).fill(name);
	await page.getByRole('button', { name: TEXT[locale].join }).click();
	await expect(page.getByText(TEXT[locale].joined)).toBeVisible();
	return page;
}

const NAMES = {
	'en-US': ['Team Red', 'Team Blue'],
	'zh-CN': ['红队', '蓝队'],
} as const;

/** The team a phone says it is in (0 or 1). */
async function teamOn(page: Page, locale: keyof typeof TEXT): Promise<number> {
	const text = await page.getByTestId('my-team').textContent();
	const team = NAMES[locale].findIndex((n) => text!.includes(n));
	expect(team).toBeGreaterThanOrEqual(0);
	return team;
}

test.describe('team mode', () => {
	test('three phones in two teams, one moved by the teacher: the projector ranks the teams by their average', async ({
		browser,
		baseURL,
	}) => {
		budget(120_000);
		const { host, code } = await hostGame(browser, baseURL!, 'en-US');
		await expect(host.getByRole('region', { name: /Team Red/ })).toBeVisible();
		await expect(host.getByRole('region', { name: /Team Blue/ })).toBeVisible();
		const ann = await phone(browser, code, 'Ann', 'en-US');
		const bo = await phone(browser, code, 'Bo 波', 'zh-CN');
		const cy = await phone(browser, code, 'Cy', 'en-US');
		await expect(host.getByText('Players: 3')).toBeVisible();

		// Dealt evenly: two in one team, one in the other.
		const dealt = [
			await teamOn(ann, 'en-US'),
			await teamOn(bo, 'zh-CN'),
			await teamOn(cy, 'en-US'),
		];
		expect([1, 2]).toContain(dealt.filter((t) => t === 0).length);
		await expect(bo.getByTestId('my-team')).toContainText(`你的队伍： ${NAMES['zh-CN'][dealt[1]]}`);
		const box = (team: number) =>
			host.getByRole('region', { name: new RegExp(NAMES['en-US'][team]) });
		await expect(box(dealt[0]).getByText('Ann')).toBeVisible();
		await shot(host, 'teams-projector-lobby-1366');
		await shot(ann, 'teams-phone-lobby');
		expect(await seriousA11yViolations(host)).toEqual([]);
		expect(await seriousA11yViolations(ann)).toEqual([]);
		expect(await overflowing(ann)).toEqual([]);

		// The teacher moves Ann with the keyboard: her picker, then the other team.
		const moved = 1 - dealt[0];
		const picker = host.getByRole('combobox', { name: 'Team for Ann' });
		await picker.focus();
		await picker.selectOption({ label: NAMES['en-US'][moved] });
		await expect(box(moved).getByText('Ann')).toBeVisible();
		await expect(ann.getByTestId('my-team')).toContainText(NAMES['en-US'][moved]);
		// The picker is found again in its new place, still focused, for the next key.
		await expect(host.getByRole('combobox', { name: 'Team for Ann' })).toBeFocused();
		const teams = [moved, dealt[1], dealt[2]];
		await host.setViewportSize(LARGE);
		await shot(host, 'teams-projector-lobby-1920');
		await host.setViewportSize(SMALL);

		await host.getByRole('button', { name: 'Start' }).click();
		// Ann and Cy right, Bo wrong: each team's score is the average of its players' 1000s and 0s.
		const prompt = (await ann.getByRole('heading', { level: 1 }).textContent())!.trim();
		const right = RIGHT_OPTION.get(prompt)!;
		expect(right).toBeTruthy();
		await tile(ann, right, true).click();
		await tile(bo, right, false).click();
		await tile(cy, right, true).click();
		await expect(host.getByTestId('distribution')).toBeVisible();

		const scores = [1000, 0, 1000];
		const expected = [0, 1]
			.map((team) => {
				const own = scores.filter((_, i) => teams[i] === team);
				return {
					team,
					members: own.length,
					score: Math.round(own.reduce((a, b) => a + b, 0) / own.length),
				};
			})
			.filter((t) => t.members > 0)
			.sort((a, b) => b.score - a.score || a.team - b.team);
		const place = (team: number) => {
			const i = expected.findIndex((t) => t.team === team);
			return {
				rank: expected.filter((t) => t.score > expected[i].score).length + 1,
				of: expected.length,
			};
		};
		const ordinal = ['1st', '2nd'];
		for (const [page, i] of [
			[ann, 0],
			[cy, 2],
		] as const) {
			const { rank, of } = place(teams[i]);
			const tied =
				expected.filter((t) => t.score === expected.find((e) => e.team === teams[i])!.score)
					.length > 1;
			await expect(page.getByTestId('team-place')).toHaveText(
				`${NAMES['en-US'][teams[i]]} · ${tied ? 'tied for ' : ''}${ordinal[rank - 1]} of ${of} teams`,
			);
		}
		const boPlace = place(teams[1]);
		await expect(bo.getByTestId('team-place')).toContainText(
			`${NAMES['zh-CN'][teams[1]]} · ${boPlace.of} 队中`,
		);
		await shot(bo, 'teams-phone-result-zh');
		expect(await seriousA11yViolations(ann)).toEqual([]);

		// The team standings, in place of the players' leaderboard.
		await host.getByRole('button', { name: 'Next' }).click();
		await expect(host.getByRole('heading', { name: 'Team standings' })).toBeVisible();
		const rows = host.getByTestId('team-standings').getByRole('listitem');
		await expect(rows).toHaveCount(expected.length);
		for (const [i, t] of expected.entries()) {
			await expect(rows.nth(i)).toContainText(NAMES['en-US'][t.team]);
			await expect(rows.nth(i)).toContainText(`${t.members} player${t.members === 1 ? '' : 's'}`);
			await expect(rows.nth(i).locator('.score')).toHaveText(`Average score: ${t.score}`);
		}
		await expect(
			host.getByText('A team’s score is the average of its players’ scores.'),
		).toBeVisible();
		await expect(host.getByRole('button', { name: 'Next' })).toBeInViewport({ ratio: 1 });
		await shot(host, 'teams-projector-leaderboard-1366');
		await shot(ann, 'teams-phone-leaderboard');
		await host.setViewportSize(LARGE);
		await shot(host, 'teams-projector-leaderboard-1920');
		await host.setViewportSize(SMALL);
		expect(await seriousA11yViolations(host)).toEqual([]);

		// The end: the teams on the podium, each phone its team's final place.
		await host.getByRole('button', { name: 'Next' }).click();
		await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
		await expect(host.getByTestId('podium').getByRole('listitem').first()).toContainText(
			NAMES['en-US'][expected[0].team],
		);
		await expect(host.getByRole('heading', { name: 'By team' })).toBeVisible();
		await expect(ann.getByTestId('team-place')).toContainText(NAMES['en-US'][teams[0]]);
		await host.waitForTimeout(1500); // the steps' rise, for the screenshot
		await shot(host, 'teams-projector-podium-1366');
		await shot(ann, 'teams-phone-final');
		expect(await seriousA11yViolations(host)).toEqual([]);
	});

	test('the setup asks for teams: off by default, then 3 boxes on the projector', async ({
		page,
	}) => {
		await open(page, '/live');
		const teams = page.getByRole('combobox', { name: 'Teams' });
		await expect(teams).toHaveValue('0');
		await expect(teams).toHaveAccessibleDescription(/average of its players’ scores/);
		await teams.selectOption({ label: '3 teams' });
		const request = page.waitForRequest((r) => r.url().endsWith('/api/live/games'));
		await page.getByRole('button', { name: 'Create game' }).click();
		expect((await request).postDataJSON()).toMatchObject({ teams: 3 });
		for (const name of [...NAMES['en-US'], 'Team Green'])
			await expect(page.getByRole('region', { name: new RegExp(name) })).toContainText(
				'Nobody yet',
			);
	});

	test('the projector in Chinese: team boxes and team standings', async ({ browser, baseURL }) => {
		budget(90_000);
		const { host, code } = await hostGame(browser, baseURL!, 'zh-CN');
		const ann = await phone(browser, code, 'Ann', 'en-US');
		const bo = await phone(browser, code, '波', 'zh-CN');
		await expect(host.getByRole('region', { name: /红队/ })).toBeVisible();
		await expect(host.getByRole('region', { name: /蓝队/ })).toBeVisible();
		await expect(host.getByRole('combobox', { name: '波 的队伍' })).toBeVisible();
		await shot(host, 'teams-projector-lobby-1366-zh');
		await shot(bo, 'teams-phone-lobby-zh');
		expect(await seriousA11yViolations(host)).toEqual([]);
		await host.getByRole('button', { name: '开始' }).click();
		await tile(ann, 'none', false).click();
		await tile(bo, 'none', false).click();
		await expect(host.getByTestId('distribution')).toBeVisible();
		await host.getByRole('button', { name: '下一步' }).click();
		await expect(host.getByRole('heading', { name: '队伍排名' })).toBeVisible();
		await expect(host.getByTestId('team-standings').getByRole('listitem')).toHaveCount(2);
		await shot(host, 'teams-projector-leaderboard-1366-zh');
		expect(await seriousA11yViolations(host)).toEqual([]);
	});
});
