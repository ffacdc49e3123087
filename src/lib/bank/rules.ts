/**
 * Rules a question must follow beyond its shape: these need several fields at once,
 * so they run on a question that already matches the schema.
 */
import { parseCloze } from './cloze.ts';
import { LOCALES, type Question } from './schema.ts';

export type FieldPath = (string | number)[];
export interface RuleViolation {
	path: FieldPath;
	message: string;
}

/** Two texts an author would call the same option. */
function sameText(a: string, b: string): boolean {
	const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
	return norm(a) === norm(b);
}

function duplicates(
	list: readonly Record<'zh' | 'en', string>[],
	field: string,
	what: string,
): RuleViolation[] {
	const out: RuleViolation[] = [];
	for (const lang of LOCALES) {
		list.forEach((item, i) => {
			const first = list.findIndex((other) => sameText(other[lang], item[lang]));
			if (first < i) {
				out.push({
					path: [field, i, lang],
					message: `${what} ${i + 1} repeats ${what} ${first + 1} in ${lang}: "${item[lang]}"`,
				});
			}
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
				});
			}
			if (correct === q.options.length) {
				out.unshift({
					path: ['options'],
					message: 'a multi question needs at least one option that is not correct',
				});
			}
			return out;
		}
		case 'cloze':
			return LOCALES.flatMap((lang) => {
				const parsed = parseCloze(q.text[lang]);
				return parsed.ok ? [] : [{ path: ['text', lang], message: `text.${lang} ${parsed.error}` }];
			});
		case 'short':
			return LOCALES.flatMap((lang) =>
				q.answers[lang].flatMap((answer, i) =>
					q.answers[lang].findIndex((a) => sameText(a, answer)) < i
						? [{ path: ['answers', lang, i], message: `answers.${lang} lists "${answer}" twice` }]
						: [],
				),
			);
		case 'order':
			return duplicates(q.items, 'items', 'item');
		default:
			return [];
	}
}
