// The queue's invariants, over random decks and random answers (fast-check).
import fc from 'fast-check';
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { newMemoryState } from '../../src/lib/srs/convert.ts';
import { StudyQueue, type QueueInput } from '../../src/lib/srs/queue.ts';
import type { CardRecord, MemoryState } from '../../src/lib/srs/records.ts';

const NOW = Date.UTC(2024, 5, 1, 10);
const DAY = { day: 19875, start: Date.UTC(2024, 5, 1, 4), end: Date.UTC(2024, 5, 2, 4) };
const MIN = 60_000;

function card(id: string, state: State, due: number, extra: Partial<CardRecord> = {}): CardRecord {
	return {
		...newMemoryState(NOW),
		id,
		deck: 'b/d',
		state,
		due,
		suspended: false,
		buriedUntil: 0,
		leech: false,
		...extra,
	};
}

const deckArb = fc.record({
	newCount: fc.integer({ min: 0, max: 30 }),
	reviews: fc.array(fc.integer({ min: -30, max: 2 }), { maxLength: 30 }), // due, in days from now
	learning: fc.array(fc.integer({ min: -30, max: 60 }), { maxLength: 5 }), // due, in minutes from now
	newPerDay: fc.integer({ min: 0, max: 25 }),
	reviewsPerDay: fc.integer({ min: 0, max: 40 }),
	doneNew: fc.integer({ min: 0, max: 10 }),
	doneReviews: fc.integer({ min: 0, max: 10 }),
	grades: fc.array(fc.constantFrom('again', 'good'), { maxLength: 200 }),
});

type Deck = typeof deckArb extends fc.Arbitrary<infer T> ? T : never;

function build(d: Deck): { input: QueueInput; queue: StudyQueue } {
	const candidates = [
		...d.reviews.map((days, i) => card(`r${i}`, State.Review, NOW + days * 86_400_000)),
		...d.learning.map((mins, i) => card(`l${i}`, State.Learning, NOW + mins * MIN)),
	];
	const questionIds = [
		...Array.from({ length: d.newCount }, (_, i) => `n${i}`),
		...candidates.map((c) => c.id),
	];
	const input: QueueInput = {
		now: NOW,
		day: DAY,
		questionIds,
		candidates,
		knownIds: new Set(candidates.map((c) => c.id)),
		doneToday: { newCards: d.doneNew, reviews: d.doneReviews },
		limits: { newPerDay: d.newPerDay, reviewsPerDay: d.reviewsPerDay },
	};
	return { input, queue: new StudyQueue(input) };
}

/** Plays a session: answers every card shown, advancing the clock as a learner would. */
function play(d: Deck) {
	const { input, queue } = build(d);
	const shown: { id: string; source: string; alternatives: number }[] = [];
	let now = NOW;
	let last: string | undefined;
	for (let step = 0; step < 400; step++) {
		const next = queue.next(now, last);
		if (next.kind === 'done') break;
		if (next.kind === 'wait') {
			now = next.until;
			continue;
		}
		const counts = queue.counts();
		shown.push({
			id: next.id,
			source: next.source,
			alternatives: counts.newCards + counts.learning + counts.reviews,
		});
		const grade = d.grades[step % Math.max(1, d.grades.length)] ?? 'good';
		const before = input.candidates.find((c) => c.id === next.id)?.state;
		const after: MemoryState = {
			...newMemoryState(now),
			state: grade === 'again' || next.source === 'new' ? State.Learning : State.Review,
			due: grade === 'again' ? now + MIN : now + 3 * 86_400_000,
		};
		// A card answered Good in learning graduates; one answered again comes back in a minute.
		if (next.source === 'learning' && grade === 'good') after.state = State.Review;
		queue.answered(
			next.id,
			shown.filter((s) => s.id === next.id).length > 1 ? State.Learning : before,
			after,
		);
		last = next.id;
		now += 10_000;
	}
	return { input, shown };
}

