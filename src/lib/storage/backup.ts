/**
 * The backup file: one JSON object holding every store, checked field by field before anything
 * touches the database, so a damaged or foreign file is refused with a sentence saying where.
 * Pure (no IndexedDB, no DOM): backup-io.ts reads and writes the stores.
 */
import * as v from 'valibot';
import { formatFieldPath, issuePath } from '../bank/describe-issue.ts';
import type { BankError } from '../bank/errors.ts';
import { formatImportError, IMPORT_LIMITS, importBankFile } from '../bank/exchange/index.ts';
import { issueProblem } from '../bank/issue-problem.ts';
import type { BankProblem } from '../bank/problems.ts';
import type { FieldPath } from '../bank/rules.ts';
import type { Bank } from '../bank/validate.ts';
import { DeckOptions, Settings } from '../srs/options.ts';
import { err, ok, type Result } from '../result.ts';
import { CardRecord, ReviewLogRecord, SchedulerConfig } from '../srs/records.ts';

export const BACKUP_VERSION = 1;
const FORMAT = 'kioku-backup';
/** JSON.parse needs the whole text and several times its size in memory: refuse before trying. */
/** About 1.8 million reviews; JavaScript strings cannot be much longer (V8: 2^29 − 24). */
export const MAX_BACKUP_CHARS = 500 * 1024 * 1024;

const integer = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'));
const time = v.pipe(integer, v.minValue(0, 'must be a time after 1970 (ms)'));
const text = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));

/** A backup's logs carry the ids their store gave them. */
const LogSchema = v.strictObject({
	...ReviewLogRecord.entries,
	id: v.pipe(integer, v.minValue(1, 'must be 1 or more')),
});

/** An imported bank, as a Kioku JSON bank: read back by the same importer as a file. */
const BankSchema = v.strictObject({
	id: text,
	fileName: text,
	importedAt: time,
	kioku: v.pipe(
		v.string('must be a string'),
		v.maxLength(IMPORT_LIMITS.maxBankDataBytes, 'is larger than an imported bank can be'),
	),
});

const BackupSchema = v.strictObject({
	format: v.literal(FORMAT),
	version: v.literal(BACKUP_VERSION),
	exportedAt: time,
	app: v.literal('kioku', 'must be "kioku"'),
	data: v.strictObject({
		cards: v.array(CardRecord, 'must be a list'),
		logs: v.array(LogSchema, 'must be a list'),
		configs: v.array(v.strictObject({ key: text, config: SchedulerConfig }), 'must be a list'),
		deckOptions: v.array(v.strictObject({ deck: text, options: DeckOptions }), 'must be a list'),
		settings: v.array(
			v.strictObject({ key: v.literal('settings', 'must be "settings"'), value: Settings }),
			'must be a list',
		),
		banks: v.optional(v.array(BankSchema, 'must be a list')),
	}),
});

export interface BackupData {
	cards: CardRecord[];
	logs: (ReviewLogRecord & { id: number })[];
	configs: { key: string; config: SchedulerConfig }[];
	deckOptions: { deck: string; options: DeckOptions }[];
	settings: { key: 'settings'; value: Settings }[];
	/** Absent when none was imported, so such a backup reads in versions before imports. */
	banks?: BackupBank[];
}

export interface BackupBank {
	id: string;
	fileName: string;
	importedAt: number;
	/** The bank as Kioku JSON (see exportKiokuJson). */
	kioku: string;
}

/**
 * Why a backup's bank is not one: the English line, and the importer's first error as data
 * (none when the bank reads but under another id).
 */
export interface BackupBankError {
	message: string;
	error?: BankError;
	/** The id the bank's file gives, when it is not the entry's. */
	foundId?: string;
}

