// The CLI as an author runs it: exit codes, messages on stderr, JSON on stdout.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function cli(...args: string[]) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/questions.ts', ...args], {
		encoding: 'utf8',
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FIXTURES = 'tests/fixtures/broken-banks/questions';

// Each test starts the CLI in a new process (tsx): seconds on a busy machine.
describe('npm run questions', { timeout: 60_000 }, () => {
	it('check passes on the shipped banks', () => {
		const run = cli('check');
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/^ok: 1 bank\(s\), \d+ deck\(s\), \d+ questions/);
		expect(run.code).toBe(0);
	});

	it('check fails on the broken fixtures, listing every error precisely', () => {
		const run = cli('check', '--dir', FIXTURES);
		expect(run.code).toBe(1);
		const lines = run.stderr.trim().split('\n');
		const f = `${FIXTURES}/demo/broken.yaml`;
		expect(lines).toEqual(
			expect.arrayContaining([
				`${f}:6:5 demo-001: a single question needs exactly one correct option, found 2`,
				`${f}:9:20 demo-001: option 3 repeats option 1 in en: "A"`,
				`${f}:13:5 demo-002: missing field \`back\``,
				`${f}:15:25 demo-002: prompt.en is empty`,
				`${f}:16:5 demo-002: unknown field \`explaination\``,
				`${f}:17:15 demo-002: source.paragraph 4 is outside the source, which has paragraphs 1 to 3`,
				`${f}:19:5 demo-001: duplicate id: already used at ${f}:3:5`,
				`${f}:22:13 demo-001: text.zh has no blank: mark one with {{answer}}`,
				`${f}:29:16 demo-003: answers.zh needs at least one accepted form`,
				`${f}:36:5 demo-004: items needs 3 to 6 items`,
				`${f}:43:5 demo-005: type must be one of: flashcard, single, multi, truefalse, cloze, short, order`,
				expect.stringMatching(
					new RegExp(`^${FIXTURES}/demo/syntax\\.yaml:\\d+:\\d+ YAML syntax: `),
				),
			]),
		);
		expect(lines.at(-1)).toMatch(/^\d+ error\(s\) in /);
	});

	it('check prints warnings like errors but still passes (exit 0)', () => {
		const dir = 'tests/fixtures/lint-banks/questions';
		const run = cli('check', '--dir', dir);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^ok: 1 bank\(s\), 2 deck\(s\), 33 questions/);
		const f = `${dir}/demo/lopsided.yaml`;
		// balanced.yaml sits exactly at each threshold: no warning about it.
		expect(run.stderr.trim().split('\n')).toEqual([
			`${f}:5:5 lop-s1: warning: 3 of 5 single-choice questions of this deck have the right answer at position 1 (lop-s1, lop-s2, lop-s3): spread the right answers over the positions`,
			`${f}:60:5 lop-m1: warning: 3 of 5 multiple-choice questions of this deck list every right option first (lop-m1, lop-m2, lop-m3): mix right and wrong options`,
			`${f}:116:5 lop-t1: warning: 4 of 5 true/false statements of this deck are false (lop-t1, lop-t2, lop-t3, lop-t4): rewrite some so that both answers are common`,
			`${f}:158:5 lop-d2: warning: nearly the same question as lop-d1 (${f}:151:5; 77 % alike): merge them, or make each ask something different`,
			'',
			'4 warning(s)',
		]);
	});

	it('export --json prints every question with its bank, deck and file', () => {
		const run = cli('export', '--json');
		expect(run.code).toBe(0);
		const questions = JSON.parse(run.stdout) as {
			id: string;
			bank: string;
			deck: string;
			file: string;
		}[];
		expect(questions.length).toBeGreaterThanOrEqual(150);
		expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
		for (const q of questions) {
			expect(q.bank).toBe('us-japan-2023');
			expect(q.file).toBe(`questions/us-japan-2023/${q.deck}.yaml`);
		}
	});

	it('refuses an unknown command with its usage', () => {
		const run = cli('frobnicate');
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('usage: npm run questions -- check');
	});
});
