import type { Page } from '@playwright/test';
import { expect, open, overflowing, seriousA11yViolations, test } from './fixtures';

const SECURITY = '/study/us-japan-2023/security-defence';
const OPTIONS = '/deck/us-japan-2023/security-defence/options';

interface Spoken {
	text: string;
	lang: string;
	voice: string | null;
}

/**
 * Headless Chromium may have no voices at all: every page gets a fake speech synthesis instead,
 * with `voices` (given after a moment, as Chrome does, with `voiceschanged`), which records what
 * it is asked to say on `window.__spoken`. The utterance is faked too: Chromium's refuses a voice
 * that is not one of its own.
 */
async function fakeSpeech(page: Page, voices: { name: string; lang: string }[]) {
	await page.addInitScript((given) => {
		const w = window as unknown as Record<string, unknown>;
		const spoken: Spoken[] = [];
		w.__spoken = spoken;
		w.__cancels = 0;
		let list: object[] = [];
		const listeners = new Set<() => void>();
		setTimeout(() => {
			list = given.map((v) => ({ ...v, localService: true, default: false, voiceURI: v.name }));
			for (const l of listeners) l();
		}, 100);
		const synth = {
			getVoices: () => list,
			speak: (u: { text: string; lang: string; voice: { name: string } | null }) =>
				spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null }),
			cancel: () => void (w.__cancels = (w.__cancels as number) + 1),
			addEventListener: (_: string, l: () => void) => listeners.add(l),
			removeEventListener: (_: string, l: () => void) => listeners.delete(l),
		};
		Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => synth });
		w.SpeechSynthesisUtterance = class {
			text: string;
			lang = '';
			voice = null;
			constructor(text: string) {
				this.text = text;
			}
		};
	}, voices);
}

const BOTH = [
	{ name: 'Tingting', lang: 'zh-CN' },
	{ name: 'Samantha', lang: 'en-US' },
];

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
const cancels = (page: Page) =>
	page.evaluate(() => (window as unknown as { __cancels: number }).__cancels);
const prompt = async (page: Page) =>
	((await page.locator('#card-prompt').textContent()) ?? '').trim();

async function setOptions(page: Page, display: string, autoRead: boolean) {
	await open(page, OPTIONS);
	await page.getByRole('radio', { name: display, exact: true }).check();
	await page.getByLabel("Read each card's prompt aloud when it appears").setChecked(autoRead);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
}

test.describe('hearing a card', () => {
	test.use({ locale: 'en-US' });

	test('the speaker button and R read the prompt in its voice, then the answer in its own', async ({
		page,
	}) => {
		await fakeSpeech(page, BOTH);
		await setOptions(page, 'Prompt in Chinese, answer in English', false);
		await open(page, SECURITY);
		await expect(page.locator('article.card')).toHaveAttribute('data-type', 'flashcard');
		const text = await prompt(page);
		// Off by default: nothing is read until asked.
		await page.waitForTimeout(300);
		expect(await spoken(page)).toEqual([]);

		const button = page.getByRole('button', { name: 'Read aloud', exact: true });
		await expect(button).toHaveAttribute('aria-keyshortcuts', 'R');
		const box = await button.boundingBox();
		expect(box!.width).toBeGreaterThanOrEqual(44);
		expect(box!.height).toBeGreaterThanOrEqual(44);
		await button.click();
		const read = { text, lang: 'zh-CN', voice: 'Tingting' };
		await expect.poll(() => spoken(page)).toEqual([read]);

		await page.locator('#card-prompt').focus();
		await page.keyboard.press('r');
		await expect.poll(() => spoken(page)).toEqual([read, read]);
		await page.keyboard.press('?');
		await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
			'Read the card aloud',
		);
		await page.keyboard.press('Escape');
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.keyboard.press('Space');
		const answer = page.getByRole('button', { name: 'Read the answer aloud' });
		await expect(answer).toBeVisible();
		await page.screenshot({ path: 'test-results/screenshots/speech-answer.png' });
		await page.keyboard.press('r');
		await expect.poll(async () => (await spoken(page)).length).toBe(3);
		const [, , back] = await spoken(page);
		expect(back).toMatchObject({ lang: 'en-US', voice: 'Samantha' });
		expect(back.text).toMatch(/[a-z]/i);
		await expect(page.locator('.feedback')).toContainText(back.text.slice(0, 20));

		// Rating moves to the next card: what was read of the last one stops.
		const before = await cancels(page);
		await page.keyboard.press('3');
		await expect.poll(() => cancels(page)).toBeGreaterThan(before);
		expect(await spoken(page)).toHaveLength(3);
	});

	test('with auto-read on, each new card is read once, and never with reduced motion', async ({
		page,
	}) => {
		await fakeSpeech(page, BOTH);
		await setOptions(page, 'Chinese', true);
		await open(page, SECURITY);
		const first = await prompt(page);
		await expect
			.poll(() => spoken(page))
			.toEqual([{ text: first, lang: 'zh-CN', voice: 'Tingting' }]);

		await page.keyboard.press('Space');
		await page.keyboard.press('3');
		await expect(page.locator('#card-prompt')).not.toHaveText(first);
		const second = await prompt(page);
		await expect.poll(async () => (await spoken(page)).map((s) => s.text)).toEqual([first, second]);
		// Answering redraws the card: it is not read again.
		if ((await page.locator('article.card').getAttribute('data-type')) === 'flashcard')
			await page.keyboard.press('Space');
		await page.waitForTimeout(400);
		expect(await spoken(page)).toHaveLength(2);

		await page.emulateMedia({ reducedMotion: 'reduce' });
		await open(page, SECURITY);
		await expect(page.locator('article.card')).toBeVisible();
		await page.waitForTimeout(400);
		expect(await spoken(page)).toEqual([]);
	});

	test('hidden where the browser has no speech synthesis', async ({ page }) => {
		await page.addInitScript(() => {
			for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance'])
				Object.defineProperty(window, name, { configurable: true, value: undefined });
		});
		await open(page, OPTIONS);
		// The form is there and ready (it is disabled until the stored options are in).
		await expect(page.getByRole('group', { name: 'Show cards in' })).toBeVisible();
		await expect(page.getByLabel('New cards per day')).toBeEnabled();
		await expect(page.getByText('Read each card', { exact: false })).toHaveCount(0);
		await open(page, SECURITY);
		await expect(page.locator('article.card')).toBeVisible();
		await expect(page.locator('.speak')).toHaveCount(0);
		// Nor does the list of shortcuts offer R.
		await page.keyboard.press('?');
		const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(keys).toContainText('Bury the card until tomorrow');
		await expect(keys).not.toContainText('Read the card aloud');
	});
});

