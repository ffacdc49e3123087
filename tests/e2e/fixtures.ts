import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);

/** Opens a page and waits until it is hydrated, so clicks and key presses reach Svelte. */
export async function open(page: Page, path: string) {
	const response = await page.goto(path);
	// The page is drawn by the server at once; the app's code may take longer than an assertion's
	// 5 s to start on a loaded CI machine (it did once, with two workers, in 212 tests).
	await expect(page.locator('html[data-ready]')).toBeAttached({ timeout: 15_000 });
	return response;
}

/**
 * Playwright closes the context it gives a test, not those a test makes itself with
 * `browser.newContext()` (a class's phones, a second device): those stayed open until the worker
 * ended, each live page with its event stream and timers running, and made every later test in
 * the worker slower (a 4.5 s test took 35 s at the end of the live file). They close here.
 */
export const test = base.extend<{ closeOwnContexts: void }>({
	closeOwnContexts: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			await Promise.all(
				browser
					.contexts()
					.filter((c) => !before.has(c))
					.map((c) => c.close()),
			);
		},
		{ auto: true },
	],
});

/**
 * Marks a test that also runs on the phone project (an emulated Pixel 7): what a phone changes
 * is layout, touch and the screen's size, so the tests of those run there. The rest (logic,
 * storage, keyboard) run once, on the desktop project, to keep the suite short.
 */
export const PHONE = { tag: '@phone' };

/**
 * A whole test's budget, for tests longer than the default (whole games, several devices):
 * twice as long in CI, whose shared machines ran them up to twice as slow as a laptop.
 */
export function budget(ms: number): void {
	test.setTimeout(process.env.CI ? ms * 2 : ms);
}

/** The ports above 1024 on the Fetch standard's list of bad ports. */
const BLOCKED_PORTS = new Set([
	1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
	6679, 6697, 10080,
]);

/**
 * A port for a test's own server, a fixed distance from the app's (E2E_PORT, 4173 by default),
 * so two checkouts can run their browser tests side by side on different E2E_PORTs.
 */
export function ownPort(offset: number): number {
	const port = Number(process.env.E2E_PORT ?? 4173) + offset;
	// fetch and Chromium refuse these ports outright ("bad port"): a server there never answers.
	if (BLOCKED_PORTS.has(port))
		throw new Error(`Port ${port} is one browsers refuse; use another offset or E2E_PORT.`);
	return port;
}

export { expect };

/**
 * What sticks out to the right of the screen: a page that would scroll sideways on a phone
 * (a wide table scrolls inside its own region, so what is in one does not count).
 */
export function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((e) => e.checkVisibility())
			.filter((e) => !e.parentElement?.closest('[role="region"][tabindex="0"]'))
			.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			.map((e) => `${e.tagName}.${e.getAttribute('class')}`),
	);
}

/** How many records one of Kioku's IndexedDB stores holds in this page's browser. */
export async function storedCount(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const req = indexedDB.open('kioku');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const count = req.result.transaction(name).objectStore(name).count();
					count.onsuccess = () => resolve(count.result);
				};
			}),
		store,
	);
}

/** Every record of one of Kioku's IndexedDB stores in this page's browser, in key order. */
export async function storedRecords<T = unknown>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const req = indexedDB.open('kioku');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const all = req.result.transaction(name).objectStore(name).getAll();
					all.onsuccess = () => resolve(all.result as T[]);
				};
			}),
		store,
	);
}

/** Runs axe-core (the same engine as Lighthouse and axe DevTools) and returns serious and critical violations. */
export async function seriousA11yViolations(
	page: Page,
	/** axe's experimental rules to run as well (off by default), e.g. `label-content-name-mismatch`. */
	experimental: string[] = [],
) {
	// Evaluated rather than added as a <script>: the pages' Content-Security-Policy refuses an
	// inline script without their nonce.
	await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
	const violations = await page.evaluate(async (experimental) => {
		const axe = (
			window as unknown as {
				axe: {
					run: (o: object) => Promise<{
						violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe;
		const rules = Object.fromEntries(experimental.map((id) => [id, { enabled: true }]));
		const result = await axe.run({ resultTypes: ['violations'], rules });
		return result.violations;
	}, experimental);
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
