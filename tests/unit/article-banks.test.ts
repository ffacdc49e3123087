// The article's banks as shipped: they validate, and they cover the article the way the
// foundation issue asks (every paragraph, every type, the key facts in several forms).
import { describe, expect, it } from 'vitest';
import {
	formatBankError,
	formatBankWarning,
	QUESTION_TYPES,
	type Question,
} from '../../src/lib/bank/index.ts';
import { checkAnswer, type Answer, type CheckableQuestion } from '../../src/lib/quiz/index.ts';
import { checkBankTree } from '../../scripts/bank-tree.ts';

const tree = checkBankTree('questions');
const bank = tree.banks.find((b) => b.id === 'us-japan-2023');
const questions: Question[] = bank?.decks.flatMap((d) => d.questions) ?? [];
const withTag = (tag: string) => questions.filter((q) => q.tags.includes(tag));

describe('questions/ as shipped', () => {
	it('validates with no errors and no warnings', () => {
		expect(tree.errors.map(formatBankError)).toEqual([]);
		expect(tree.warnings.map(formatBankWarning)).toEqual([]);
	});

	it('lists the ids of removed questions, so that none comes back', () => {
		expect(bank?.retired).toContain('usj23-dip-049'); // the copy of usj23-tl-037
		expect(bank?.retired?.length).toBe(41);
	});

	it('cites several paragraphs where a timeline draws on several', () => {
		const cited = (id: string) => questions.find((q) => q.id === id)?.source.paragraphs;
		expect(cited('usj23-tl-018')).toEqual([1, 2, 3, 7]);
		expect(cited('usj23-tl-027')).toEqual([3, 7]);
	});

	// Forms a learner who knows the article's fact types: the article's own words, and common
	// wordings of the same thing (issue 12, part 4).
	it.each([
		['usj23-tl-030', 'en', ['UK-Japan reciprocal access agreement']],
		['usj23-tl-030', 'zh', ['日英互惠准入协议']],
		['usj23-dip-046', 'zh', ['自由和开放的印太']],
		['usj23-tl-033', 'zh', ['自由和开放的印太', '东盟']],
		['usj23-sec-042', 'en', ['counterattack capability']],
		['usj23-sec-044', 'zh', ['指挥控制结构']],
		['usj23-sec-005', 'en', ['comprehensive national strength']],
		['usj23-tl-006', 'en', ['Ukraine war']],
		['usj23-dip-009', 'en', ['defend oneself']],
		['usj23-sec-040', 'en', ['survival', 'alternative', 'minimum necessary']],
		['usj23-dip-027', 'zh', ['约翰斯·霍普金斯大学']],
		['usj23-dip-048', 'en', ['PM Abe']],
		['usj23-eco-040', 'en', ['open trading system']],
		['usj23-sec-020', 'en', ['Art. 5']],
		['usj23-eco-020', 'zh', ['TPP', '印太经济繁荣框架']],
		['usj23-sec-017', 'en', ["Japan's southwestern islands"]],
		// Paired blanks either way round ({{~…}}).
		['usj23-dip-004', 'en', ['coercion', 'force']],
		['usj23-dip-004', 'zh', ['胁迫', '武力']],
		['usj23-dip-023', 'en', ['development', 'diplomacy']],
		['usj23-sec-041', 'zh', ['侦察', '情报']],
		['usj23-sec-041', 'en', ['reconnaissance', 'intelligence']],
	] as const)('%s accepts in %s: %j', (id, lang, typed) => {
		const q = questions.find((x) => x.id === id) as CheckableQuestion;
		const answer: Answer =
			q.type === 'short'
				? { type: 'short', text: typed[0] }
				: { type: 'cloze', blanks: [...typed] };
		expect(checkAnswer(q, answer, lang).correct).toBe(true);
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
