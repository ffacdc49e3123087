/**
 * The key Better Auth signs session cookies with. From `BETTER_AUTH_SECRET` when set (required
 * when several instances serve one database: each must sign the same way); else made once, on
 * first start, from the system's cryptographic source and kept in a file only the owner can read,
 * so `npm start` needs no set-up and sessions survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MIN_LENGTH = 32;

export function authSecret(fromEnv: string | undefined, file: string): string {
	if (fromEnv) {
		if (fromEnv.length < MIN_LENGTH) {
			throw new Error(`BETTER_AUTH_SECRET must be at least ${MIN_LENGTH} characters long`);
		}
		return fromEnv;
	}
	try {
		const kept = readFileSync(file, 'utf8').trim();
		// Someone may have loosened it (a copy, an archive): a readable secret is a stolen session.
		if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
		if (kept.length >= MIN_LENGTH) return kept;
		throw new Error(`${file} holds no usable secret; remove it and a new one is made at start`);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(dirname(file), { recursive: true });
	const made = randomBytes(32).toString('base64url');
	// `wx`: two processes starting at once never overwrite each other's secret.
	try {
		writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return authSecret(undefined, file);
		throw error;
	}
	return made;
}
