import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Browser tests run in the system's Chromium: Playwright's own browser download is not
// reachable from every machine, and a missing browser must fail loudly, never skip.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
	throw new Error(
		`No Chromium at ${chromium}. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
			'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
	);
}

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// CI machines are shared and slower than a laptop: whole-game and multi-device tests that take
	// 10–25 s alone passed 30 s there with two workers (three did, of 212). Steps keep their own
	// 5 s expectations; only the budget of a whole test is larger.
	timeout: process.env.CI ? 60_000 : 30_000,
	// A step waits longer there too: a screen that reads IndexedDB first drew later than 5 s once.
	expect: { timeout: process.env.CI ? 10_000 : 5_000 },
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: process.env.CI ? 2 : undefined,
	reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		// A click or a page load that never completes fails as that step, naming it, rather than
		// as the whole test's timeout (one did, in CI, with nothing to say which step hung).
		actionTimeout: process.env.CI ? 20_000 : 10_000,
		navigationTimeout: process.env.CI ? 30_000 : 15_000,
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		},
	},
	projects: [
		{
			name: 'desktop',
			use: { ...devices['Desktop Chrome'], channel: undefined },
			// Tap targets are a touch screen's measure: run on the phone project only.
			testIgnore: /tap-targets\.test\.ts/,
		},
		// Only tests tagged @phone (PHONE in fixtures.ts) run here: layout, touch and the focused
		// screens. The PWA, update, sync and classroom tests pick their own devices (a projector,
		// phones) and run once, on the desktop project.
		{
			name: 'phone',
			use: { ...devices['Pixel 7'] },
			grep: /@phone/,
		},
	],
	webServer: {
		// The production build, served the way `npm start` serves it; with E2E_CLUSTER=1, as three
		// instances on PostgreSQL behind nginx (scripts/cluster-serve.ts), for the classroom suite.
		command: process.env.E2E_CLUSTER
			? 'npm run build && tsx scripts/cluster-serve.ts'
			: 'npm run build && node server.js',
		url: `http://localhost:${PORT}`,
		env: { PORT: String(PORT) },
		reuseExistingServer: false,
		timeout: 180_000,
		// Stopped by a signal it can answer: the cluster drops its database and stops nginx.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
	},
});
