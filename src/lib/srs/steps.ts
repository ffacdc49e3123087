/**
 * Learning and relearning steps ("1m", "10m", "1h"). ts-fsrs reads a step's number with
 * `parseInt`, so "1.5m" acted as 1 minute and "0.5h" as no step at all; and a step of a day or
 * more puts the card straight into review, not into an interday learning step. So the options
 * form accepts only steps Kioku honours exactly: whole minutes, at least one, shorter than a day.
 * Steps stored before that rule are still read (`toEngineStep`), to the nearest minute.
 */

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;
const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;
export const MINUTES_PER_DAY = 1440;

export type StepProblem = 'unreadable' | 'not-whole-minutes' | 'too-short' | 'a-day-or-more';

/** The step's length in minutes (possibly fractional), or undefined if it cannot be read. */
export function stepMinutes(step: string): number | undefined {
	const match = STEP.exec(step.trim());
	if (!match) return undefined;
	return Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
}

/** Why the options form refuses a step, or undefined when Kioku honours it exactly. */
export function stepProblem(step: string): StepProblem | undefined {
	const minutes = stepMinutes(step);
	if (minutes === undefined) return 'unreadable';
	// 1.5h is 90 whole minutes; 1.5m is not a whole minute (to within float error).
	if (Math.abs(minutes - Math.round(minutes)) > 1e-9) return 'not-whole-minutes';
	if (minutes < 1) return 'too-short';
	if (minutes >= MINUTES_PER_DAY) return 'a-day-or-more';
	return undefined;
}

/** The step as ts-fsrs reads it exactly: whole minutes ("0.5h" → "30m"). */
export function toEngineStep(step: string): `${number}m` {
	return `${Math.max(0, Math.round(stepMinutes(step) ?? 0))}m`;
}