test.describe('hearing a card in the Chinese interface', () => {
	test.use({ locale: 'zh-CN', viewport: { width: 320, height: 640 } });

	test('with no Chinese voice it says so once and reads nothing with an English voice', async ({
		page,
	}) => {
		await fakeSpeech(page, [{ name: 'Samantha', lang: 'en-US' }]);
		await open(page, SECURITY);
		const button = page.getByRole('button', { name: '朗读', exact: true });
		await expect(page.locator('#card-prompt')).toHaveAttribute('lang', 'zh-CN');
		await button.click();
		const note = page
			.getByRole('status')
			.filter({ hasText: '此设备未安装中文语音，无法朗读中文。' });
		await expect(note).toHaveCount(1);
		await page.locator('#card-prompt').focus();
		await page.keyboard.press('r');
		await page.waitForTimeout(300);
		await expect(note).toHaveCount(1);
		expect(await spoken(page)).toEqual([]);
		expect(await overflowing(page)).toEqual([]);
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/speech-no-voice-zh-320.png' });
	});
	test('a practice test question is read on the button and with R, in the test’s language; its answer once checked (Chinese interface)', async ({
		page,
	}) => {
		await fakeSpeech(page, BOTH);
		// Chinese, single-choice questions, feedback after each.
		await open(
			page,
			'/test/run?d=us-japan-2023%2Fsecurity-defence&n=2&t=single&p=all&tl=none&fb=i&pc=0&fs=0&sh=1&l=zh&s=speak1',
		);
		const heading = page.locator('#test-prompt');
		const text = ((await heading.textContent()) ?? '').trim();
		await page.getByRole('button', { name: '朗读', exact: true }).click();
		await expect.poll(() => spoken(page)).toEqual([{ text, lang: 'zh-CN', voice: 'Tingting' }]);
		await page.keyboard.press('r');
		await expect.poll(async () => (await spoken(page)).length).toBe(2);
		// Answered (option 1 picks and checks it): R now reads the right answer.
		await page.keyboard.press('1');
		const read = page.getByRole('button', { name: '朗读答案', exact: true });
		await expect(read).toBeVisible();
		await page.keyboard.press('r');
		await expect.poll(async () => (await spoken(page)).length).toBe(3);
		const last = (await spoken(page))[2];
		expect(last.lang).toBe('zh-CN');
		expect(last.text).not.toBe(text);
		expect(await seriousA11yViolations(page)).toEqual([]);
	});
});
