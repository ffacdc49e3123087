// What the classroom's tests build games from: a question of each type (and two a live game
// leaves out), settings for a game of every type and for the hub's short games, and how the hub's
// tests read an event stream.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { LocalizedText, Question, QuestionOf } from '../../src/lib/bank/index.ts';
import type { CreateGame } from '../../src/lib/live/protocol.ts';
import type { LiveQuestion } from '../../src/lib/live/question.ts';
import { openDatabase, type ServerDatabase } from '../../src/lib/server/db/connection.ts';
import { migrateToLatest } from '../../src/lib/server/db/migrations.ts';
import { LiveHub, type HubOptions } from '../../src/lib/server/live/hub.ts';
import { createLiveStore } from '../../src/lib/server/live/store.ts';

export const meta = (id: string, paragraph = 1) => ({
	id,
	prompt: { zh: `题目 ${id}`, en: `Question ${id}` },
	explanation: { zh: `解释 ${id}`, en: `Because ${id}.` },
	source: { paragraphs: [paragraph] },
	tags: ['live'],
});
export const t = (zh: string, en: string): LocalizedText => ({ zh, en });

/** Tokyo, the right one, is listed second. */
export const single: QuestionOf<'single'> = {
	...meta('capital', 2),
	type: 'single',
	options: [t('大阪', 'Osaka'), { ...t('东京', 'Tokyo'), correct: true }, t('京都', 'Kyoto')],
};
export const multi: QuestionOf<'multi'> = {
	...meta('islands'),
	type: 'multi',
	options: [
		{ ...t('本州', 'Honshu'), correct: true },
		t('台湾', 'Taiwan'),
		{ ...t('九州', 'Kyushu'), correct: true },
		t('济州', 'Jeju'),
	],
};
export const truefalse: QuestionOf<'truefalse'> = {
	...meta('fuji'),
	type: 'truefalse',
	answer: true,
};
/** Items listed in their right order. */
export const order: QuestionOf<'order'> = {
	...meta('eras'),
	type: 'order',
	items: [t('明治', 'Meiji'), t('大正', 'Taisho'), t('昭和', 'Showa'), t('平成', 'Heisei')],
};
export const short: QuestionOf<'short'> = {
	...meta('river'),
	type: 'short',
	answers: { zh: ['信浓川'], en: ['Shinano', 'Shinano River'] },
};
/** Types a live game leaves out. */
export const flashcard: Question = { ...meta('card'), type: 'flashcard', back: t('背面', 'Back') };
export const cloze: Question = {
	...meta('gap'),
	type: 'cloze',
	text: t('首都是{{东京}}。', 'It is {{Tokyo}}.'),
};
/** Every live type, in bank order. */
export const LIVE_QUESTIONS: LiveQuestion[] = [single, multi, truefalse, order, short];
/** A deck as a bank has it: the live questions among two it cannot play. */
export const BANK: Question[] = [flashcard, single, multi, cloze, truefalse, order, short];
export const tf = (i: number, answer = true): Question => ({
	...meta(`tf-${i}`),
	type: 'truefalse',
	answer,
});

/** A game of every live type, with reading time, speed scoring and no shuffle. */
export const SETTINGS: CreateGame = {
	decks: ['japan/basics'],
	types: ['single', 'multi', 'truefalse', 'order', 'short'],
	count: 50,
	secondsPerQuestion: 20,
	readingSeconds: 5,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};

export const singleQuestion = (id: string): Question => ({
	id,
	type: 'single',
	prompt: { zh: '哪个？', en: 'Which?' },
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
	],
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
});

/** Four options, the right one listed first, as banks tend to list it. */
export const fourOptions = (id: string): Question => ({
	id,
	type: 'single',
	prompt: { zh: '哪个？', en: 'Which?' },
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
	options: [
		{ zh: '甲', en: 'A', correct: true },
		{ zh: '乙', en: 'B' },
		{ zh: '丙', en: 'C' },
		{ zh: '丁', en: 'D' },
	],
});

