/**
 * The rows of a delimited file as cards: each row a `flashcard` question, or the reasons it is
 * not one. The file does not say which language a card is in, so the same text is used for
 * both: `prompt.zh` = `prompt.en` = front, `back.zh` = `back.en` = back; the learner sees their
 * card whatever language the app is in. Its id is `<bank id>-<hash of the front>`: stable when
 * rows move or a back is corrected, and unique because two cards with the same front are an
 * error. The schema's required fields are filled in: `explanation` says where the card came
 * from, `source.paragraph` is the card's number in the file, `tags` are the row's tags turned
 * into ids (lower-case ASCII; tags with nothing left are dropped), else `imported`.
 */
import * as v from 'valibot';
import { err, ok, type Result } from '../../result.ts';
import { describeIssue } from '../describe-issue.ts';
import type { ImportProblem, PlacedError, Problem } from '../errors.ts';
import { issueProblem } from '../issue-problem.ts';
import { questionRuleViolations, sameTextKey } from '../rules.ts';
import { Question, type LocalizedText, type QuestionOf } from '../schema.ts';
import { cardFields, hasTags, type ColumnLayout } from './delimited-columns.ts';
import type { Row } from './delimited-rows.ts';
import { SEPARATOR_NAMES, type Separator } from './delimited-separators.ts';
import { htmlToText } from './html-to-text.ts';
import type { ImportPreviewRow } from './import-result.ts';
import { slugify, textHash } from './imported-ids.ts';
import { formatCount, IMPORT_LIMITS } from './upload-limits.ts';

const DEFAULT_TAG = 'imported';
const DEFAULT_TAG_TITLE = { zh: '导入的卡片', en: 'Imported cards' };

export interface CardContext {
	fileName: string;
	bankId: string;
	separator: Separator;
	layout: ColumnLayout;
	/** Anki's `#html:true`: fields are HTML, read as plain text. */
	html: boolean;
	/** Tags every card gets (Anki's `#tags:`). */
	globalTags: readonly string[];
	/** The second column is the front (a list written answer first). */
	swapColumns?: boolean;
	/** Each card also the other way round, as a card of its own (id: the card's + `-r`). */
	reverse?: boolean;
}

export interface CardsRead {
	/** The valid cards, in file order. */
	questions: QuestionOf<'flashcard'>[];
	/** The first rows, valid or not. */
	preview: ImportPreviewRow[];
	errors: PlacedError[];
	/** Each tag's title: the tag as the file wrote it (the first spelling met). */
	tagTitles: Record<string, LocalizedText>;
}

/** Every row as a card, up to `IMPORT_LIMITS.maxQuestions`; a row with any error gives none. */
export function readCards(rows: readonly Row[], ctx: CardContext): CardsRead {
	const out: CardsRead = { questions: [], preview: [], errors: [], tagTitles: {} };
	/** Lines by the front's `sameTextKey`: two cards with one front are a mistake. */
	const fronts = new Map<string, number>();
	const ids = new Set<string>();
	for (const [r, row] of rows.entries()) {
		const fail = (message: string, problem?: Problem) =>
			out.errors.push({ line: row.line, column: 1, message, ...(problem ? { problem } : {}) });
		if (r >= IMPORT_LIMITS.maxQuestions) {
			fail(
				`the file has more than ${formatCount(IMPORT_LIMITS.maxQuestions)} cards, the most Kioku imports at once: split it into several files`,
				{ kind: 'too-many-cards', limit: IMPORT_LIMITS.maxQuestions },
			);
			break;
		}
		const before = out.errors.length;
		const read = cardFields(row, ctx.layout);
		const fields = ctx.swapColumns ? { ...read, front: read.back, back: read.front } : read;
		if (fields.surplus.length > 0)
			fail(surplusMessage(row, ctx), { kind: 'surplus-fields', count: row.fields.length });

		const front = cardText(fields.front ?? '', ctx.html);
		const back = cardText(fields.back ?? '', ctx.html);
		if (fields.back === undefined) {
			fail(`no back: put ${SEPARATOR_NAMES[ctx.separator]} between the front and the back`, {
				kind: 'no-back',
			});
		} else {
			for (const problem of [textProblem(front, 'front'), textProblem(back, 'back')])
				if (problem) fail(problem.message, problem.problem);
		}
		const key = sameTextKey(front.text);
		const sameFront = fronts.get(key);
		if (front.text !== '' && sameFront !== undefined) {
			fail(`the front repeats line ${sameFront}: "${clip(front.text)}"`, {
				kind: 'front-repeats',
				line: sameFront,
			});
		} else if (front.text !== '') {
			fronts.set(key, row.line);
		}

		const tags = cardTags(ctx.globalTags, fields.tags, out.tagTitles);
		let id = `${ctx.bankId}-${textHash(key)}`;
		if (ids.has(id)) id = `${id}-${row.line}`; // a hash collision between different fronts
		ids.add(id);
		if (out.preview.length < IMPORT_LIMITS.previewRows) {
			out.preview.push({
				line: row.line,
				id,
				type: 'flashcard',
				front: { zh: front.text, en: front.text },
				back: { zh: back.text, en: back.text },
				tags,
			});
		}
		if (out.errors.length > before) continue;

		const card = flashcard({
			id,
			front: front.text,
			back: back.text,
			tags,
			where: { fileName: ctx.fileName, line: row.line },
			paragraph: out.questions.length + 1,
		});
		if (card.ok) out.questions.push(card.value);
		else for (const { message, problem } of card.error) fail(message, problem);
	}
	if (ctx.reverse)
		out.questions = withReversed(out.questions, (message) => out.errors.push(message));
	return out;
}

