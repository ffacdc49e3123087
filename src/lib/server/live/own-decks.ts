/**
 * The host's own decks, sent with a new game: imported on the host's device, so the server has
 * no copy. They are checked as a bank file is (the bank schema and rules, the CLI's messages),
 * and a deck of cards is asked through questions made from its cards, as practice tests do.
 * Whatever is wrong refuses the game with where it is; nothing is kept.
 */
import * as v from 'valibot';
import { Question } from '$lib/bank/schema';
import { questionRuleViolations } from '$lib/bank/rules';
import { describeIssue } from '$lib/bank/describe-issue';
import { issueProblem } from '$lib/bank/issue-problem';
import type { CreateGame, OwnDeckProblem } from '$lib/live/protocol';
import { withCardQuestions } from '$lib/quiz/card-questions';
import { err, ok, type Result } from '$lib/result';

type OwnDeck = NonNullable<CreateGame['own']>[number];

/** Why a deck was refused: one English line for logs, and the mistake as data for the screen. */
export interface OwnDeckRefusal {
	message: string;
	problem: OwnDeckProblem;
}

/** The questions of the host's decks, ready for a game; or what is wrong. */
export function ownQuestions(
	decks: readonly OwnDeck[],
	taken: ReadonlySet<string>,
): Result<Question[], OwnDeckRefusal> {
	const seen = new Set(taken);
	const out: Question[] = [];
	for (const { deck, questions, cites } of decks) {
		const checked: Question[] = [];
		for (const [i, raw] of questions.entries()) {
			const where = `${deck}, question ${i + 1}`;
			const at = { deck, question: i + 1 };
			const parsed = v.safeParse(Question, raw);
			if (!parsed.success) {
				const issue = parsed.issues[0];
				return err({
					message: `${where}: ${describeIssue(issue)}`,
					problem: { ...at, problem: issueProblem(issue) },
				});
			}
			const q = parsed.output;
			const broken = questionRuleViolations(q)[0];
			if (broken)
				return err({
					message: `${where} (${q.id}): ${broken.message}`,
					problem: { ...at, id: q.id, problem: broken.problem },
				});
			if (seen.has(q.id))
				return err({
					message: `${where}: the id ${q.id} is used twice`,
					problem: { ...at, id: q.id, problem: { kind: 'id-taken', id: q.id } },
				});
			seen.add(q.id);
			checked.push(q);
		}
		const asked = withCardQuestions(checked);
		// Cards from a file cite no article: their reveal names no paragraph.
		out.push(
			...(cites === false
				? asked.map((q) => ({ ...q, source: { ...q.source, paragraphs: [] } }))
				: asked),
		);
	}
	return ok(out);
}