/** The bank a backup carries, checked by the importer, or why it is not one. */
export function bankFromBackup(entry: BackupBank): Result<Bank, BackupBankError> {
	// A bank backed up before tags had titles and paragraphs summaries is still the learner's.
	const read = importBankFile(`${entry.id}.json`, entry.kioku, {
		bankId: entry.id,
		titlesRequired: false,
		// The bank as Kioku JSON is larger than the file it was imported from (both languages).
		maxBytes: IMPORT_LIMITS.maxBankDataBytes,
	});
	if (!read.ok) {
		const error = read.error.errors[0];
		return err({ message: formatImportError(error), error });
	}
	const { bank } = read.value;
	if (bank.id !== entry.id)
		return err({ message: `its bank id is "${bank.id}", not "${entry.id}"`, foundId: bank.id });
	return ok(bank);
}

export interface Backup {
	format: typeof FORMAT;
	version: typeof BACKUP_VERSION;
	exportedAt: number;
	app: 'kioku';
	data: BackupData;
}

export type BackupErrorCode =
	'not-json' | 'not-kioku' | 'newer-version' | 'older-version-unsupported' | 'invalid';

/**
 * What is wrong inside a backup, as data: the app words it in the learner's language. Paths are
 * named inside `data` (`logs[12].rating`), as the English message names them.
 */
export type BackupProblem =
	| { kind: 'too-large'; limit: number }
	| { kind: 'version-not-whole' }
	/** A field breaks the backup's schema, told as the bank validator tells one. */
	| { kind: 'field'; problem: BankProblem }
	| { kind: 'repeated-key'; path: FieldPath; value: string }
	| { kind: 'unknown-config'; path: FieldPath; config: string }
	| { kind: 'settings-twice' }
	| ({ kind: 'bad-bank'; index: number; id: string } & Omit<BackupBankError, 'message'>);

export interface BackupError {
	code: BackupErrorCode;
	/** In English, for logs and tools. */
	message: string;
	/** With code `invalid`: what is wrong, as data. */
	problem?: BackupProblem;
}
export type ParseResult = Result<Backup, BackupError>;

const fail = (code: BackupErrorCode, message: string, problem?: BackupProblem): ParseResult =>
	err({ code, message, ...(problem ? { problem } : {}) });

export function parseBackup(text: string): ParseResult {
	if (text.length > MAX_BACKUP_CHARS)
		return fail('invalid', 'The file is larger than 500 MB; a Kioku backup is never that large.', {
			kind: 'too-large',
			limit: MAX_BACKUP_CHARS,
		});
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return fail('not-json', 'The file is not valid JSON (it may be cut short or damaged).');
	}
	if (!isObject(json) || json.format !== FORMAT)
		return fail('not-kioku', 'The file is not a Kioku backup.');
	const version = json.version;
	if (typeof version !== 'number' || !Number.isSafeInteger(version))
		return fail('invalid', 'version must be a whole number', { kind: 'version-not-whole' });
	if (version > BACKUP_VERSION)
		return fail(
			'newer-version',
			`The backup was made by a newer Kioku (format version ${version}); update Kioku to restore it.`,
		);
	if (version < BACKUP_VERSION)
		return fail(
			'older-version-unsupported',
			`Backup format version ${version} is no longer supported.`,
		);
	// One issue is enough to refuse the file, and stopping there keeps a huge bad file cheap.
	const result = v.safeParse(BackupSchema, json, { abortEarly: true });
	if (!result.success) {
		const issue = result.issues[0];
		return fail('invalid', describe(issue), { kind: 'field', problem: fieldProblem(issue) });
	}
	// Typed as the records: this fails to compile if the schema and the record types drift apart.
	const checked: Backup = result.output;
	const problem = inconsistency(checked.data);
	if (problem) return fail('invalid', problem.message, problem.problem);
	// The checked input itself rather than valibot's copy (equal, as nothing is transformed): the
	// copy would list fields in schema order, and a restore should store exactly what was exported.
	return ok(json as unknown as Backup);
}

function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Paths inside `data` are named as the learner would: `logs[12].rating`. */
function inData(path: FieldPath): FieldPath {
	return path[0] === 'data' && path.length > 1 ? path.slice(1) : path;
}

