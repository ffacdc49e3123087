// The shutdown sequence on its own, with the exit replaced: phases in order, the "no new work"
// flag from the first moment, and the exit code when a step fails or outlasts the deadline. The
// whole process (a signal, its streams, its exit) is tested on the built server in
// tests/e2e/operations.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Shutdown = typeof import('$lib/server/ops/shutdown');
let shutdown: Shutdown;

beforeEach(async () => {
	// The module keeps one shutdown per process: each test gets its own copy.
	vi.resetModules();
	shutdown = await import('$lib/server/ops/shutdown');
});

describe('shutting down', () => {
	it('refuses new work at once, runs the phases in order, then exits 0', async () => {
		const seen: string[] = [];
		const step = (name: string) => async () => {
			seen.push(`${name} start`);
			await new Promise((resolve) => setTimeout(resolve, 5));
			seen.push(`${name} end`);
		};
		// Registered out of order: the phase decides, not the order of registration.
		shutdown.onShutdown('reconnect', 'close streams', step('reconnect'));
		shutdown.onShutdown('hand-over', 'hand leases over', step('hand-over'));
		shutdown.onShutdown('save', 'save games', step('save'));
		shutdown.onShutdown('save', 'save more', step('save 2'));
		shutdown.onShutdown('exit', 'last writes', step('exit'));
		const removed = shutdown.onShutdown('save', 'removed', step('removed'));
		removed();
		const exit = vi.fn();
		expect(shutdown.shuttingDown()).toBe(false);
		const done = shutdown.shutDown('SIGTERM', { exit });
		expect(shutdown.shuttingDown()).toBe(true);
		// Asked twice (two signals), it is the same shutdown.
		expect(shutdown.shutDown('SIGINT', { exit })).toBe(done);
		await done;
		expect(seen).toEqual([
			'save start',
			'save 2 start',
			'save end',
			'save 2 end',
			'hand-over start',
			'hand-over end',
			'reconnect start',
			'reconnect end',
			'exit start',
			'exit end',
		]);
		expect(exit).toHaveBeenCalledExactlyOnceWith(0);
	});

	it('keeps serving through the drain, and only then runs the first step', async () => {
		vi.useFakeTimers();
		try {
			const save = vi.fn();
			shutdown.onShutdown('save', 'save games', save);
			const exit = vi.fn();
			const done = shutdown.shutDown('SIGTERM', { exit, drainMs: 1_000 });
			await vi.advanceTimersByTimeAsync(999);
			expect(shutdown.shuttingDown()).toBe(true);
			expect(save).not.toHaveBeenCalled();
			await vi.advanceTimersByTimeAsync(1);
			await done;
			expect(save).toHaveBeenCalled();
			expect(exit).toHaveBeenCalledWith(0);
		} finally {
			vi.useRealTimers();
		}
	});

	it('exits 1 when a step fails, after running the later phases all the same', async () => {
		const later = vi.fn();
		shutdown.onShutdown('save', 'save games', () => Promise.reject(new Error('disk full')));
		shutdown.onShutdown('reconnect', 'close streams', later);
		const exit = vi.fn();
		await shutdown.shutDown('SIGTERM', { exit });
		expect(later).toHaveBeenCalled();
		expect(exit).toHaveBeenCalledExactlyOnceWith(1);
	});

	it('exits 1 at the deadline when a step never finishes', async () => {
		shutdown.onShutdown('hand-over', 'stuck', () => new Promise<void>(() => {}));
		const exit = vi.fn();
		await shutdown.shutDown('SIGTERM', { exit, deadlineMs: 20 });
		expect(exit).toHaveBeenCalledExactlyOnceWith(1);
	});
});
