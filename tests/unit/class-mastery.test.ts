// What a class knows per paragraph and per topic: the share of its answers that were right,
// weakest first, a question citing two paragraphs counting in both.
import { describe, expect, it } from 'vitest';
import { classMastery, type QuestionFacts } from '$lib/classes/class-mastery';

const QUESTIONS: Record<string, QuestionFacts> = {
	q1: { bank: 'b', paragraphs: [3], tags: ['defence'] },
	q2: { bank: 'b', paragraphs: [3, 7], tags: ['defence', 'space'] },
	q3: { bank: 'b', paragraphs: [7], tags: ['space'] },
	q4: { bank: 'b', paragraphs: [9], tags: ['trade'] },
};
const of = (id: string) => QUESTIONS[id];

describe('class mastery', () => {
	it('counts each paragraph and topic from the answers to the questions citing it', () => {
		const m = classMastery(
			[
				{ questionId: 'q1', seatId: 'ann', score: 1 },
				{ questionId: 'q1', seatId: 'bo', score: 0 },
				{ questionId: 'q2', seatId: 'ann', score: 1 },
				{ questionId: 'q3', seatId: 'bo', score: 0.5 },
			],
			of,
		);
		expect(m.byParagraph).toEqual([
			{ bank: 'b', paragraph: 3, answers: 3, students: 2, questions: 2, share: 2 / 3 },
			{ bank: 'b', paragraph: 7, answers: 2, students: 2, questions: 2, share: 0.75 },
		]);
		expect(m.byTag.map((t) => [t.tag, t.answers, t.share])).toEqual([
			['defence', 3, 2 / 3],
			['space', 2, 0.75],
		]);
	});

	it('weakest first; a tie in source order; nothing for a paragraph nobody answered', () => {
		const m = classMastery(
			[
				{ questionId: 'q4', seatId: 'ann', score: 0 },
				{ questionId: 'q3', seatId: 'ann', score: 0 },
				{ questionId: 'q1', seatId: 'ann', score: 1 },
			],
			of,
		);
		expect(m.byParagraph.map((p) => [p.paragraph, p.share])).toEqual([
			[7, 0],
			[9, 0],
			[3, 1],
		]);
	});

	it('leaves out answers to questions no longer in the banks', () => {
		const m = classMastery([{ questionId: 'gone', seatId: 'ann', score: 1 }], of);
		expect(m).toEqual({ byParagraph: [], byTag: [] });
	});
});
