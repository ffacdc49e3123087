// Imported banks on the device: saved whole, listed, opened by deck, and deleted with or
// without their reviews, in one transaction.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { importBankFile } from '../../src/lib/bank/exchange/index.ts';
import { parseBackup } from '../../src/lib/storage/backup.ts';
import { exportBackup, importBackup } from '../../src/lib/storage/backup-io.ts';
import { openKiokuDb } from '../../src/lib/storage/db.ts';
import {
	deleteImportedBank,
	importedBankSummaries,
	importedDeck,
	saveImportedBank,
	type ImportedBankRecord,
} from '../../src/lib/storage/imported-banks.ts';

let n = 0;
const CSV = 'capital of Japan\tTokyo\tgeo\nlargest island\tHonshu\tgeo\n';

function bank() {
	const result = importBankFile('japan-cards.tsv', CSV, { today: '2026-11-27' });
	if (!result.ok) throw new Error(JSON.stringify(result.error.errors));
	return result.value.bank;
}

describe('imported banks', () => {
	it('are listed with their counts and open deck by deck', async () => {
		const db = await openKiokuDb(`imp-${++n}`);
		const b = bank();
		await saveImportedBank(db, b, 'japan-cards.tsv', 1);
		const [summary] = await importedBankSummaries(db);
		expect(summary).toMatchObject({ id: 'japan-cards', questionCount: 2 });
		const deck = await importedDeck(db, b.id, b.decks[0].id);
		expect(deck?.questions.map((q) => q.type)).toEqual(['flashcard', 'flashcard']);
		expect(await importedDeck(db, b.id, 'nope')).toBeUndefined();
	});

	it('deleted, keep their reviews unless asked, and never touch another deck’s', async () => {
		for (const withReviews of [false, true]) {
			const db = await openKiokuDb(`imp-${++n}`);
			const b = bank();
			await saveImportedBank(db, b, 'japan-cards.tsv', 1);
			const key = `${b.id}/${b.decks[0].id}`;
			const id = b.decks[0].questions[0].id;
			const card = { id, deck: key, due: 0, stability: 1, difficulty: 5, elapsedDays: 0 };
			const extra = { scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 2 };
			const flags = { suspended: false, buriedUntil: 0, leech: false };
			await db.put('cards', { ...card, ...extra, ...flags });
			await db.put('cards', { ...card, ...extra, ...flags, id: 'other', deck: 'b/d' });
			const log = {
				...{ cardId: id, deck: key, rating: 3 as const, review: 5, durationMs: 1, config: 'c' },
				...{ state: 0, due: 0, stability: 0, difficulty: 0, elapsedDays: 0 },
				...{ lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0 },
			};
			await db.add('logs', log);
			await db.add('logs', { ...log, cardId: 'other', deck: 'b/d' });
			await deleteImportedBank(db, b.id, withReviews);
			expect(await importedBankSummaries(db)).toEqual([]);
			expect(await db.count('cards')).toBe(withReviews ? 1 : 2);
			expect(await db.count('logs')).toBe(withReviews ? 1 : 2);
			expect((await db.getAll('cards')).map((c) => c.id)).toContain('other');
		}
	});
});

/** As JSON keeps it, without the name of the file each deck was read from (the backup's copy). */
const comparable = (records: ImportedBankRecord[]) =>
	JSON.parse(
		JSON.stringify(records, (key, value: unknown) => (key === 'file' ? undefined : value)),
	) as unknown;

describe('imported banks in a backup', () => {
	async function withBank() {
		const db = await openKiokuDb(`imp-${++n}`);
		await saveImportedBank(db, bank(), 'japan-cards.tsv', 1234);
		return db;
	}

	it('travel with it and come back the same, by replace and by merge', async () => {
		const db = await withBank();
		const text = await exportBackup(db, 5000);
		for (const mode of ['replace', 'merge'] as const) {
			const copy = await openKiokuDb(`imp-${++n}`);
			const parsed = parseBackup(text);
			if (!parsed.ok) throw new Error(parsed.error.message);
			await importBackup(copy, parsed.value, mode, UTC_DAYS);
			expect(comparable(await copy.getAll('banks'))).toEqual(comparable(await db.getAll('banks')));
		}
	});

	it('a backup without imported banks has no banks field (older versions read it)', async () => {
		const db = await openKiokuDb(`imp-${++n}`);
		expect(JSON.parse(await exportBackup(db, 5000)).data).not.toHaveProperty('banks');
	});

	it('a damaged bank in a backup refuses the whole file, naming the bank', async () => {
		const db = await withBank();
		const backup = JSON.parse(await exportBackup(db, 5000));
		backup.data.banks[0].kioku = backup.data.banks[0].kioku.replace('"flashcard"', '"riddle"');
		const parsed = parseBackup(JSON.stringify(backup));
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.message).toMatch(/^banks\[0\] \("japan-cards"\): line \d+/);
	});
});
