// The projector at classroom sizes (1366×768 and 1920×1080) and the phones in a live game: type
// scaled to the screen, the buttons always in view with their keyboard shortcuts, ranks with
// ties, the podium, and each phone's countdown and full-screen verdict, in both languages.
import { readFileSync } from 'node:fs';
import { devices, type Browser, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { budget, expect, open, seriousA11yViolations, test } from './fixtures';

const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };

const GAME = {
	decks: ['us-japan-2023/security-defence'],
	types: ['single'],
	count: 2,
	secondsPerQuestion: 60,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: true,
	lang: 'en',
	optionsOnPhones: true,
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
async function hostGame(
	browser: Browser,
	baseURL: string,
	settings: object,
	context: { locale?: string; reducedMotion?: 'reduce' } = {},
) {
	const created = await fetch(`${baseURL}/api/live/games`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...GAME, ...settings }),
	});
	expect(created.ok).toBe(true);
	const { code, hostToken, joinKey } = (await created.json()) as Record<string, string>;
	const host = await (
		await browser.newContext({ locale: 'en-US', ...context, viewport: SMALL })
	).newPage();
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

/** A Pixel 7 that joins the game under `name`, in `locale`. */
async function phone(browser: Browser, code: string, name: string, locale: 'en-US' | 'zh-CN') {
	const page = await (await browser.newContext({ ...devices['Pixel 7'], locale })).newPage();
	await open(page, `/join/${code}`);
	await page.getByLabel(locale === 'en-US' ? 'Your name' : '你的名字').fill(name);
	await page.getByRole('button', { name: locale === 'en-US' ? 'Join' : '加入' }).click();
	await expect(page.getByText(locale === 'en-US' ? "You're in!" : '已加入！')).toBeVisible();
	return page;
}

const fontPx = (locator: Locator) =>
	locator.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

