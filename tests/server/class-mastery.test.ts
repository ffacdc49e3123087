// What a class knows per paragraph and topic, read from its students' graded assignment answers
// on a real database of each kind: only its teacher reads it, and a student who left no longer
// counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentDecks, assignmentItems } from '$lib/classes/assignment-rules';
import { loadToSimplified } from '$lib/quiz/chinese-variants';
import { createAssignmentStore, type AssignmentStore } from '$lib/server/classes/assignments';
import { classMasteryReader, type ClassMasteryReader } from '$lib/server/classes/mastery';
import { createClassStore, type ClassStore } from '$lib/server/classes/store';
import { migrateToLatest } from '$lib/server/db/migrations';
import { DECK, rightAnswer, shippedDeck, wrongAnswer } from '../unit/assignment-fixtures';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './databases';

const T0 = Date.UTC(2026, 8, 1, 8);
const alice = { id: 'teacher-alice', name: 'Alice' };
const bob = { id: 'teacher-bob', name: 'Bob' };

describe.each(DATABASE_KINDS)('class mastery on %s', (kind) => {
	let test: TestDatabase;
	let classes: ClassStore;
	let assignments: AssignmentStore;
	let mastery: ClassMasteryReader;

	beforeAll(async () => {
		test = await createTestDatabase(kind);
		await migrateToLatest(test.db.kysely, kind);
		classes = createClassStore(test.db, { now: () => T0 });
		assignments = createAssignmentStore(test.db, {
			loadDeck: shippedDeck,
			now: () => T0,
			toSimplified: loadToSimplified,
		});
		mastery = classMasteryReader(test.db.kysely, shippedDeck);
	});
	afterAll(() => test.drop());

	it("counts each paragraph's answers, weakest first; only for the class's teacher; a student who leaves takes theirs", async () => {
		const made = await classes.createClass(alice, 'Politics');
		if (!made.ok) throw new Error(made.error);
		const cls = made.value;
		const ann = await classes.join(cls.code, 'Ann', 'hash-ann');
		const bo = await classes.join(cls.code, 'Bo', 'hash-bo');
		if (!ann.ok || !bo.ok) throw new Error('join refused');
		const set = await assignments.create(alice.id, cls.id, {
			title: 'Week 1',
			decks: [DECK],
			types: ['truefalse', 'single'],
			count: 6,
			shuffle: true,
			partialCredit: false,
			dueAt: T0 + 86_400_000,
			showAnswers: 'never',
		});
		if (!set.ok) throw new Error(set.error);
		if (set.value.kind !== 'questions') throw new Error('not a practice test');
		const questions = set.value.questions;
		const items = assignmentItems(questions, await assignmentDecks(questions, shippedDeck));

		// Nothing answered yet: nothing to say.
		expect(await mastery.read(alice.id, cls.id)).toEqual({ byParagraph: [], byTag: [] });

		// Ann is right on everything; Bo is wrong on the first three and right on the rest.
		const send = (seat: string, hash: string, right: (i: number) => boolean) =>
			assignments.submit(
				seat,
				{ tokenHash: hash, userId: null },
				set.value.id,
				{
					answers: items.map((item, i) => ({
						questionId: item.question.id,
						answer: right(i) ? rightAnswer(item) : wrongAnswer(item),
						timeMs: 1000,
						answeredAt: T0,
					})),
					finished: true,
				},
				'en',
			);
		expect((await send(ann.value.seatId, 'hash-ann', () => true)).ok).toBe(true);
		expect((await send(bo.value.seatId, 'hash-bo', (i) => i >= 3)).ok).toBe(true);

		// Expected from the items themselves: per paragraph, the right answers over all answers.
		const expected = new Map<number, { right: number; answers: number }>();
		items.forEach((item, i) => {
			for (const p of new Set(item.question.source.paragraphs)) {
				const e = expected.get(p) ?? { right: 0, answers: 0 };
				e.right += 1 + (i >= 3 ? 1 : 0);
				e.answers += 2;
				expected.set(p, e);
			}
		});
		const read = await mastery.read(alice.id, cls.id);
		expect(read?.byParagraph.map((p) => [p.paragraph, p.share, p.answers, p.students])).toEqual(
			[...expected]
				.map(([p, e]) => [p, e.right / e.answers, e.answers, 2])
				.sort((a, b) => (a[1] as number) - (b[1] as number) || (a[0] as number) - (b[0] as number)),
		);
		expect(read?.byParagraph.every((p) => p.bank === 'us-japan-2023')).toBe(true);
		expect(read?.byTag.length).toBeGreaterThan(0);

		// Another teacher cannot read it, and their class's answers do not count in it.
		expect(await mastery.read(bob.id, cls.id)).toBeUndefined();
		const bobs = await classes.createClass(bob, 'History');
		if (!bobs.ok) throw new Error(bobs.error);
		const cy = await classes.join(bobs.value.code, 'Cy', 'hash-cy');
		const other = await assignments.create(bob.id, bobs.value.id, {
			title: 'Week 1',
			decks: [DECK],
			types: ['truefalse', 'single'],
			count: 6,
			shuffle: true,
			partialCredit: false,
			dueAt: T0 + 86_400_000,
			showAnswers: 'never',
		});
		if (!cy.ok || !other.ok || other.value.kind !== 'questions') throw new Error('refused');
		const otherItems = assignmentItems(
			other.value.questions,
			await assignmentDecks(other.value.questions, shippedDeck),
		);
		await assignments.submit(
			cy.value.seatId,
			{ tokenHash: 'hash-cy', userId: null },
			other.value.id,
			{
				answers: otherItems.map((item) => ({
					questionId: item.question.id,
					answer: wrongAnswer(item),
					timeMs: 1000,
					answeredAt: T0,
				})),
				finished: true,
			},
			'en',
		);
		expect(await mastery.read(alice.id, cls.id)).toEqual(read);

		// Bo leaves: only Ann's answers count, all right.
		expect((await classes.leave(bo.value.seatId, { tokenHash: 'hash-bo', userId: null })).ok).toBe(
			true,
		);
		const after = await mastery.read(alice.id, cls.id);
		expect(after?.byParagraph.every((p) => p.share === 1 && p.students === 1)).toBe(true);
	});
});
