import { describe, expect, it } from 'vitest';
import { DEFAULT_DECK_OPTIONS } from '../../src/lib/srs/options.ts';
import { readForm, toForm } from '../../src/lib/srs/options-form.ts';
import { stepProblem, toEngineStep } from '../../src/lib/srs/steps.ts';

describe('learning steps', () => {
	it('accepts whole minutes shorter than a day, in minutes or hours', () => {
		for (const step of ['1m', '10m', '1h', '1.5h', '0.5h', '1439m', '23h'])
			expect(stepProblem(step)).toBeUndefined();
	});

	it('refuses what ts-fsrs would not honour exactly, saying why', () => {
		expect(stepProblem('1.5m')).toBe('not-whole-minutes');
		expect(stepProblem('0.01h')).toBe('not-whole-minutes');
		expect(stepProblem('0m')).toBe('too-short');
		expect(stepProblem('1d')).toBe('a-day-or-more');
		expect(stepProblem('24h')).toBe('a-day-or-more');
		expect(stepProblem('soon')).toBe('unreadable');
		expect(stepProblem('10 m')).toBe('unreadable');
	});

	it('gives ts-fsrs whole minutes, so a half hour is thirty minutes', () => {
		expect(toEngineStep('0.5h')).toBe('30m');
		expect(toEngineStep('1.5h')).toBe('90m');
		expect(toEngineStep('10m')).toBe('10m');
		// A step stored before the rule is read to the nearest minute.
		expect(toEngineStep('1.5m')).toBe('2m');
	});
});

describe('the deck options form', () => {
	it('reads back the options it was filled from', () => {
		const options = { ...DEFAULT_DECK_OPTIONS, learningSteps: ['2m', '1h'], newPerDay: 7 };
		expect(readForm(toForm(options))).toEqual({ ok: true, value: options });
	});

	it('reads steps separated by spaces or commas, Chinese commas included', () => {
		const form = { ...toForm(DEFAULT_DECK_OPTIONS), learning: '1m, 10m，1h', relearning: '' };
		const reading = readForm(form);
		expect(reading.ok && reading.value.learningSteps).toEqual(['1m', '10m', '1h']);
		expect(reading.ok && reading.value.relearningSteps).toEqual([]);
	});

	it('names the field and the step it refuses', () => {
		const form = { ...toForm(DEFAULT_DECK_OPTIONS), relearning: '10m 1d' };
		expect(readForm(form)).toEqual({
			ok: false,
			error: { field: 'relearningSteps', step: '1d', problem: 'a-day-or-more' },
		});
	});

	it('refuses a retention out of range with the schema’s message', () => {
		const reading = readForm({ ...toForm(DEFAULT_DECK_OPTIONS), retentionPct: 50 });
		expect(reading).toMatchObject({
			ok: false,
			error: { field: 'desiredRetention', problem: 'invalid' },
		});
	});
});