test.describe('the projector and the phones', () => {
	test('a whole game at 1366×768 and 1920×1080: large type, buttons in view, shortcuts, ranks and a podium', async ({
		browser,
		baseURL,
	}) => {
		budget(120_000);
		const { host, code } = await hostGame(browser, baseURL!, {});

		// The lobby: the short address with the code beside it, the deck and the question count.
		const origin = new URL(baseURL!).host;
		await expect(host.getByRole('heading', { level: 1 })).toHaveText(`Join at ${origin}/join`);
		await expect(host.getByTestId('lobby-code')).toHaveText(code);
		await expect(host.getByText('Security & defence · 2 questions')).toBeVisible();
		// The QR code grows with the screen.
		const qr = host.getByRole('figure', { name: `QR code to join game ${code}` });
		const qrSmall = (await qr.boundingBox())!.height;
		await expect(host.getByText('Players: 0')).toBeVisible();
		const ann = await phone(browser, code, 'Ann', 'en-US');
		const bo = await phone(browser, code, 'Bo 波', 'zh-CN');
		// Players appear as they arrive, in a polite live region.
		const players = host.getByRole('list').filter({ hasText: 'Ann' });
		await expect(players).toHaveAttribute('aria-live', 'polite');
		await expect(players.getByText('Bo 波')).toBeVisible();
		await shot(host, 'projector-lobby-1366');
		await host.setViewportSize(LARGE);
		await expect.poll(async () => (await qr.boundingBox())!.height).toBeGreaterThan(qrSmall);
		await shot(host, 'projector-lobby-1920');
		expect(await seriousA11yViolations(host)).toEqual([]);
		await host.setViewportSize(SMALL);

		// Sound is off until the teacher turns it on.
		const sound = host.getByRole('button', { name: 'Sound' });
		await expect(sound).toHaveAttribute('aria-pressed', 'false');
		await sound.click();
		await expect(sound).toHaveAttribute('aria-pressed', 'true');
		await sound.click();
		await expect(sound).toHaveAttribute('aria-pressed', 'false');
		await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

		// Space in the lobby does not start the game: starting is a deliberate click.
		await host.keyboard.press('Space');
		await expect(host.getByText('Players: 2')).toBeVisible();
		await host.getByRole('button', { name: 'Start' }).click();

		// A question: answers in type of at least 32 px at 1366×768, larger at 1920×1080.
		const label = host.locator('.options .label').first();
		await expect(label).toBeVisible();
		expect(await host.locator('.options li').count()).toBeGreaterThanOrEqual(2);
		expect(await fontPx(label)).toBeGreaterThanOrEqual(32);
		const reveal = host.getByRole('button', { name: 'Show the answer' });
		await expect(reveal).toBeInViewport({ ratio: 1 });
		await expect(host.getByRole('status').filter({ hasText: 'answered' })).toHaveText(
			'0 of 2 answered',
		);
		await expect(host.getByRole('timer')).toContainText(/\d+ s/);
		await shot(host, 'projector-question-1366');
		await host.setViewportSize(LARGE);
		await expect.poll(() => fontPx(label)).toBeGreaterThan(40);
		await expect(reveal).toBeInViewport({ ratio: 1 });
		await shot(host, 'projector-question-1920');
		await host.setViewportSize(SMALL);
		expect(await seriousA11yViolations(host)).toEqual([]);

		// The phones: a countdown, and a verdict that fills the screen, in words.
		await expect(ann.getByRole('timer')).toContainText(/\d+ s/);
		await expect(bo.getByRole('timer')).toContainText(/\d+ 秒/);
		await shot(ann, 'phone-play-answering');
		expect(await seriousA11yViolations(ann)).toEqual([]);

		// Nobody answers; → shows the answer. Both have 0 points: tied for 1st, not "number 1".
		await host.keyboard.press('ArrowRight');
		await expect(host.getByTestId('distribution')).toBeVisible();
		await expect(ann.getByTestId('verdict')).toContainText('No answer.');
		await expect(ann.getByTestId('verdict')).toContainText('Tied for 1st.');
		await expect(bo.getByTestId('verdict')).toContainText('未作答。');
		await expect(bo.getByTestId('verdict')).toContainText('并列第 1。');
		const cover = await ann.getByTestId('verdict').boundingBox();
		expect(cover).toMatchObject({ x: 0, y: 0, width: 412, height: 839 });
		const next = host.getByRole('button', { name: 'Next' });
		await expect(next).toBeInViewport({ ratio: 1 });
		await shot(host, 'projector-reveal-1366');
		await host.setViewportSize(LARGE);
		await shot(host, 'projector-reveal-1920');
		await host.setViewportSize(SMALL);

		// While the end-the-game dialog is open the shortcuts do nothing; it stays as it was.
		await host.getByRole('button', { name: 'End the game…' }).click();
		await host.keyboard.press('ArrowRight');
		await expect(host.getByRole('dialog')).toBeVisible();
		await host.keyboard.press('Escape');
		await expect(host.getByTestId('distribution')).toBeVisible();

		// Space goes on to the leaderboard (once focus is off the button Space would press): both
		// tied at rank 1.
		await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await host.keyboard.press('Space');
		await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
		const rows = host.locator('.board li');
		await expect(rows).toHaveCount(2);
		await expect(rows.nth(0).locator('.rank')).toHaveText(/^1\s*\(tied\)$/);
		await expect(rows.nth(1).locator('.rank')).toHaveText(/^1\s*\(tied\)$/);
		await host.keyboard.press('ArrowRight');

		// Question 2: Ann picks the right option, Bo a wrong one.
		await expect(host.getByText('Question 2 of 2')).toBeVisible();
		const prompt = (await ann.getByRole('heading', { level: 1 }).textContent())!.trim();
		const right = RIGHT_OPTION.get(prompt)!;
		expect(right).toBeTruthy();
		await tile(ann, right, true).click();
		await expect(host.getByRole('status').filter({ hasText: 'answered' })).toHaveText(
			'1 of 2 answered',
		);
		await tile(bo, right, false).click();
		// Everyone answered: the answer is shown without waiting.
		await expect(host.getByTestId('distribution')).toBeVisible();
		await expect(ann.getByTestId('verdict')).toHaveAttribute('data-verdict', 'right');
		await expect(ann.getByTestId('verdict')).toContainText('Right!');
		await expect(ann.getByTestId('verdict')).toContainText('You are number 1.');
		await expect(bo.getByTestId('verdict')).toHaveAttribute('data-verdict', 'wrong');
		await expect(bo.getByTestId('verdict')).toContainText('这次没答对。');
		await shot(ann, 'phone-play-after-reveal');
		await shot(bo, 'phone-play-after-reveal-wrong-zh');
		await host.keyboard.press('Space');
		await expect(host.getByRole('heading', { name: 'Leaderboard' })).toBeVisible();
		// Ann gained points this round and is first alone now; Bo second, with nothing gained.
		await expect(rows.nth(0)).toContainText('Ann');
		await expect(rows.nth(0)).toContainText(/\+\d+ this round/);
		await expect(rows.nth(0).locator('.rank')).toHaveText('1');
		await expect(rows.nth(1).locator('.rank')).toHaveText('2');
		await expect(rows.nth(1)).not.toContainText('this round');
		await shot(host, 'projector-leaderboard-1366');
		await host.setViewportSize(LARGE);
		await shot(host, 'projector-leaderboard-1920');
		await host.setViewportSize(SMALL);
		expect(await seriousA11yViolations(host)).toEqual([]);

		// After the last question, the podium: first in the middle, its list still read 1, 2.
		await host.keyboard.press('Space');
		await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
		const podium = host.getByTestId('podium').getByRole('listitem');
		await expect(podium).toHaveCount(2);
		const first = (await podium.nth(0).boundingBox())!;
		const second = (await podium.nth(1).boundingBox())!;
		expect(second.x).toBeLessThan(first.x);
		await expect(ann.getByText('Game over!')).toBeVisible();
		await expect(bo.getByText('游戏结束！')).toBeVisible();
		await host.waitForTimeout(1500); // the steps' rise, for the screenshot
		await shot(host, 'projector-podium-1366');
		await host.setViewportSize(LARGE);
		await shot(host, 'projector-podium-1920');
		expect(await seriousA11yViolations(host)).toEqual([]);
	});

	test('"Both" languages: two lines, Chinese first, English smaller; true/false tiles on phones and the projector', async ({
		browser,
		baseURL,
	}) => {
		budget(90_000);
		// A Chinese projector that asks for less motion.
		const { host, code } = await hostGame(
			browser,
			baseURL!,
			{ types: ['truefalse'], count: 1, lang: 'both' },
			{ locale: 'zh-CN', reducedMotion: 'reduce' },
		);
		await expect(host.getByRole('heading', { level: 1 })).toContainText('加入网址');
		await expect(host.getByText('Security & defence · 共 1 题')).toBeVisible();
		const ann = await phone(browser, code, 'Ann', 'en-US');
		await host.getByRole('button', { name: '开始' }).click();
		await expect(host.getByRole('button', { name: '公布答案' })).toBeInViewport({ ratio: 1 });
		// The countdown steps instead of gliding.
		await expect(host.getByRole('timer')).toContainText(/\d+ 秒/);
		expect(
			await host.locator('.fill').evaluate((e) => getComputedStyle(e).transitionDuration),
		).toBe('0s');
		for (const page of [host, ann]) {
			const prompt = page.getByRole('heading', { level: 1 });
			const zh = prompt.locator('[lang="zh-CN"]');
			const en = prompt.locator('[lang="en"]');
			await expect(zh).toBeVisible();
			await expect(en).toBeVisible();
			expect((await zh.boundingBox())!.y).toBeLessThan((await en.boundingBox())!.y);
			expect(await fontPx(en)).toBeLessThan(await fontPx(zh));
			await expect(prompt).not.toContainText(' / ');
		}
		// True and false: two tiles, each its own colour and shape.
		const truth = ann.getByRole('button', { name: 'True' });
		const falsity = ann.getByRole('button', { name: 'False' });
		const colour = (l: Locator) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
		expect(await colour(truth)).not.toBe(await colour(falsity));
		await expect(truth).toContainText('◯');
		await expect(falsity).toContainText('✕');
		await expect(host.locator('.tf li')).toHaveCount(2);
		await shot(ann, 'phone-play-truefalse-both');
		await shot(host, 'projector-truefalse-both-zh-1366');
		await truth.click();
		await expect(host.getByTestId('distribution')).toContainText('1 人选择');
		await expect(ann.getByTestId('verdict')).toBeVisible();
	});

	test('order tiles on a phone show the place each was given', async ({ browser, baseURL }) => {
		budget(90_000);
		const { host, code } = await hostGame(browser, baseURL!, { types: ['order'], count: 1 });
		const ann = await phone(browser, code, 'Ann', 'en-US');
		await host.getByRole('button', { name: 'Start' }).click();
		const tiles = ann.locator('.options button');
		await expect(tiles.first()).toBeVisible();
		await tiles.nth(1).click();
		await tiles.nth(0).click();
		await expect(tiles.nth(1).locator('.place')).toHaveText('1Place 1');
		await expect(tiles.nth(0).locator('.place')).toHaveText('2Place 2');
		await expect(tiles.nth(2).locator('.place')).toHaveCount(0);
		// The projector shows the items large.
		expect(await fontPx(host.locator('.options .label').first())).toBeGreaterThanOrEqual(32);
		await shot(ann, 'phone-play-order');
	});
});

test.describe('the live setup', () => {
	test('says how many questions the selection holds, and Create game stays in view on a phone', async ({
		browser,
	}) => {
		for (const [locale, count] of [
			['en-US', /These decks and types hold (\d+) questions\./],
			['zh-CN', /这些题组和题型共 (\d+) 题。/],
		] as const) {
			const page = await (await browser.newContext({ ...devices['Pixel 7'], locale })).newPage();
			await open(page, '/live');
			const status = page.getByTestId('selection-count');
			const n = async () => Number(count.exec((await status.textContent()) ?? '')?.[1]);
			const before = await n();
			expect(before).toBeGreaterThan(0);
			// Another deck adds its questions; a type taken away removes its own.
			await page.getByRole('checkbox').nth(1).check();
			await expect.poll(n).toBeGreaterThan(before);
			const create = page.getByRole('button', {
				name: locale === 'en-US' ? 'Create game' : '创建游戏',
			});
			await expect(create).toBeInViewport({ ratio: 1 });
			await page.mouse.wheel(0, 600);
			await expect(create).toBeInViewport({ ratio: 1 });
			await shot(page, `phone-live-setup-${locale}`);
			await page.context().close();
		}
	});
});
