/**
 * One-time recovery codes: the way back into an account when its password is forgotten (there
 * is no e-mail to reset it by). Ten are made at sign-up and shown once; each is stored only as
 * an scrypt hash (Better Auth's password hasher), and spending one deletes it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import type { Kysely } from 'kysely';
import { RECOVERY_CODE_COUNT } from '$lib/account/protocol';
import type { AuthTables } from './tables.ts';

/** No 0/O, 1/I/L or U: a code copied from paper by hand is read back as written. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A new code, `XXXX-XXXX-XXXX`: 12 symbols of 30, about 59 bits. */
export function newRecoveryCode(): string {
	const symbols: string[] = [];
	// Rejection sampling: 240 is the largest multiple of 30 under 256, so every symbol is equally likely.
	while (symbols.length < GROUPS * GROUP_LENGTH) {
		for (const byte of randomBytes(32)) {
			if (byte < 240 && symbols.length < GROUPS * GROUP_LENGTH) symbols.push(ALPHABET[byte % 30]);
		}
	}
	const groups = [];
	for (let i = 0; i < GROUPS; i++)
		groups.push(symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
	return groups.join('-');
}

/** A code as typed (spaces or dashes anywhere, lower case, full-width) in the form it was made. */
export function canonicalRecoveryCode(typed: string): string {
	const plain = typed
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-‐‑–—]/g, '');
	return plain.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? '';
}

export class RecoveryCodes {
	constructor(
		private readonly db: Kysely<AuthTables>,
		private readonly now: () => number = Date.now,
	) {}

	/** Replaces the user's codes with new ones, returned once, in the clear. */
	async issue(userId: string): Promise<string[]> {
		const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
		const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
		await this.db.transaction().execute(async (tx) => {
			await tx.deleteFrom('auth_recovery_code').where('user_id', '=', userId).execute();
			await tx
				.insertInto('auth_recovery_code')
				.values(
					hashes.map((code_hash) => ({
						id: randomUUID(),
						user_id: userId,
						code_hash,
						created_at: this.now(),
					})),
				)
				.execute();
		});
		return codes;
	}

	async left(userId: string): Promise<number> {
		const row = await this.db
			.selectFrom('auth_recovery_code')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.where('user_id', '=', userId)
			.executeTakeFirst();
		return Number(row?.n ?? 0);
	}

	/**
	 * Spends the code if it is one of the user's: true once, false for a wrong or spent code. Two
	 * requests with the same code at once: only the one that deletes the row wins.
	 */
	async spend(userId: string, typed: string): Promise<boolean> {
		const code = canonicalRecoveryCode(typed);
		const rows = await this.db
			.selectFrom('auth_recovery_code')
			.select(['id', 'code_hash'])
			.where('user_id', '=', userId)
			.execute();
		// Every hash is checked (in parallel, on libuv's pool), so the time says nothing of which matched.
		const matches = await Promise.all(
			rows.map((row) => verifyPassword({ hash: row.code_hash, password: code })),
		);
		const match = rows.find((_, i) => matches[i]);
		if (!match) return false;
		const deleted = await this.db
			.deleteFrom('auth_recovery_code')
			.where('id', '=', match.id)
			.executeTakeFirst();
		return Number(deleted.numDeletedRows) === 1;
	}
}