export const shortQuestion = (id: string): Question => ({
	id,
	type: 'short',
	prompt: { zh: '哪条河？', en: 'Which river?' },
	answers: { zh: ['信浓川'], en: ['Shinano'] },
	explanation: { zh: '因为。', en: 'Because.' },
	source: { paragraphs: [1] },
	tags: ['t'],
});

/** The hub's short games: two single-choice questions, no reading time (as a request body). */
export const GAME_SETTINGS = {
	decks: ['b/d'],
	types: ['single'],
	count: 2,
	secondsPerQuestion: 30,
	readingSeconds: 0,
	scoring: 'speed',
	shuffle: false,
	lang: 'en',
	optionsOnPhones: true,
};

/** A migrated SQLite database at `path` (a file, or `:memory:`), as the server opens it. */
export async function openLiveDatabase(path = ':memory:'): Promise<ServerDatabase> {
	const db = openDatabase({ sqlitePath: path });
	await migrateToLatest(db.kysely, db.kind);
	return db;
}

/**
 * Classroom servers for the tests of one file: each is stopped after its test, its database
 * closed, and the database files the test asked for are removed. `defaults` are every hub's
 * options unless a test says otherwise; without `loadQuestions`, decks hold two single-choice
 * questions. A hub started on the file of one that was not stopped is a restart after a crash.
 */
export function testHubs(defaults: Partial<HubOptions> = {}) {
	const hubs: LiveHub[] = [];
	const databases: ServerDatabase[] = [];
	const files: string[] = [];
	afterEach(async () => {
		// The newest first: a hub started over one that was not stopped (a restart after a crash)
		// finishes its writes before the older one releases its leases. On one SQLite file, two
		// connections in one process would otherwise wait on each other's lock for 5 s.
		for (const hub of hubs.splice(0).reverse()) await hub.stop();
		for (const db of databases.splice(0)) await db.close();
		for (const f of files.splice(0))
			for (const x of ['', '-wal', '-shm']) rmSync(f + x, { force: true });
	});
	return {
		/** A hub whose games are in `path` (an SQLite file, or memory), its saved games restored. */
		async start(options: Partial<HubOptions> = {}, path = ':memory:'): Promise<LiveHub> {
			const db = await openLiveDatabase(path);
			databases.push(db);
			const hub = new LiveHub({
				store: createLiveStore(db),
				loadQuestions: async () => [singleQuestion('q1'), singleQuestion('q2')],
				...defaults,
				...options,
			});
			hubs.push(hub);
			return hub;
		},
		/** A new database file's path, removed after the test. */
		dbFile(): string {
			const path = join(tmpdir(), `kioku-hub-${process.pid}-${Date.now()}-${files.length}.db`);
			files.push(path);
			return path;
		},
	};
}

/** The raw SSE text a stream has sent so far (each chunk is whole events). */
export function reader(response: Response) {
	const r = response.body!.getReader();
	const decoder = new TextDecoder();
	// A read cut off by the timeout is still waiting for the next chunk: keep it for next time.
	let pending: ReturnType<typeof r.read> | undefined;
	let ended = false;
	return {
		/** Whether the server closed the stream. */
		get ended() {
			return ended;
		},
		/** Whatever arrives until the stream has been quiet for 20 ms. */
		async read(): Promise<string> {
			let all = '';
			for (;;) {
				pending ??= r.read();
				const next = await Promise.race([
					pending,
					new Promise<null>((res) => setTimeout(() => res(null), 20)),
				]);
				if (next === null) break;
				pending = undefined;
				if (next.done) {
					ended = true;
					break;
				}
				all += decoder.decode(next.value);
			}
			return all;
		},
		cancel: () => r.cancel(),
	};
}

/** The events of raw SSE text, with their ids. */
export const events = (raw: string) =>
	raw
		.split('\n\n')
		.filter((block) => block.includes('data: {"type"'))
		.map((block) => ({
			id: /^id: (.+)$/m.exec(block)?.[1] ?? '',
			data: JSON.parse(/^data: (.+)$/m.exec(block)![1]) as { type: string },
		}));
