/**
 * The deck options form: what the learner typed, read into deck options or refused with the
 * field and the reason, so the page only shows the message. The steps are the only free text;
 * the numbers come from number inputs but are checked by the same schema as stored options.
 */
import * as v from 'valibot';
import { err, ok, type Result } from '../result.ts';
import { DeckOptions } from './options.ts';
import { stepProblem, type StepProblem } from './steps.ts';

export interface DeckOptionsForm extends Omit<DeckOptions, 'learningSteps' | 'relearningSteps'> {
	/** Desired retention in percent (70–99). */
	retentionPct: number;
	/** Steps as typed: "1m 10m", separated by spaces or commas. */
	learning: string;
	relearning: string;
}

export type StepField = 'learningSteps' | 'relearningSteps';

/** Why the form cannot be saved: a step Kioku would not honour exactly, or a value out of range. */
export type FormProblem =
	| { field: StepField; step: string; problem: StepProblem }
	| { field: string; problem: 'invalid'; message: string };

export type FormReading = Result<DeckOptions, FormProblem>;

export function toForm(options: DeckOptions): DeckOptionsForm {
	const { learningSteps, relearningSteps, ...rest } = options;
	return {
		...rest,
		retentionPct: Math.round(options.desiredRetention * 100),
		learning: learningSteps.join(' '),
		relearning: relearningSteps.join(' '),
	};
}

export const splitSteps = (text: string): string[] => text.split(/[\s,，、]+/).filter(Boolean);

export function readForm(form: DeckOptionsForm): FormReading {
	const { retentionPct, learning, relearning, ...rest } = form;
	const steps = { learningSteps: splitSteps(learning), relearningSteps: splitSteps(relearning) };
	for (const field of ['learningSteps', 'relearningSteps'] as const)
		for (const step of steps[field]) {
			const problem = stepProblem(step);
			if (problem) return err({ field, step, problem });
		}
	const parsed = v.safeParse(DeckOptions, {
		...rest,
		desiredRetention: retentionPct / 100,
		...steps,
	});
	if (parsed.success) return ok(parsed.output);
	const issue = parsed.issues[0];
	return err({
		field: String(issue.path?.[0]?.key ?? ''),
		problem: 'invalid',
		message: `${v.getDotPath(issue) ?? ''} ${issue.message}`.trim(),
	});
}