function fieldProblem(issue: v.BaseIssue<unknown>): BankProblem {
	const problem = issueProblem(issue);
	return 'path' in problem ? { ...problem, path: inData(problem.path) } : problem;
}

function describe(issue: v.BaseIssue<unknown>): string {
	const field = formatFieldPath(inData(issuePath(issue)));
	if (issue.type === 'strict_object' && issue.expected === 'never')
		return `${field} is not a known field`;
	if (issue.type === 'strict_object' && issue.received === 'undefined')
		return `${field} is missing`;
	if (issue.type === 'strict_object') return `${field || 'the backup'} must be an object`;
	return issue.message.startsWith('must')
		? `${field} ${issue.message}`
		: `${field}: ${issue.message}`;
}

/** The index of the first item whose key an earlier item has, or -1. */
function firstRepeat<T>(items: readonly T[], key: (item: T) => string | number): number {
	const seen = new Set<string | number>();
	return items.findIndex((item) => seen.size === seen.add(key(item)).size);
}

/** What the schema cannot see: references between records and duplicate keys. */
function inconsistency(data: BackupData): { message: string; problem: BackupProblem } | undefined {
	const repeats = [
		['configs', 'key', firstRepeat(data.configs, (c) => c.key), (i: number) => data.configs[i].key],
		['cards', 'id', firstRepeat(data.cards, (c) => c.id), (i: number) => data.cards[i].id],
		['logs', 'id', firstRepeat(data.logs, (l) => l.id), (i: number) => data.logs[i].id],
		[
			'deckOptions',
			'deck',
			firstRepeat(data.deckOptions, (d) => d.deck),
			(i: number) => data.deckOptions[i].deck,
		],
		['banks', 'id', firstRepeat(data.banks ?? [], (b) => b.id), (i: number) => data.banks![i].id],
	] as const;
	for (const [list, field, at, key] of repeats) {
		if (at < 0) continue;
		const value = key(at);
		const shown = typeof value === 'number' ? `${value}` : `"${value}"`;
		return {
			message: `${list}[${at}].${field} ${shown} appears twice`,
			problem: { kind: 'repeated-key', path: [list, at, field], value: String(value) },
		};
	}
	const unknownConfig = (path: FieldPath, config: string) => ({
		message: `${formatFieldPath(path)} "${config}" is not among the backup's configs`,
		problem: { kind: 'unknown-config', path, config } as const,
	});
	const configs = new Set(data.configs.map((c) => c.key));
	const unknownLog = data.logs.findIndex((log) => !configs.has(log.config));
	if (unknownLog >= 0)
		return unknownConfig(['logs', unknownLog, 'config'], data.logs[unknownLog].config);
	for (const [i, d] of data.deckOptions.entries()) {
		const rescheduled = d.options.rescheduled?.config;
		if (rescheduled !== undefined && !configs.has(rescheduled))
			return unknownConfig(['deckOptions', i, 'options', 'rescheduled', 'config'], rescheduled);
	}
	if (data.settings.length > 1)
		return { message: 'settings has more than one entry', problem: { kind: 'settings-twice' } };
	for (const [i, b] of (data.banks ?? []).entries()) {
		const read = bankFromBackup(b);
		if (!read.ok) {
			const { message, ...why } = read.error;
			return {
				message: `banks[${i}] ("${b.id}"): ${message}`,
				problem: { kind: 'bad-bank', index: i, id: b.id, ...why },
			};
		}
	}
	return undefined;
}

export function serializeBackup(data: BackupData, now: number): string {
	const backup: Backup = {
		format: FORMAT,
		version: BACKUP_VERSION,
		exportedAt: now,
		app: 'kioku',
		data,
	};
	return JSON.stringify(backup);
}

/** `kioku-backup-2024-06-01.json`, dated in the learner's time zone unless one is given. */
export function backupFileName(now: number, timeZone?: string): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(now);
	const part = (type: string) => parts.find((p) => p.type === type)?.value;
	return `kioku-backup-${part('year')}-${part('month')}-${part('day')}.json`;
}