/**
 * The cards and, after them, each card the other way round. Its id is the card's with `-r`, so
 * it cannot meet another card's id, and importing the same list again keeps its progress.
 */
function withReversed(
	cards: QuestionOf<'flashcard'>[],
	fail: (e: PlacedError) => void,
): QuestionOf<'flashcard'>[] {
	if (cards.length * 2 > IMPORT_LIMITS.maxQuestions) {
		fail({
			line: 1,
			column: 1,
			message: `with reverse cards the list has more than ${formatCount(IMPORT_LIMITS.maxQuestions)} cards, the most Kioku imports at once: split it, or import it without reverse cards`,
			problem: { kind: 'too-many-cards', limit: IMPORT_LIMITS.maxQuestions, reverse: true },
		});
		return cards;
	}
	const reversed = cards.map((c, i) => ({
		...c,
		id: `${c.id}-r`,
		prompt: c.back,
		back: c.prompt,
		source: { paragraphs: [cards.length + i + 1] },
	}));
	return [...cards, ...reversed];
}

function surplusMessage(row: Row, ctx: CardContext): string {
	const expected = hasTags(ctx.layout) ? 'a front, a back and tags' : 'a front and a back';
	const hint =
		ctx.separator === 'tab'
			? ''
			: ` (a field that contains ${SEPARATOR_NAMES[ctx.separator]} needs "double quotes")`;
	return `${row.fields.length} fields, but a card has ${expected}${hint}`;
}

/**
 * The row's tags (after the file's own) as ids, each once; `imported` when none is left. Each
 * new id's title goes into `titles`: the tag as written (Anki's `::` levels read as " › ").
 */
function cardTags(
	globalTags: readonly string[],
	field: string | undefined,
	titles: Record<string, LocalizedText>,
): string[] {
	const tags: string[] = [];
	for (const written of [...globalTags, ...(field?.split(/\s+/) ?? [])]) {
		const tag = slugify(written);
		if (tag === '' || tags.includes(tag)) continue;
		tags.push(tag);
		const title = written.replaceAll('::', ' › ').replaceAll('_', ' ');
		titles[tag] ??= { zh: title, en: title };
	}
	if (tags.length > 0) return tags;
	titles[DEFAULT_TAG] ??= DEFAULT_TAG_TITLE;
	return [DEFAULT_TAG];
}

interface CardText {
	text: string;
	/** Length as written in the file (with its HTML), for the length limit. */
	rawLength: number;
}

function cardText(raw: string, html: boolean): CardText {
	const rawLength = raw.length;
	// Stripping HTML is cheap only on fields of sane length; longer ones are refused anyway.
	if (html && rawLength <= IMPORT_LIMITS.maxFieldChars * 4)
		return { text: htmlToText(raw), rawLength };
	return { text: raw.replace(/\r\n?/g, '\n').trim(), rawLength };
}

/** What is wrong with one side of a card (too long, or empty), if anything. */
function textProblem(
	field: CardText,
	side: 'front' | 'back',
): { message: string; problem: ImportProblem } | undefined {
	const limit = IMPORT_LIMITS.maxFieldChars;
	if (field.text.length > limit || field.rawLength > limit * 4) {
		const length = Math.max(field.text.length, field.rawLength);
		return {
			message: `the ${side} is ${formatCount(length)} characters long; the limit is ${formatCount(limit)}`,
			problem: { kind: 'too-long', side, length, limit },
		};
	}
	return field.text === ''
		? { message: `the ${side} is empty`, problem: { kind: 'empty', side } }
		: undefined;
}

/**
 * The card as a flashcard question, or the messages refusing it. The schema and the question
 * rules have the last word, so an imported card is as valid as a bank's.
 */
function flashcard(card: {
	id: string;
	front: string;
	back: string;
	tags: string[];
	where: { fileName: string; line: number };
	paragraph: number;
}): Result<QuestionOf<'flashcard'>, { message: string; problem: Problem }[]> {
	const { fileName, line } = card.where;
	const parsed = v.safeParse(Question, {
		id: card.id,
		type: 'flashcard',
		prompt: { zh: card.front, en: card.front },
		back: { zh: card.back, en: card.back },
		explanation: {
			zh: `导入自 ${fileName} 第 ${line} 行。`,
			en: `Imported from ${fileName}, line ${line}.`,
		},
		source: { paragraph: card.paragraph },
		tags: card.tags,
	});
	if (!parsed.success)
		return err(
			parsed.issues.map((issue) => ({
				message: describeIssue(issue),
				problem: issueProblem(issue),
			})),
		);
	const broken = questionRuleViolations(parsed.output).map(({ message, problem }) => ({
		message,
		problem,
	}));
	return broken.length > 0 ? err(broken) : ok(parsed.output as QuestionOf<'flashcard'>);
}

/** A front as a message quotes it: one line, at most `max` characters. */
function clip(text: string, max = 40): string {
	const one = text.replace(/\s+/g, ' ');
	return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
