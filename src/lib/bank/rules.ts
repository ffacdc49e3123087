/**
 * Rules a question must follow beyond its shape: these need several fields at once,
 * so they run on a question that already matches the schema.
 */
import { clozeBlanks, readCloze } from './cloze.ts';
import type { BankProblem } from './problems.ts';
import { LOCALES, type LocalizedText, type Question } from './schema.ts';

export type FieldPath = (string | number)[];
export interface RuleViolation {
	path: FieldPath;
	message: string;
	problem: BankProblem;
}

/**
 * A text as a key that two texts an author would call the same share (width, case and spacing
 * aside): the same option twice, or the same card front twice in an imported file.
 */
export function sameTextKey(text: string): string {
	return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function sameText(a: string, b: string): boolean {
	return sameTextKey(a) === sameTextKey(b);
}

function duplicates(
	list: readonly Record<'zh' | 'en', string>[],
	field: string,
	what: 'option' | 'item',
): RuleViolation[] {
	const out: RuleViolation[] = [];
	for (const lang of LOCALES) {
		list.forEach((item, i) => {
			const first = list.findIndex((other) => sameText(other[lang], item[lang]));
			if (first < i) {
				const path = [field, i, lang];
				out.push({
					path,
					message: `${what} ${i + 1} repeats ${what} ${first + 1} in ${lang}: "${item[lang]}"`,
					problem: {
						kind: 'repeated-item',
						path,
						what,
						position: i + 1,
						first: first + 1,
						lang,
						text: item[lang],
					},
				});
			}
		});
	}
	return out;
}

/**
 * Each text parses, and its any-order blanks (`{{~…}}`) form a group of two or more, the same
 * size in both languages: the group is one set of answers, whichever language is studied.
 */
function clozeViolations(text: LocalizedText): RuleViolation[] {
	const out: RuleViolation[] = [];
	const anyOrder = new Map<(typeof LOCALES)[number], number>();
	for (const lang of LOCALES) {
		const path = ['text', lang];
		const parsed = readCloze(text[lang]);
		if (!parsed.ok) {
			out.push({
				path,
				message: `text.${lang} ${parsed.error.message}`,
				problem: { ...parsed.error.mistake, path, lang },
			});
			continue;
		}
		const count = clozeBlanks(parsed.value).filter((b) => b.anyOrder).length;
		anyOrder.set(lang, count);
		if (count === 1) {
			out.push({
				path,
				message: `text.${lang} marks only one blank with "~": "~" lets the blanks of a group take each other's answers, so mark two or more (or none)`,
				problem: { kind: 'blank-group-of-one', path, lang },
			});
		}
	}
	const [zh, en] = [anyOrder.get('zh'), anyOrder.get('en')];
	if (zh !== undefined && en !== undefined && zh !== en) {
		out.push({
			path: ['text'],
			message: `text.zh marks ${zh} blank(s) with "~" and text.en marks ${en}: both languages must mark the same blanks as answerable in any order`,
			problem: { kind: 'blank-groups-differ', path: ['text'], zh, en },
		});
	}
	return out;
}

export function questionRuleViolations(q: Question): RuleViolation[] {
	switch (q.type) {
		case 'single': {
			const correct = q.options.filter((o) => o.correct).length;
			const out = duplicates(q.options, 'options', 'option');
			if (correct !== 1) {
				out.unshift({
					path: ['options'],
					message: `a single question needs exactly one correct option, found ${correct}`,
					problem: { kind: 'single-needs-one-correct', path: ['options'], found: correct },
				});
			}
			return out;
		}
		case 'multi': {
			const correct = q.options.filter((o) => o.correct).length;
			const out = duplicates(q.options, 'options', 'option');
			if (correct < 2) {
				out.unshift({
					path: ['options'],
					message: `a multi question needs at least 2 correct options, found ${correct} (use type: single for one)`,
					problem: { kind: 'multi-needs-two-correct', path: ['options'], found: correct },
				});
			}
			if (correct === q.options.length) {
				out.unshift({
					path: ['options'],
					message: 'a multi question needs at least one option that is not correct',
					problem: { kind: 'multi-needs-a-wrong-option', path: ['options'] },
				});
			}
			return out;
		}
		case 'cloze':
			return clozeViolations(q.text);
		case 'short':
			return LOCALES.flatMap((lang) =>
				q.answers[lang].flatMap((answer, i) =>
					q.answers[lang].findIndex((a) => sameText(a, answer)) < i
						? [
								{
									path: ['answers', lang, i],
									message: `answers.${lang} lists "${answer}" twice`,
									problem: { kind: 'answer-twice', path: ['answers', lang, i], lang, answer },
								},
							]
						: [],
				),
			);
		case 'order':
			return duplicates(q.items, 'items', 'item');
		default:
			return [];
	}
}
