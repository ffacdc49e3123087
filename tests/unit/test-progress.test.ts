// A practice test's progress in sessionStorage: what a reload resumes, and what it ignores.
import { describe, expect, it } from 'vitest';
import { testProgress, type TestProgress } from '../../src/lib/storage/test-progress.ts';
import { memoryStorage, throwingStorage, useStorage } from './fake-web-storage.ts';

const KEY = 'kioku:test-progress:?d=a/b&s=seed1';
const IDS = ['q1', 'q2', 'q3'];
const progress: TestProgress = {
	ids: IDS,
	index: 1,
	phase: 'feedback',
	answers: [{ type: 'short', text: '1951' }, { type: 'multi', choices: [0, 2] }, null],
	results: [
		{
			...{ correct: true, score: 1, reasons: [], expected: ['1951'] },
			overruled: { correct: false, score: 0, reasons: [], expected: ['1951'] },
		},
		{ correct: false, score: 0.5, reasons: ['typo'], expected: ['A', 'C'] },
		null,
	],
	times: [4200, 3100],
	startedAt: Date.UTC(2024, 5, 1, 10),
	deadline: Date.UTC(2024, 5, 1, 10, 30),
};

describe('testProgress', () => {
	it('reads back the answers, results and clock it saved', () => {
		useStorage('session', memoryStorage());
		testProgress(KEY).save(progress);
		expect(testProgress(KEY).read(IDS)).toEqual(progress);
	});

	it('is another test’s progress when the questions differ, or its place is past the end', () => {
		useStorage('session', memoryStorage());
		testProgress(KEY).save(progress);
		expect(testProgress(KEY).read(['q1', 'q2'])).toBeUndefined();
		expect(testProgress(KEY).read(['q3', 'q2', 'q1'])).toBeUndefined();
		testProgress(KEY).save({ ...progress, index: 3 });
		expect(testProgress(KEY).read(IDS)).toBeUndefined();
	});

	it('starts afresh from a damaged or foreign record', () => {
		const storage = useStorage('session', memoryStorage());
		const damaged: unknown[] = [
			'{not json',
			{ ...progress, index: -1 },
			{ ...progress, index: 0.5 },
			{ ...progress, phase: 'saving' },
			{ ...progress, answers: [{ type: 'essay', text: 'x' }, null, null] },
			{ ...progress, answers: [{ type: 'short', text: 5 }, null, null] },
			{ ...progress, results: [{ correct: 'yes' }, null, null] },
			{ ...progress, results: [{ ...progress.results[1], reasons: ['luck'] }, null, null] },
			{ ...progress, times: 'soon' },
		];
		for (const record of damaged) {
			storage.setItem(KEY, typeof record === 'string' ? record : JSON.stringify(record));
			expect(testProgress(KEY).read(IDS), JSON.stringify(record)).toBeUndefined();
		}
	});

	it('forgets the test once it is over', () => {
		useStorage('session', memoryStorage());
		testProgress(KEY).save(progress);
		testProgress(KEY).forget();
		expect(testProgress(KEY).read(IDS)).toBeUndefined();
	});

	it('carries on without storage: nothing is kept, nothing throws', () => {
		useStorage('session', throwingStorage);
		expect(() => testProgress(KEY).save(progress)).not.toThrow();
		expect(testProgress(KEY).read(IDS)).toBeUndefined();
		expect(() => testProgress(KEY).forget()).not.toThrow();
	});
});
