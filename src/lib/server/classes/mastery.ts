/**
 * What a class knows, per paragraph of the source and per topic, from every answer its students
 * gave to its assignments and in the live games hosted for it (the rule is
 * $lib/classes/class-mastery). Only the class's teacher may read it; a student who left took
 * their answers with them (the rows cascade), so they no longer count.
 */
import type { Kysely } from 'kysely';
import {
	classMastery,
	type ClassMastery,
	type QuestionFacts,
} from '../../classes/class-mastery.ts';
import { withCardQuestions } from '../../quiz/card-questions.ts';
import { bankOf } from '../../stats/study-group.ts';
import type { ServerSchema } from '../db/schema.ts';
import type { LoadDeck } from './assignment-items.ts';
import { stringList } from './class-games.ts';
import { teachersClass } from './store.ts';

/** The decks an assignment's questions come from (a spaced review has none). */
function decksOf(questionsJson: string): string[] {
	try {
		const decks = (JSON.parse(questionsJson) as { decks?: unknown } | null)?.decks;
		return Array.isArray(decks) ? decks.filter((d): d is string => typeof d === 'string') : [];
	} catch {
		return [];
	}
}

export interface ClassMasteryReader {
	/** The class's mastery, or undefined when it is not this teacher's class. */
	read(teacherId: string, classId: string): Promise<ClassMastery | undefined>;
}

export function classMasteryReader(db: Kysely<ServerSchema>, load: LoadDeck): ClassMasteryReader {
	/** Each built-in deck's questions by id, with what they cite (the banks never change while the server runs). */
	const decks = new Map<string, Promise<Map<string, QuestionFacts>>>();
	function factsOf(key: string): Promise<Map<string, QuestionFacts>> {
		let kept = decks.get(key);
		if (!kept) {
			const [bankId = '', deckId = ''] = key.split('/');
			kept = load(bankId, deckId).then((deck) => {
				const facts = new Map<string, QuestionFacts>();
				// A deck of cards is asked through questions made from its cards, as assignments ask it.
				for (const q of withCardQuestions(deck?.questions ?? []))
					facts.set(q.id, { bank: bankOf(key), paragraphs: q.source.paragraphs, tags: q.tags });
				return facts;
			});
			kept.catch(() => decks.delete(key));
			decks.set(key, kept);
		}
		return kept;
	}

	return {
		async read(teacherId, classId) {
			if (!(await teachersClass(db, teacherId, classId))) return undefined;
			const assignments = await db
				.selectFrom('class_assignment')
				.select(['id', 'questions'])
				.where('class_id', '=', classId)
				.execute();
			const answers = await db
				.selectFrom('class_answer')
				.innerJoin('class_assignment', 'class_assignment.id', 'class_answer.assignment_id')
				.select([
					'class_answer.assignment_id as assignmentId',
					'class_answer.seat_id as seatId',
					'class_answer.question_id as questionId',
					'class_answer.score as score',
				])
				.where('class_assignment.class_id', '=', classId)
				.execute();
			// Live games hosted for the class count with homework (see class-games.ts).
			const games = await db
				.selectFrom('class_game')
				.select('decks')
				.where('class_id', '=', classId)
				.execute();
			const played = await db
				.selectFrom('class_game_answer')
				.innerJoin('class_game', 'class_game.id', 'class_game_answer.game_id')
				.select([
					'class_game_answer.seat_id as seatId',
					'class_game_answer.question_id as questionId',
					'class_game_answer.score as score',
				])
				.where('class_game.class_id', '=', classId)
				.execute();
			// Question ids are unique across the built-in banks: one index of every deck asked. A
			// game's own decks (the host's imports) are no built-in deck: their answers count nowhere.
			const facts = new Map<string, QuestionFacts>();
			const keys = new Set([
				...assignments.flatMap((a) => decksOf(a.questions)),
				...games.flatMap((g) => stringList(g.decks)),
			]);
			for (const key of keys) for (const [id, f] of await factsOf(key)) facts.set(id, f);
			return classMastery(
				[...answers, ...played].map((a) => ({ ...a, score: Number(a.score) })),
				(id) => facts.get(id),
			);
		},
	};
}
