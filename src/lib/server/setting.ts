/** Numbers an operator sets in the server's environment. */
import { env } from '$env/dynamic/private';
import { log } from './log.ts';

/** A number from the environment; a missing or unreadable one is the default (and says so). */
export function setting(name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (Number.isFinite(n) && n > 0) return n;
	log.error(`${name}=${raw} is not a positive number; using ${fallback}`);
	return fallback;
}
