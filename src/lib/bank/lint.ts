/**
 * Warnings about a bank that is valid but teaches less well than it could: right answers a
 * learner can guess from where they sit, and questions that ask the same thing twice. Unlike
 * errors they never fail `npm run questions -- check` nor the build: the author decides.
 *
 * The thresholds (see `LINT_LIMITS` and questions/README.md) leave room for a deck written
 * with care and catch the patterns that give answers away. The deck page, the Anki export and a
 * live game with shuffling off all show options in the bank's order, so the order matters even
 * though tests and study shuffle them.
 */
import { parseCloze } from './cloze.ts';
import { compareBankErrors, type BankError } from './errors.ts';
import type { ContentLocale, Question } from './schema.ts';
import type { Bank, BankFile } from './validate.ts';
import { parseYamlSource, type Position } from './yaml-source.ts';

/** A warning reads like an error: file, line, column, question id and what to look at. */
export type BankWarning = BankError;

export const LINT_LIMITS = {
	/** A deck's balance of a question type is judged from this many questions of the type. */
	minQuestions: 5,
	/** Single choice: at most this share of a deck's questions with the right answer at one position. */
	singleSamePosition: 0.4,
	/** Multiple choice: at most this share listing every right option first (or every one last). */
	multiBlock: 0.5,
	/** True/false: at most this share of a deck's statements with the same answer. */
	trueFalseSameAnswer: 0.6,
	/** Two questions whose texts are at least this similar in both languages (Dice, 0..1). */
	nearDuplicate: 0.6,
} as const;

export function lintBanks(banks: readonly Bank[], files: readonly BankFile[]): BankWarning[] {
	const texts = new Map(files.map((f) => [f.path, f.text]));
	const warnings: BankWarning[] = [];
	for (const bank of banks) {
		const located: Located[] = bank.decks.flatMap((deck) => {
			const at = idPositions(texts.get(deck.file) ?? '');
			return deck.questions.map((q) => ({
				q,
				file: deck.file,
				at: at.get(q.id) ?? { line: 1, column: 1 },
			}));
		});
		for (const deck of bank.decks) {
			const own = located.filter((l) => l.file === deck.file);
			warnings.push(...singlePositions(own), ...multiBlocks(own), ...trueFalseBalance(own));
		}
		warnings.push(...nearDuplicates(located));
	}
	return warnings.sort(compareBankErrors);
}

interface Located {
	q: Question;
	file: string;
	/** Where its `id` is written. */
	at: Position;
}

function idPositions(text: string): Map<string, Position> {
	const yaml = parseYamlSource(text);
	const out = new Map<string, Position>();
	const questions = (yaml.value as { questions?: unknown } | undefined)?.questions;
	if (!Array.isArray(questions)) return out;
	questions.forEach((raw, i) => {
		const id = (raw as { id?: unknown } | null)?.id;
		if (typeof id === 'string' && !out.has(id)) out.set(id, yaml.locate(['questions', i, 'id']));
	});
	return out;
}

function warn(l: Located, message: string): BankWarning {
	return { file: l.file, ...l.at, questionId: l.q.id, message };
}

const share = (n: number, total: number) => `${n} of ${total}`;
const ids = (list: Located[]) => list.map((l) => l.q.id).join(', ');

function singlePositions(deck: Located[]): BankWarning[] {
	const singles = deck.filter((l) => l.q.type === 'single');
	if (singles.length < LINT_LIMITS.minQuestions) return [];
	const byPosition = new Map<number, Located[]>();
	for (const l of singles) {
		if (l.q.type !== 'single') continue;
		const p = l.q.options.findIndex((o) => o.correct);
		byPosition.set(p, [...(byPosition.get(p) ?? []), l]);
	}
	const [position, most] = [...byPosition].sort((a, b) => b[1].length - a[1].length)[0];
	if (most.length <= LINT_LIMITS.singleSamePosition * singles.length) return [];
	return [
		warn(
			most[0],
			`${share(most.length, singles.length)} single-choice questions of this deck have the right answer at position ${position + 1} (${ids(most)}): spread the right answers over the positions`,
		),
	];
}

