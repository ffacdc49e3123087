// Studying exactly one weak group from Statistics: a focused session over the real IndexedDB
// store (fake-indexeddb), across decks, and the link that names the group.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UTC_DAYS } from './srs-fixtures.ts';
import { DEFAULT_DECK_OPTIONS, type DeckOptions } from '../../src/lib/srs/options.ts';
import { replayCard, sameMemoryState } from '../../src/lib/srs/replay.ts';
import type { Grade } from '../../src/lib/srs/records.ts';
import { SessionGroup } from '../../src/lib/srs/session-group.ts';
import type { SessionInit } from '../../src/lib/srs/session.ts';
import {
	focusFromParams,
	focusToParams,
	groupOf,
	inFocus,
	mastery,
	type FocusSpec,
	type StatsQuestion,
} from '../../src/lib/stats/index.ts';
import { openKiokuDb, type Db } from '../../src/lib/storage/db.ts';
import { idbReviewStore } from '../../src/lib/storage/idb-review-store.ts';

const DAY_MS = 86_400_000;
const A = 'bank/a';
const B = 'bank/b';
const A_IDS = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(2, '0')}`);
let db: Db;
let now: number;
let dbCount = 0;
const clock = () => now;

function init(
	deck: string,
	questionIds: string[],
	focus: boolean,
	options: Partial<DeckOptions> = {},
): SessionInit {
	return {
		deck,
		questionIds,
		options: { ...DEFAULT_DECK_OPTIONS, ...options },
		store: idbReviewStore(db),
		clock,
		days: UTC_DAYS,
		focus,
	};
}

/** Answers every card the group shows with `grade`, advancing the clock through waits. */
async function studyAll(group: SessionGroup, grade: (id: string) => Grade = () => 3) {
	const shown: string[] = [];
	for (let step = 0; step < 500; step++) {
		const next = await group.next();
		if (next.kind === 'done') return shown;
		if (next.kind === 'wait') {
			now = next.until;
			continue;
		}
		shown.push(next.id);
		const outcome = await group.answer(next.id, grade(next.id), 3000);
		expect(outcome.ok).toBe(true);
		now += 5000;
	}
	throw new Error('the session never ended');
}

/** Deck A studied normally today and graduated: every card is a review due days from now. */
async function graduateDeckA() {
	const daily = await SessionGroup.start([init(A, A_IDS, false, { newPerDay: 30 })]);
	await studyAll(daily, () => 4);
	now += DAY_MS / 4;
	const after = await SessionGroup.start([init(A, A_IDS, false, { newPerDay: 30 })]);
	expect(after.counts).toEqual({ newCards: 0, learning: 0, reviews: 0 });
	return after;
}

beforeEach(async () => {
	now = Date.UTC(2024, 5, 1, 10);
	db = await openKiokuDb(`focus-${++dbCount}`);
});

describe('focused study session', () => {
	it('studies every card of the group now, though none is due and the day’s limits are spent', async () => {
		await graduateDeckA();
		const group = ['a03', 'a07', 'a11'];
		const focused = await SessionGroup.start([
			init(A, group, true, { newPerDay: 0, reviewsPerDay: 0 }),
		]);
		expect(focused.counts).toEqual({ newCards: 0, learning: 0, reviews: 3 });
		const before = await Promise.all(group.map((id) => db.get('cards', id)));
		const shown = await studyAll(focused);
		expect(shown.sort()).toEqual(group);
		// Each answer is a review of the card as it was, stored with its log, and FSRS computes it
		// from the time actually elapsed: replaying the log gives the same card.
		for (const [i, id] of group.entries()) {
			const card = (await db.get('cards', id))!;
			expect(card.reps).toBe(before[i]!.reps + 1);
			expect(card.lastReview).toBeGreaterThan(before[i]!.lastReview!);
			expect(card.due).toBeGreaterThan(now);
			const logs = await db.getAllFromIndex(
				'logs',
				'card',
				IDBKeyRange.bound([id, 0], [id, Infinity]),
			);
			expect(logs.at(-1)).toMatchObject({ state: State.Review, rating: 3, deck: A });
			const replayed = replayCard(logs, {
				configs: new Map((await db.getAll('configs')).map((c) => [c.key, c.config])),
				days: UTC_DAYS,
			});
			expect(sameMemoryState(replayed, card)).toBe(true);
		}
		// Cards outside the group were not touched.
		expect((await db.get('cards', 'a00'))!.reps).toBe(before[0]!.reps);
	});

	it('brings back a card answered Again within the session, then ends', async () => {
		await graduateDeckA();
		const focused = await SessionGroup.start([init(A, ['a01', 'a02'], true)]);
		let first = true;
		const shown = await studyAll(focused, (id) => {
			if (id === 'a01' && first) {
				first = false;
				return 1;
			}
			return 3;
		});
		expect(shown.filter((id) => id === 'a01')).toHaveLength(2);
		expect(shown.filter((id) => id === 'a02')).toHaveLength(1);
		expect((await focused.next()).kind).toBe('done');
		// A new session over the same group starts the group again: "study these" can be repeated.
		const again = await SessionGroup.start([init(A, ['a01', 'a02'], true)]);
		expect(again.counts.reviews + again.counts.learning).toBe(2);
	});

	it('leaves out suspended and buried cards, and takes new cards beyond the daily limit', async () => {
		const focused = await SessionGroup.start([init(A, A_IDS.slice(0, 5), true, { newPerDay: 2 })]);
		expect(focused.counts.newCards).toBe(5);
		await focused.next();
		const shownFirst = (await focused.next()) as { id: string };
		expect(await focused.suspend(shownFirst.id)).toBe(true);
		const next = (await focused.next()) as { id: string };
		expect(await focused.bury(next.id)).toBe(true);
		const shown = await studyAll(focused);
		expect(shown).not.toContain(shownFirst.id);
		expect(shown).not.toContain(next.id);
		expect(new Set(shown).size).toBe(3);
	});

	it('undo puts the card back in the group and shows it next', async () => {
		await graduateDeckA();
		const focused = await SessionGroup.start([init(A, ['a05', 'a06'], true)]);
		const first = (await focused.next()) as { id: string };
		const before = await db.get('cards', first.id);
		await focused.answer(first.id, 3, 2000);
		expect(focused.counts.reviews).toBe(1);
		await focused.undo();
		expect(await db.get('cards', first.id)).toEqual(before);
		expect(focused.counts.reviews).toBe(2);
		expect(await focused.next()).toMatchObject({ kind: 'card', id: first.id });
	});
});

describe('a session across decks (SessionGroup)', () => {
	it('studies each card in its own deck with that deck’s options, and undoes in answer order', async () => {
		const group = await SessionGroup.start([
			init(A, ['a00', 'a01'], true, { desiredRetention: 0.8 }),
			init(B, ['b0', 'b1'], true, { desiredRetention: 0.97 }),
		]);
		expect(group.counts.newCards).toBe(4);
		const shown = await studyAll(group, () => 4);
		expect(shown.sort()).toEqual(['a00', 'a01', 'b0', 'b1']);
		const a = (await db.get('cards', 'a00'))!;
		const b = (await db.get('cards', 'b0'))!;
		expect(a.deck).toBe(A);
		expect(b.deck).toBe(B);
		// Easy on a new card: the deck wanting 97 % retention schedules it sooner than the one at 80 %.
		expect(b.due - b.lastReview!).toBeLessThan(a.due - a.lastReview!);
		const logA = (
			await db.getAllFromIndex('logs', 'card', IDBKeyRange.bound(['a00', 0], ['a00', Infinity]))
		)[0];
		const logB = (
			await db.getAllFromIndex('logs', 'card', IDBKeyRange.bound(['b0', 0], ['b0', Infinity]))
		)[0];
		expect(logA.config).not.toBe(logB.config);

		// Undo takes back the last answer first, whichever deck it was in.
		const last = shown.at(-1)!;
		const undone = await group.undo();
		expect(undone?.id).toBe(last);
		expect(await db.get('cards', last)).toBeUndefined();
		expect(await group.next()).toMatchObject({ kind: 'card', id: last });
		expect(group.summary.answered).toBe(3);
	});

	it('does not repeat the card just answered while another deck has a card to show', async () => {
		const group = await SessionGroup.start([init(A, ['a00'], true), init(B, ['b0'], true)]);
		const first = (await group.next()) as { id: string };
		expect(first.id).toBe('a00');
		await group.answer('a00', 1, 1000); // Again: a learning card due in a minute
		now += 1000;
		expect(await group.next()).toMatchObject({ kind: 'card', id: 'b0' });
	});
});

describe('the link that names a group', () => {
	const questions: StatsQuestion[] = [
		{ id: 'x1', deck: 'one/a', tags: ['defence', 'space'], source: { paragraphs: [3] } },
		{ id: 'x2', deck: 'one/b', tags: ['space'], source: { paragraphs: [3] } },
		{ id: 'x3', deck: 'one/b', tags: ['trade'], source: { paragraphs: [4] } },
		{ id: 'y1', deck: 'two/a', tags: ['space'], source: { paragraphs: [3] } },
		// Cites paragraphs 4 and 3: in both groups.
		{ id: 'x4', deck: 'one/b', tags: ['trade'], source: { paragraphs: [4, 3] } },
	] as StatsQuestion[];

	it('selects exactly the questions Statistics counts in the group', () => {
		const { byTag, byParagraph } = mastery(questions, [], Date.UTC(2024, 5, 1));
		for (const g of [...byTag, ...byParagraph]) {
			// As the Statistics page links each row.
			const spec: FocusSpec = { group: groupOf(g) };
			expect(questions.filter((q) => inFocus(q, spec)).map((q) => q.id)).toEqual(g.questionIds);
		}
		expect(byParagraph.map((g) => [g.bank, g.paragraph, g.questionIds])).toEqual([
			['one', 3, ['x1', 'x2', 'x4']],
			['one', 4, ['x3', 'x4']],
			['two', 3, ['y1']],
		]);
		// Paragraph 3 of bank "one" is not paragraph 3 of bank "two"; a deck scope narrows a tag.
		const scoped: FocusSpec = { group: { kind: 'tag', tag: 'space' }, deck: 'one/b' };
		expect(questions.filter((q) => inFocus(q, scoped)).map((q) => q.id)).toEqual(['x2']);
	});

	it('round-trips through a URL, and refuses a link that names no group', () => {
		const specs: FocusSpec[] = [
			{ group: { kind: 'tag', tag: 'A&B ¶ 日米' } },
			{ group: { kind: 'paragraph', bank: 'kishida', paragraph: 12 }, deck: 'kishida/alliance' },
		];
		for (const spec of specs) {
			const url = new URL(`https://x.test/study/focus?${focusToParams(spec)}`);
			expect(focusFromParams(url.searchParams)).toEqual(
				spec.deck ? spec : { ...spec, deck: undefined },
			);
		}
		for (const bad of [
			'',
			'tag=',
			'bank=k',
			'bank=k&paragraph=0',
			'bank=k&paragraph=-1',
			'bank=k&paragraph=2.5',
			'paragraph=3',
			'tag=x&bank=k&paragraph=1',
		]) {
			expect(focusFromParams(new URLSearchParams(bad)), bad).toBeUndefined();
		}
	});
});
