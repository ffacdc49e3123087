import { describe, expect, it } from 'vitest';
import { Connectivity, RETRY_MS } from '../../src/lib/state/connectivity.ts';

function setup(o: { navigator?: boolean; reachable?: boolean; throws?: boolean } = {}) {
	const world = {
		navigator: o.navigator ?? true,
		reachable: o.reachable ?? true,
		throws: o.throws ?? false,
		probes: 0,
	};
	const changes: boolean[] = [];
	const timers: { fn: () => void; ms: number }[] = [];
	const c = new Connectivity({
		navigatorOnLine: () => world.navigator,
		probe: async () => {
			world.probes++;
			if (world.throws) throw new TypeError('Failed to fetch');
			return world.reachable;
		},
		onChange: (online) => changes.push(online),
		setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
		clearTimer: (i) => {
			if (typeof i === 'number' && timers[i]) timers[i] = { fn: () => {}, ms: -1 };
		},
	});
	return { c, world, changes, timers };
}

describe('connectivity', () => {
	it('is offline when the browser says "online" but the server cannot be reached', async () => {
		const { c, changes } = setup({ navigator: true, reachable: false });
		await c.check();
		expect(c.online).toBe(false);
		expect(changes).toEqual([false]);
	});

	it('trusts the browser when it says offline, without asking the server', async () => {
		const { c, world } = setup({ navigator: false });
		await c.check();
		expect(c.online).toBe(false);
		expect(world.probes).toBe(0);
	});

	it('takes a failing probe (a thrown network error) as offline, and asks again until back', async () => {
		const { c, world, timers } = setup({ throws: true });
		await c.check();
		expect(c.online).toBe(false);
		const retry = timers.at(-1)!;
		expect(retry.ms).toBe(RETRY_MS);
		world.throws = false;
		retry.fn();
		await new Promise((r) => setTimeout(r, 0));
		expect(c.online).toBe(true);
	});

	it('follows the app’s own requests: a network error is offline, an answer online again', () => {
		const { c, changes } = setup();
		c.requestFailed();
		expect(c.online).toBe(false);
		c.requestSucceeded();
		expect(c.online).toBe(true);
		expect(changes).toEqual([false, true]);
	});

	it('asks the server once however many checks come at once', async () => {
		const { c, world } = setup();
		await Promise.all([c.check(), c.check(), c.check()]);
		expect(world.probes).toBe(1);
	});
});
