import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authSecret } from '$lib/server/auth/secret';

describe('the auth secret', () => {
	const dirs: string[] = [];
	const dir = () => {
		const made = mkdtempSync(join(tmpdir(), 'kioku-secret-'));
		dirs.push(made);
		return made;
	};
	afterEach(() => {
		for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
	});

	it('is made once on first start, kept readable by the owner only, and the same on the next start', () => {
		const file = join(dir(), 'data', 'auth-secret');
		const first = authSecret(undefined, file);
		expect(first.length).toBeGreaterThanOrEqual(32);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(authSecret(undefined, file)).toBe(first);
		expect(readFileSync(file, 'utf8').trim()).toBe(first);
	});

	it('comes from BETTER_AUTH_SECRET when set, and no file is written', () => {
		const file = join(dir(), 'auth-secret');
		const fromEnv = 'x'.repeat(40);
		expect(authSecret(fromEnv, file)).toBe(fromEnv);
		expect(() => statSync(file)).toThrow();
		expect(() => authSecret('too short', file)).toThrow(/at least 32/);
	});

	it('tightens a kept secret that others could read, and refuses an unusable one', () => {
		const file = join(dir(), 'auth-secret');
		writeFileSync(file, 'k'.repeat(43));
		chmodSync(file, 0o644);
		expect(authSecret(undefined, file)).toBe('k'.repeat(43));
		expect(statSync(file).mode & 0o777).toBe(0o600);
		writeFileSync(file, 'short');
		expect(() => authSecret(undefined, file)).toThrow(/no usable secret/);
	});
});
