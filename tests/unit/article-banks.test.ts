// The article's banks as shipped: they validate, and they cover the article the way the
// foundation issue asks (every paragraph, every type, the key facts in several forms).
import { describe, expect, it } from 'vitest';
import { formatBankError, QUESTION_TYPES, type Question } from '../../src/lib/bank/index.ts';
import { loadBankTree } from '../../scripts/bank-tree.ts';

const tree = loadBankTree('questions');
const bank = tree.banks.find((b) => b.id === 'us-japan-2023');
const questions: Question[] = bank?.decks.flatMap((d) => d.questions) ?? [];
const withTag = (tag: string) => questions.filter((q) => q.tags.includes(tag));

describe('questions/ as shipped', () => {
	it('validates with no errors', () => {
		expect(tree.errors.map(formatBankError)).toEqual([]);
	});

	it('has the us-japan-2023 bank with at least 150 questions in several decks', () => {
		expect(bank?.paragraphs).toBe(9);
		expect(bank?.decks.length).toBeGreaterThanOrEqual(3);
		expect(questions.length).toBeGreaterThanOrEqual(150);
	});

	it.each(Array.from({ length: 9 }, (_, i) => i + 1))(
		'covers paragraph %i with at least 8 questions',
		(p) => {
			const citing = questions.filter((q) => q.source.paragraphs.includes(p));
			expect(citing.length).toBeGreaterThanOrEqual(8);
		},
	);

	it.each(QUESTION_TYPES)('uses type %s at least 10 times', (type) => {
		expect(questions.filter((q) => q.type === type).length).toBeGreaterThanOrEqual(10);
	});

	it.each([
		['Article 5 extended to space', 'article-5'],
		['UK–Japan reciprocal access agreement', 'uk-japan-raa'],
		['special ASEAN summit', 'asean-summit'],
	])('asks about the %s several times, in several forms', (_fact, tag) => {
		const tagged = withTag(tag);
		expect(tagged.length).toBeGreaterThanOrEqual(5);
		expect(new Set(tagged.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
	});

	it('names every paragraph it cites in both languages of its explanation', () => {
		const uncited = questions.flatMap((q) =>
			q.source.paragraphs.flatMap((n) => {
				const en = new RegExp(`paragraphs?\\s[\\d,\\s&and–-]*\\b${n}\\b`, 'i');
				const zh = new RegExp(`第\\s*[\\d、,，和及与–-\\s]*\\b${n}\\b[\\d、,，和及与–-\\s]*段`);
				return en.test(q.explanation.en) && zh.test(q.explanation.zh) ? [] : [`${q.id} ¶${n}`];
			}),
		);
		expect(uncited).toEqual([]);
	});

	it('never repeats a prompt within a type', () => {
		const seen = new Set<string>();
		const repeats = questions.filter((q) => {
			const key = `${q.type}:${q.prompt.en.trim().toLowerCase()}`;
			if (seen.has(key) && q.type !== 'cloze' && q.type !== 'order') return true;
			seen.add(key);
			return false;
		});
		expect(repeats.map((q) => q.id)).toEqual([]);
	});
});
