// A missing chunk of an older deployment reloads the page once per address, never in a loop.
import { describe, expect, it } from 'vitest';
import { reloadForMissingChunk } from '../../src/lib/state/chunk-reload.ts';
import { memoryStorage, throwingStorage, useStorage } from './fake-web-storage.ts';

describe('reloadForMissingChunk', () => {
	it('reloads once for an address, and again for another one', () => {
		useStorage('session', memoryStorage());
		let reloads = 0;
		const reload = () => reloads++;
		expect(reloadForMissingChunk('https://k.test/study/a/b', true, reload)).toBe(true);
		// After the reload the chunk is still missing: the page stays as it is.
		expect(reloadForMissingChunk('https://k.test/study/a/b', true, reload)).toBe(false);
		expect(reloadForMissingChunk('https://k.test/stats', true, reload)).toBe(true);
		expect(reloads).toBe(2);
	});

	it('never reloads offline, where the network, not a deployment, lost the chunk', () => {
		useStorage('session', memoryStorage());
		let reloads = 0;
		expect(reloadForMissingChunk('https://k.test/account', false, () => reloads++)).toBe(false);
		expect(reloads).toBe(0);
		// Back online, the same address may still reload once.
		expect(reloadForMissingChunk('https://k.test/account', true, () => reloads++)).toBe(true);
		expect(reloads).toBe(1);
	});

	it('never reloads when it could not remember doing so', () => {
		useStorage('session', throwingStorage);
		let reloads = 0;
		expect(reloadForMissingChunk('https://k.test/', true, () => reloads++)).toBe(false);
		expect(reloads).toBe(0);
	});
});
