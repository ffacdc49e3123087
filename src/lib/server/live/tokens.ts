/** Secrets that prove who is calling: random, and stored only as hashes. */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const newToken = (): string => randomBytes(24).toString('base64url');
export const hashToken = (token: string): string =>
	createHash('sha256').update(token).digest('base64url');
export const newPlayerId = (): string => randomBytes(9).toString('base64url');
/** Cryptographic randomness for join codes. */
export const secureRandomInt = (maxExclusive: number): number => randomInt(maxExclusive);
/** The join key of a game's link and QR code: shorter than a token, still unguessable (128 bits). */
export const newJoinKey = (): string => randomBytes(16).toString('base64url');
