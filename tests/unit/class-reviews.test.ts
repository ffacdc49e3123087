// Spaced-review assignments: the student's state, the device's measure of the chosen paragraphs
// (the Statistics screen's `mastery`, over the student's own cards), and which reports wait.
import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	CreateAssignmentRequest,
	ReviewProgressRequest,
} from '../../src/lib/classes/assignment-protocol.ts';
import {
	paragraphCounts,
	reachesTarget,
	reviewMastery,
	reviewQuestions,
	reviewStatus,
} from '../../src/lib/classes/review-rules.ts';
import { countedTime, isLate } from '../../src/lib/classes/assignment-rules.ts';
import { masteryPercent, reviewCsv } from '../../src/lib/classes/gradebook.ts';
import { newMemoryState } from '../../src/lib/srs/convert.ts';
import type { CardRecord } from '../../src/lib/srs/records.ts';
import type { StatsQuestion } from '../../src/lib/stats/stats-question.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 8, 10, 8);

function card(id: string, deck: string, stability: number, lastReview: number): CardRecord {
	return {
		...newMemoryState(NOW),
		id,
		deck,
		state: State.Review,
		suspended: false,
		buriedUntil: 0,
		leech: false,
		lastReview,
		stability,
		difficulty: 5,
	};
}

const q = (id: string, paragraphs: number[], deck = 'b/d'): StatsQuestion => ({
	id,
	tags: ['t'],
	source: { paragraphs },
	deck,
});

describe('a student’s state in a spaced review', () => {
	it('not started before any report or at 0; in progress; done by the deadline; late after', () => {
		expect(reviewStatus({ mastery: null, reached: false, late: false })).toBe('not-started');
		expect(reviewStatus({ mastery: 0, reached: false, late: false })).toBe('not-started');
		expect(reviewStatus({ mastery: 0.4, reached: false, late: false })).toBe('in-progress');
		// Not reached is never late, whatever the clock says.
		expect(reviewStatus({ mastery: 0.4, reached: false, late: true })).toBe('in-progress');
		expect(reviewStatus({ mastery: 0.85, reached: true, late: false })).toBe('done');
		expect(reviewStatus({ mastery: 0.85, reached: true, late: true })).toBe('late');
	});

	it('reaches the target at it (a float a hair short too), not below', () => {
		expect(reachesTarget(0.8, 0.8)).toBe(true);
		expect(reachesTarget(0.7999999999999, 0.8)).toBe(true);
		expect(reachesTarget(0.79, 0.8)).toBe(false);
		expect(reachesTarget(1, 1)).toBe(true);
	});

	it('the time a reached target counts is the device’s, bounded as an answer’s is', () => {
		const times = { opensAt: NOW, dueAt: NOW + DAY };
		// Measured offline before the deadline, received after: on time.
		expect(countedTime(NOW + DAY - 1, NOW + 2 * DAY, times)).toBe(NOW + DAY - 1);
		expect(isLate(NOW + DAY - 1, NOW + 2 * DAY, times)).toBe(false);
		// A clock ahead counts as the moment received; one set far back buys at most a week.
		expect(countedTime(NOW + 5 * DAY, NOW + 2 * DAY, times)).toBe(NOW + 2 * DAY);
		expect(countedTime(0, NOW + 30 * DAY, times)).toBe(NOW + 23 * DAY);
	});
});