function multiBlocks(deck: Located[]): BankWarning[] {
	const multis = deck.filter((l) => l.q.type === 'multi');
	if (multis.length < LINT_LIMITS.minQuestions) return [];
	const first: Located[] = [];
	const last: Located[] = [];
	for (const l of multis) {
		if (l.q.type !== 'multi') continue;
		const flags = l.q.options.map((o) => o.correct === true);
		const right = flags.filter(Boolean).length;
		if (flags.slice(0, right).every(Boolean)) first.push(l);
		if (flags.slice(flags.length - right).every(Boolean)) last.push(l);
	}
	return (
		[
			[first, 'first'],
			[last, 'last'],
		] as const
	).flatMap(([list, where]) =>
		list.length > LINT_LIMITS.multiBlock * multis.length
			? [
					warn(
						list[0],
						`${share(list.length, multis.length)} multiple-choice questions of this deck list every right option ${where} (${ids(list)}): mix right and wrong options`,
					),
				]
			: [],
	);
}

function trueFalseBalance(deck: Located[]): BankWarning[] {
	const statements = deck.filter((l) => l.q.type === 'truefalse');
	if (statements.length < LINT_LIMITS.minQuestions) return [];
	const trues = statements.filter((l) => l.q.type === 'truefalse' && l.q.answer);
	const falses = statements.filter((l) => !trues.includes(l));
	const [most, value] = trues.length >= falses.length ? [trues, 'true'] : [falses, 'false'];
	if (most.length <= LINT_LIMITS.trueFalseSameAnswer * statements.length) return [];
	return [
		warn(
			most[0],
			`${share(most.length, statements.length)} true/false statements of this deck are ${value} (${ids(most)}): rewrite some so that both answers are common`,
		),
	];
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

/**
 * Pairs of questions that ask nearly the same thing, in the same words: compared on what a
 * learner reads (prompt, options, cloze sentence, items to order, a flashcard's back) as sets of
 * words (English) and of character pairs (Chinese). Only pairs similar in both languages count:
 * a real duplicate is one in both.
 */
function nearDuplicates(located: Located[]): BankWarning[] {
	const rows = located.map((l) => ({
		l,
		en: words(readText(l.q, 'en')),
		zh: characterPairs(readText(l.q, 'zh')),
	}));
	const out: BankWarning[] = [];
	for (let j = 1; j < rows.length; j++) {
		for (let i = 0; i < j; i++) {
			const similarity = Math.min(dice(rows[i].en, rows[j].en), dice(rows[i].zh, rows[j].zh));
			if (similarity < LINT_LIMITS.nearDuplicate) continue;
			const first = rows[i].l;
			out.push(
				warn(
					rows[j].l,
					`nearly the same question as ${first.q.id} (${first.file}:${first.at.line}:${first.at.column}; ${Math.round(similarity * 100)} % alike): merge them, or make each ask something different`,
				),
			);
		}
	}
	return out;
}

function readText(q: Question, lang: ContentLocale): string {
	const parts = [q.prompt[lang]];
	if (q.type === 'flashcard') parts.push(q.back[lang]);
	if (q.type === 'single' || q.type === 'multi') parts.push(...q.options.map((o) => o[lang]));
	if (q.type === 'order') parts.push(...q.items.map((item) => item[lang]));
	if (q.type === 'cloze') {
		const parsed = parseCloze(q.text[lang]);
		if (parsed.ok) {
			parts.push(parsed.value.map((s) => (s.kind === 'text' ? s.text : s.answers[0])).join(''));
		}
	}
	return parts.join('\n').normalize('NFKC').toLowerCase();
}

/** Words that say nothing about what is asked. */
const STOP_WORDS = new Set(
	(
		'a an the of to in on at by for from with as and or not no is are was were be been it its ' +
		'this that these those which what who whom when where how does did do their his her they ' +
		'them into after before about than more most put order following all apply choose select'
	).split(' '),
);

function words(text: string): Set<string> {
	const out = new Set<string>();
	for (const w of text.split(/[^\p{L}\p{N}%]+/u)) {
		if (!w || STOP_WORDS.has(w)) continue;
		// A crude plural: "documents" and "document" are one word here.
		out.add(w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
	}
	return out;
}

/** Pairs of neighbouring Han characters (or digit/Latin runs): Chinese has no spaces. */
function characterPairs(text: string): Set<string> {
	const units = text.match(/\p{Script=Han}|[\p{N}%]+|[a-z]+/gu) ?? [];
	const out = new Set<string>();
	for (let i = 0; i + 1 < units.length; i++) out.add(`${units[i]}${units[i + 1]}`);
	return out;
}

function dice(a: Set<string>, b: Set<string>): number {
	if (a.size + b.size === 0) return 0;
	let shared = 0;
	for (const x of a) if (b.has(x)) shared++;
	return (2 * shared) / (a.size + b.size);
}
