/**
 * What a class knows of each paragraph (and each topic) of the text it studied, from every
 * answer its students gave: the share of those answers that were right, weakest first. A
 * question citing two paragraphs tests both, so its answers count in each (as in the learner's
 * own mastery tables, stats/mastery.ts).
 */

/** One graded answer of a student of the class. */
export interface ClassAnswerFact {
	questionId: string;
	seatId: string;
	/** 0 to 1: the server's verdict (partial credit its share). */
	score: number;
}

/** What the question cites: its bank's source paragraphs, and its topics (tags). */
export interface QuestionFacts {
	bank: string;
	paragraphs: readonly number[];
	tags: readonly string[];
}

export interface ClassMasteryGroup {
	/** Answers given to the group's questions. */
	answers: number;
	/** Students who gave at least one of them. */
	students: number;
	/** Questions of the group that were answered. */
	questions: number;
	/** Right answers, partial credit counting its share, over `answers`: 0 to 1. */
	share: number;
}

export interface ClassMastery {
	byParagraph: (ClassMasteryGroup & { bank: string; paragraph: number })[];
	byTag: (ClassMasteryGroup & { tag: string })[];
}

interface Tally {
	answers: number;
	right: number;
	students: Set<string>;
	questions: Set<string>;
}

const tally = (): Tally => ({ answers: 0, right: 0, students: new Set(), questions: new Set() });

function summarize(t: Tally): ClassMasteryGroup {
	return {
		answers: t.answers,
		students: t.students.size,
		questions: t.questions.size,
		share: t.answers === 0 ? 0 : t.right / t.answers,
	};
}

/**
 * The class's mastery by paragraph and by tag, weakest first (then in source order, or by tag
 * name). `questionOf` gives what a question cites; answers to a question it does not know
 * (removed from the banks) are left out.
 */
export function classMastery(
	answers: Iterable<ClassAnswerFact>,
	questionOf: (questionId: string) => QuestionFacts | undefined,
): ClassMastery {
	const paragraphs = new Map<string, Tally>();
	const tags = new Map<string, Tally>();
	const add = (groups: Map<string, Tally>, key: string, a: ClassAnswerFact) => {
		let t = groups.get(key);
		if (!t) groups.set(key, (t = tally()));
		t.answers++;
		t.right += Math.min(1, Math.max(0, a.score));
		t.students.add(a.seatId);
		t.questions.add(a.questionId);
	};
	for (const a of answers) {
		const q = questionOf(a.questionId);
		if (!q) continue;
		for (const p of new Set(q.paragraphs)) add(paragraphs, JSON.stringify([q.bank, p]), a);
		for (const tag of new Set(q.tags)) add(tags, tag, a);
	}
	const byParagraph = [...paragraphs].map(([key, t]) => {
		const [bank, paragraph] = JSON.parse(key) as [string, number];
		return { bank, paragraph, ...summarize(t) };
	});
	byParagraph.sort(
		(a, b) => a.share - b.share || a.bank.localeCompare(b.bank) || a.paragraph - b.paragraph,
	);
	const byTag = [...tags].map(([tag, t]) => ({ tag, ...summarize(t) }));
	byTag.sort((a, b) => a.share - b.share || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
	return { byParagraph, byTag };
}