describe('the device’s mastery of a review’s paragraphs', () => {
	const questions = [
		q('a', [3]), // R 0.9 (elapsed = stability)
		q('b', [3, 7]), // R 1 (just reviewed): in both paragraphs, once in the whole
		q('c', [7]), // never studied: 0
		q('d', [5]), // another paragraph: not in the review
		q('e', [3], 'other/d'), // another bank's paragraph 3: not in the review
		q('f', [7], 'b/e'), // another deck of the bank: in it; R 0.9
	];
	const cards = [
		card('a', 'b/d', 4, NOW - 4 * DAY),
		card('b', 'b/d', 10, NOW),
		card('d', 'b/d', 10, NOW),
		card('e', 'other/d', 10, NOW),
		card('f', 'b/e', 2, NOW - 2 * DAY),
	];
	const review = { bank: 'b', paragraphs: [7, 3], target: 0.8 };

	it('covers the bank’s questions citing any of the paragraphs, each once', () => {
		expect(reviewQuestions([...questions, questions[0]], review).map((x) => x.id)).toEqual([
			'a',
			'b',
			'c',
			'f',
		]);
		expect([...paragraphCounts(questions.filter((x) => x.deck.startsWith('b/')))]).toEqual([
			[3, 2],
			[7, 3],
			[5, 1],
		]);
	});

	it('is the mean recall over every covered question, unseen ones counting 0, and per paragraph', () => {
		const measured = reviewMastery(review, questions, cards, NOW);
		expect(measured.questions).toBe(4);
		// (0.9 + 1 + 0 + 0.9) / 4
		expect(measured.mastery).toBeCloseTo(0.7, 6);
		expect(measured.paragraphs.map((p) => p.paragraph)).toEqual([7, 3]);
		const [seven, three] = measured.paragraphs;
		expect(seven).toMatchObject({ questions: 3, seen: 2 });
		expect(seven.mastery).toBeCloseTo((1 + 0 + 0.9) / 3, 6);
		expect(three).toMatchObject({ questions: 2, seen: 2 });
		expect(three.mastery).toBeCloseTo(0.95, 6);
	});

	it('falls as time passes, and is 0 with no cards', () => {
		const later = reviewMastery(review, questions, cards, NOW + 30 * DAY);
		expect(later.mastery).toBeLessThan(0.6);
		expect(reviewMastery(review, questions, [], NOW)).toMatchObject({ mastery: 0, questions: 4 });
	});
});

describe('what a review request may be', () => {
	it('a practice test without `kind` is read as before; a review needs its bank, paragraphs, target', () => {
		const old = {
			title: 'T',
			decks: ['b/d'],
			types: ['single'],
			count: 5,
			shuffle: true,
			partialCredit: false,
			dueAt: NOW,
			showAnswers: 'never',
		};
		expect(v.is(CreateAssignmentRequest, old)).toBe(true);
		const reviewBody = {
			kind: 'review',
			title: 'R',
			review: { bank: 'b', paragraphs: [3], target: 0.8 },
			dueAt: NOW,
		};
		expect(v.is(CreateAssignmentRequest, reviewBody)).toBe(true);
		for (const target of [0.49, 1.01, Number.NaN])
			expect(
				v.is(CreateAssignmentRequest, { ...reviewBody, review: { ...reviewBody.review, target } }),
			).toBe(false);
		expect(
			v.is(CreateAssignmentRequest, {
				...reviewBody,
				review: { ...reviewBody.review, paragraphs: [] },
			}),
		).toBe(false);
		expect(v.is(ReviewProgressRequest, { mastery: 0.5, questions: 3, measuredAt: NOW })).toBe(true);
		expect(v.is(ReviewProgressRequest, { mastery: 1.5, questions: 3, measuredAt: NOW })).toBe(
			false,
		);
		expect(v.is(ReviewProgressRequest, { mastery: 0.5, questions: 0, measuredAt: NOW })).toBe(
			false,
		);
	});

	it('a review’s results CSV gives mastery and target in percent, reached and late', () => {
		expect(masteryPercent(0.8456)).toBe(84.6);
		expect(masteryPercent(null)).toBe(0);
		const csv = reviewCsv(
			[
				{ seatId: 's', name: 'Ann', status: 'late', mastery: 0.9, reachedAt: NOW, reportedAt: NOW },
				{
					seatId: 't',
					name: '=cmd',
					status: 'not-started',
					mastery: null,
					reachedAt: null,
					reportedAt: null,
				},
			],
			0.8,
		).replaceAll('"', '');
		const lines = csv.trim().split('\r\n');
		expect(lines[1]).toBe(
			`Ann,late,90,80,${new Date(NOW).toISOString()},yes,${new Date(NOW).toISOString()}`,
		);
		// The formula guard applies to names.
		expect(lines[2]).not.toMatch(/^=/);
	});
});
