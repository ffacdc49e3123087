// A live game on the host's own decks (imported on their device): the questions travel with the
// request, are checked on the server as a bank file is, and a deck of cards is asked through
// questions made from its cards. A bad deck refuses the game and creates nothing.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_CREATE_BYTES } from '../../src/lib/live/protocol.ts';
import { ownQuestions } from '../../src/lib/server/live/own-decks.ts';
import { ownDeckProblemText } from '../../src/lib/i18n/live-refusals.ts';
import { overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';
import { card, WORDS } from './card-fixtures.ts';
import { englishWords } from './english-words.ts';
import { GAME_SETTINGS, testHubs } from './live-fixtures.ts';

const hubs = testHubs();

// A card's fields without its back: the start of a question of another type.
const NO_BACK = Object.fromEntries(Object.entries(WORDS[0]).filter(([k]) => k !== 'back'));
const OWN_GAME = {
	...GAME_SETTINGS,
	decks: [],
	types: ['single', 'short'],
	count: 20,
	own: [{ deck: 'words/words', questions: WORDS }],
};

/** The game as saved in SQLite: what a restart restores. */
function saved(path: string, code: string) {
	const db = new Database(path, { readonly: true });
	const row = db.prepare('SELECT state FROM live_game WHERE code = ?').get(code) as {
		state: string;
	};
	db.close();
	return JSON.parse(row.state) as {
		settings: Record<string, unknown>;
		questions: { question: { id: string; type: string } }[];
	};
}

describe('a live game on decks of the host’s own', () => {
	it('asks a deck of cards by multiple choice and typed answers, and keeps only the questions', async () => {
		const path = hubs.dbFile();
		const hub = await hubs.start({ loadQuestions: async () => [] }, path);
		const created = await hub.create(OWN_GAME, '10.0.0.1');
		if (!created.ok) throw new Error(created.error.message);
		const state = saved(path, created.value.code);
		expect(state.questions).toHaveLength(20);
		expect(new Set(state.questions.map((q) => q.question.type))).toEqual(
			new Set(['single', 'short']),
		);
		for (const { question: q } of state.questions)
			expect(q.id).toMatch(/^words-\d-(pick|type)-(back|front)$/);
		// The decks the host sent are not kept as settings: only the game's questions are.
		expect(state.settings).not.toHaveProperty('own');
		expect(state.settings.decks).toEqual(['words/words']);

		// A restart restores it from the database, questions and all.
		await hub.stop();
		const again = await hubs.start({ loadQuestions: async () => [] }, path);
		const { code, hostToken } = created.value;
		expect((await again.join(code, { code, nickname: 'Ann' }, '10.0.0.2')).ok).toBe(true);
		expect((await again.host(code, hostToken, { action: 'start' })).ok).toBe(true);
	});

	it('cites no paragraph for imported cards, whose "paragraphs" are rows of a file', () => {
		const cards = ownQuestions(
			[{ deck: 'words/words', questions: WORDS, cites: false }],
			new Set(),
		);
		const kept = ownQuestions([{ deck: 'words/words', questions: WORDS }], new Set());
		if (!cards.ok || !kept.ok) throw new Error('the deck was refused');
		expect(cards.value.map((q) => q.source.paragraphs)).toEqual(cards.value.map(() => []));
		// A deck of the host's own that cites an article keeps its paragraphs.
		expect(kept.value.every((q) => q.source.paragraphs.length > 0)).toBe(true);
	});

	it('adds the host’s decks to built-in ones', async () => {
		const path = hubs.dbFile();
		const hub = await hubs.start({}, path);
		const created = await hub.create({ ...OWN_GAME, decks: ['b/d'], types: ['single'], count: 50 });
		if (!created.ok) throw new Error(created.error.message);
		const ids = saved(path, created.value.code).questions.map((q) => q.question.id);
		expect(ids).toContain('q1');
		expect(ids).toContain('words-1-pick-back');
	});

	it('refuses a broken deck with where it is broken, and creates no game', async () => {
		const path = hubs.dbFile();
		const hub = await hubs.start({ loadQuestions: async () => [] }, path);
		const cases: [unknown[], RegExp][] = [
			[[{ ...WORDS[0], back: undefined }], /^words\/words, question 1: /],
			[[WORDS[0], { ...WORDS[1], id: 'Not An Id' }], /^words\/words, question 2: .*id/],
			[[WORDS[0], WORDS[0]], /the id words-1 is used twice/],
			[
				[
					{
						...NO_BACK,
						type: 'single',
						options: [
							{ zh: 'a', en: 'a' },
							{ zh: 'b', en: 'b' },
							{ zh: 'c', en: 'c' },
						],
					},
				],
				/words\/words, question 1 \(words-1\): .*correct/,
			],
			[['not a question'], /^words\/words, question 1: /],
		];
		for (const [questions, message] of cases) {
			const refused = await hub.create({ ...OWN_GAME, own: [{ deck: 'words/words', questions }] });
			expect(refused.ok).toBe(false);
			expect(!refused.ok && refused.error).toMatchObject({
				status: 400,
				message: expect.stringMatching(message),
				ownDeck: { deck: 'words/words', question: questions.length === 2 ? 2 : 1 },
			});
			// The host's screen says it in Chinese, from the data, with no English sentence.
			if (refused.ok || !refused.error.ownDeck) throw new Error('no own-deck problem');
			overwriteGetLocale(() => 'zh-CN');
			const said = ownDeckProblemText(refused.error.ownDeck, '单词');
			overwriteGetLocale(() => 'en');
			expect(said).toMatch(/^你的题组“单词”不能用于现场游戏。第 [12] 题：/);
			expect(englishWords(said), said).toEqual([]);
		}
		const db = new Database(path, { readonly: true });
		expect((db.prepare('SELECT count(*) AS n FROM live_game').get() as { n: number }).n).toBe(0);
		db.close();
	});

	it('caps the decks and questions a host may send', async () => {
		const hub = await hubs.start({ loadQuestions: async () => [] });
		const many = Array.from({ length: 1001 }, (_, i) => card(i + 1, `f${i}`, `b${i}`));
		const tooMany = await hub.create({
			...OWN_GAME,
			own: [{ deck: 'words/words', questions: many }],
		});
		expect(!tooMany.ok && tooMany.error.status).toBe(400);
		const decks = Array.from({ length: 11 }, (_, i) => ({ deck: `w/d${i}`, questions: WORDS }));
		expect(!(await hub.create({ ...OWN_GAME, own: decks })).ok).toBe(true);
		// 1,000 cards of a real vocabulary list fit in one request.
		const big = Array.from({ length: 1000 }, (_, i) =>
			card(i + 1, `单词${i}`, `a fairly long meaning number ${i}`),
		);
		const body = JSON.stringify({ ...OWN_GAME, own: [{ deck: 'words/words', questions: big }] });
		expect(body.length).toBeLessThan(MAX_CREATE_BYTES);
	});
});