describe('StudyQueue', () => {
	it('never shows a card twice in a row while another card is waiting', () => {
		fc.assert(
			fc.property(deckArb, (d) => {
				const { shown } = play(d);
				for (let i = 1; i < shown.length; i++) {
					if (shown[i].id === shown[i - 1].id) expect(shown[i].alternatives).toBe(1);
				}
			}),
		);
	});

	it('never exceeds the daily limits, counting what was done earlier today', () => {
		fc.assert(
			fc.property(deckArb, (d) => {
				const { shown } = play(d);
				const firstShows = (source: string) =>
					new Set(shown.filter((s) => s.source === source).map((s) => s.id)).size;
				expect(firstShows('new')).toBeLessThanOrEqual(Math.max(0, d.newPerDay - d.doneNew));
				// New cards count towards the review limit too (Anki's default).
				expect(firstShows('review') + firstShows('new')).toBeLessThanOrEqual(
					Math.max(0, d.reviewsPerDay - d.doneReviews - d.doneNew),
				);
			}),
		);
	});

	it('gives new cards only what the due reviews leave of the review limit', () => {
		const deck = (reviewsPerDay: number, doneNew = 0) =>
			build({
				newCount: 10,
				reviews: [-3, -2, -1, 0, 0],
				learning: [],
				newPerDay: 8,
				reviewsPerDay,
				doneNew,
				doneReviews: 0,
				grades: [],
			}).queue.counts();
		expect(deck(100)).toMatchObject({ reviews: 5, newCards: 8 });
		expect(deck(9)).toMatchObject({ reviews: 5, newCards: 4 });
		expect(deck(5)).toMatchObject({ reviews: 5, newCards: 0 });
		expect(deck(3)).toMatchObject({ reviews: 3, newCards: 0 });
		// Two new cards learnt earlier today used two of the nine.
		expect(deck(9, 2)).toMatchObject({ reviews: 5, newCards: 2 });
	});

	it('loses nothing due: every due review and new card within the limits, and every learning card, is shown', () => {
		fc.assert(
			fc.property(deckArb, (d) => {
				const { input, shown } = play({ ...d, grades: ['good'] });
				const seen = new Set(shown.map((s) => s.id));
				const dueReviews = input.candidates.filter(
					(c) => c.state === State.Review && c.due < DAY.end,
				);
				const reviewsAllowed = Math.max(0, d.reviewsPerDay - d.doneReviews - d.doneNew);
				const reviewsShown = Math.min(reviewsAllowed, dueReviews.length);
				expect(dueReviews.filter((c) => seen.has(c.id)).length).toBe(reviewsShown);
				const newAllowed = Math.min(
					Math.max(0, d.newPerDay - d.doneNew),
					reviewsAllowed - reviewsShown,
				);
				expect(shown.filter((s) => s.source === 'new').length).toBe(
					Math.min(newAllowed, d.newCount),
				);
				for (const l of input.candidates.filter((c) => c.state === State.Learning))
					expect(seen.has(l.id)).toBe(true);
			}),
		);
	});

	it('shows the most overdue review first and new cards in deck order', () => {
		const { queue } = build({
			newCount: 3,
			reviews: [-1, -5, 0],
			learning: [],
			newPerDay: 0,
			reviewsPerDay: 9,
			doneNew: 0,
			doneReviews: 0,
			grades: [],
		});
		expect(queue.next(NOW)).toMatchObject({ id: 'r1', source: 'review' });
		const fresh = build({
			newCount: 3,
			reviews: [],
			learning: [],
			newPerDay: 9,
			reviewsPerDay: 9,
			doneNew: 0,
			doneReviews: 0,
			grades: [],
		}).queue;
		expect(fresh.next(NOW)).toMatchObject({ id: 'n0', source: 'new' });
	});

	it('shows a due learning card before reviews and new cards', () => {
		const { queue } = build({
			newCount: 2,
			reviews: [-3],
			learning: [-1],
			newPerDay: 9,
			reviewsPerDay: 9,
			doneNew: 0,
			doneReviews: 0,
			grades: [],
		});
		expect(queue.next(NOW)).toMatchObject({ id: 'l0', source: 'learning' });
	});

	it('spreads new cards among reviews instead of showing them all first', () => {
		const { queue } = build({
			newCount: 4,
			reviews: [-1, -1, -1, -1, -1, -1, -1, -1],
			learning: [],
			newPerDay: 4,
			reviewsPerDay: 99,
			doneNew: 0,
			doneReviews: 0,
			grades: [],
		});
		const sources: string[] = [];
		for (let i = 0; i < 12; i++) {
			const next = queue.next(NOW);
			if (next.kind !== 'card') break;
			sources.push(next.source);
			queue.answered(next.id, next.source === 'new' ? undefined : State.Review, {
				...newMemoryState(NOW),
				state: State.Review,
				due: NOW + 9e9,
			});
		}
		expect(sources.filter((s) => s === 'new')).toHaveLength(4);
		expect(sources.slice(0, 4)).not.toEqual(['new', 'new', 'new', 'new']);
		expect(sources.slice(-4)).not.toEqual(['new', 'new', 'new', 'new']);
	});

	it('leaves out suspended and buried cards, and reviews due after the day ends', () => {
		const input: QueueInput = {
			now: NOW,
			day: DAY,
			questionIds: ['a', 'b', 'c', 'd'],
			candidates: [
				card('a', State.Review, NOW - MIN, { suspended: true }),
				card('b', State.Review, NOW - MIN, { buriedUntil: DAY.day + 1 }),
				card('c', State.Review, DAY.end + MIN),
				card('d', State.Review, NOW - MIN, { buriedUntil: DAY.day }),
			],
			knownIds: new Set(['a', 'b', 'c', 'd']),
			doneToday: { newCards: 0, reviews: 0 },
			limits: { newPerDay: 20, reviewsPerDay: 200 },
		};
		const queue = new StudyQueue(input);
		expect(queue.counts()).toEqual({ newCards: 0, learning: 0, reviews: 1 });
		expect(queue.next(NOW)).toMatchObject({ id: 'd' });
	});

	it('waits for a learning card that is not due yet, and is done when nothing is left', () => {
		const { queue } = build({
			newCount: 0,
			reviews: [],
			learning: [45],
			newPerDay: 0,
			reviewsPerDay: 0,
			doneNew: 0,
			doneReviews: 0,
			grades: [],
		});
		expect(queue.next(NOW)).toEqual({ kind: 'wait', until: NOW + 45 * MIN });
		expect(
			build({
				newCount: 0,
				reviews: [],
				learning: [],
				newPerDay: 5,
				reviewsPerDay: 5,
				doneNew: 0,
				doneReviews: 0,
				grades: [],
			}).queue.next(NOW),
		).toEqual({ kind: 'done' });
	});

	describe('focused (a weak group studied now)', () => {
		const focused = (answered: string[] = []): QueueInput => ({
			now: NOW,
			day: DAY,
			questionIds: ['new1', 'new2', 'later', 'soon', 'learn', 'gone', 'rest', 'again', 'done'],
			candidates: [
				card('later', State.Review, NOW + 40 * 86_400_000),
				card('soon', State.Review, NOW + 2 * 86_400_000),
				card('learn', State.Learning, NOW + 30 * MIN),
				card('gone', State.Review, NOW + 86_400_000, { suspended: true }),
				card('rest', State.Review, NOW + 86_400_000, { buriedUntil: DAY.day + 1 }),
				card('again', State.Relearning, NOW + 5 * MIN),
				card('done', State.Review, NOW + 9 * 86_400_000),
				card('outside', State.Review, NOW - MIN),
			],
			knownIds: new Set(['later', 'soon', 'learn', 'gone', 'rest', 'again', 'done', 'outside']),
			// The day's limits are used up: a focused session is not bound by them.
			doneToday: { newCards: 20, reviews: 200 },
			limits: { newPerDay: 20, reviewsPerDay: 200 },
			focus: { answered: new Set(answered) },
		});

		it('holds every card of the group whatever its due date and the daily limits', () => {
			const queue = new StudyQueue(focused());
			expect(queue.counts()).toEqual({ newCards: 2, learning: 2, reviews: 3 });
			const shown: string[] = [];
			let now = NOW;
			for (let next = queue.next(now); next.kind === 'card'; next = queue.next(now, shown.at(-1))) {
				shown.push(next.id);
				queue.answered(next.id, State.Review, {
					...newMemoryState(now),
					state: State.Review,
					due: now + 10 * 86_400_000,
				});
				now += 10_000;
			}
			// Learning cards first (not left waiting for their due time), then reviews soonest
			// due first with the new cards spread among them; suspended, buried and outside left out.
			expect(shown.slice(0, 2).sort()).toEqual(['again', 'learn']);
			expect(shown.filter((id) => !['again', 'learn', 'new1', 'new2'].includes(id))).toEqual([
				'soon',
				'done',
				'later',
			]);
			expect(shown.filter((id) => id.startsWith('new'))).toEqual(['new1', 'new2']);
			expect(shown).toHaveLength(7);
		});

		it('shows a card answered in this session again only while it is in learning today', () => {
			const queue = new StudyQueue(focused(['done', 'again']));
			// 'done' was answered (now a review due in 9 days): over. 'again' is relearning, due in
			// 5 minutes: it comes back after the cards not yet studied, not at once.
			expect(queue.counts()).toEqual({ newCards: 2, learning: 2, reviews: 2 });
			const ids: string[] = [];
			let now = NOW;
			for (let next = queue.next(now); next.kind !== 'done'; next = queue.next(now, ids.at(-1))) {
				if (next.kind === 'wait') {
					now = next.until;
					continue;
				}
				ids.push(next.id);
				queue.answered(next.id, State.Review, {
					...newMemoryState(now),
					state: State.Review,
					due: now + 86_400_000 * 3,
				});
				now += 10_000;
			}
			expect(ids).not.toContain('done');
			expect(ids.filter((id) => id === 'again')).toHaveLength(1);
			expect(ids.at(-1)).toBe('again');
		});
	});
});
