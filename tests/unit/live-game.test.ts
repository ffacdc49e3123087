import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/lib/bank/schema.ts';
import { csvCell } from '../../src/lib/live/results.ts';
import {
	answer,
	answerMany,
	createGame,
	end,
	eventsFor,
	hostAction,
	join,
	kick,
	lock,
	next,
	reconnectSnapshot,
	results,
	resultsCsv,
	reveal,
	showLeaderboard,
	start,
	tick,
	unlock,
	type GameState,
	type Outbox,
	type Step,
} from '../../src/lib/live/game.ts';
import { pointsFor } from '../../src/lib/live/grade.ts';
import { standings } from '../../src/lib/live/events.ts';
import { averageScore, teamStandings } from '../../src/lib/live/teams.ts';
import { answerOf } from '../../src/lib/live/state.ts';
import { cleanNickname, foldNickname, graphemes } from '../../src/lib/live/nickname.ts';
import {
	LiveEvent,
	type CreateGame,
	type LiveAnswer,
	type LiveEventOf,
} from '../../src/lib/live/protocol.ts';
import { BANK, cloze, flashcard, SETTINGS, single, tf } from './live-fixtures.ts';

const T0 = 1_700_000_000_000;
const CODE = '042042';
/** The server draws one per game; tests use a fixed one, so their games are the same each run. */
const SECRET = 'test-secret-0123456789abcdef';

// ---------------------------------------------------------------- helpers

function deepFreeze<T>(x: T): T {
	if (x && typeof x === 'object' && !Object.isFrozen(x)) {
		Object.freeze(x);
		Object.values(x).forEach(deepFreeze);
	}
	return x;
}

/** The step's result, with the input frozen first: no step may change the state it is given. */
function ok(step: Step): { state: GameState; events: Outbox } {
	if (!step.ok) throw new Error(`refused: ${step.error.status} ${step.error.message}`);
	return deepFreeze(step);
}

function refused(step: Step, status: number, message?: RegExp) {
	expect(step.ok).toBe(false);
	if (step.ok) return;
	expect(step.error.status).toBe(status);
	if (message) expect(step.error.message).toMatch(message);
}

function newGame(settings: Partial<CreateGame> = {}, bank: Question[] = BANK) {
	return ok(createGame(CODE, { ...SETTINGS, ...settings }, bank, T0, SECRET)).state;
}

function withPlayers(state: GameState, names: string[], now = T0) {
	return names.reduce((s, name, i) => ok(join(s, `p${i + 1}`, name, now)).state, state);
}

/** Where bank option `bankIndex` of question `index` is shown. */
const shownAt = (state: GameState, index: number, bankIndex: number) =>
	state.questions[index].optionOrder!.indexOf(bankIndex);

/** Counts per bank option, as the reveal gives them: per shown position. */
const perPosition = (state: GameState, index: number, perBankOption: number[]) =>
	state.questions[index].optionOrder!.map((i) => perBankOption[i]);

/** Answers in shown positions, as a phone would send them. */
function rightAnswer(state: GameState, index = state.index): LiveAnswer {
	const g = state.questions[index];
	const q = g.question;
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: g.optionOrder!.findIndex((i) => q.options[i].correct) };
		case 'multi': {
			const choices = g.optionOrder!.flatMap((i, p) => (q.options[i].correct ? [p] : []));
			return { type: 'multi', choices };
		}
		case 'truefalse':
			return { type: 'truefalse', value: q.answer };
		case 'order':
			return { type: 'order', order: q.items.map((_, i) => g.itemOrder!.indexOf(i)) };
		case 'short':
			return { type: 'short', text: q.answers.en[0] };
	}
}

function wrongAnswer(state: GameState, index = state.index): LiveAnswer {
	const g = state.questions[index];
	const q = g.question;
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: g.optionOrder!.findIndex((i) => !q.options[i].correct) };
		case 'multi':
			return { type: 'multi', choices: [g.optionOrder!.findIndex((i) => !q.options[i].correct)] };
		case 'truefalse':
			return { type: 'truefalse', value: !q.answer };
		case 'order':
			// The shown order is never the right one.
			return { type: 'order', order: q.items.map((_, i) => i) };
		case 'short':
			return { type: 'short', text: 'Tone' };
	}
}

const all = (outbox: Outbox): LiveEvent[] => [
	...(outbox.all ?? []),
	...(outbox.host ?? []),
	...(outbox.allPlayers ?? []),
	...Object.values(outbox.players ?? {}).flat(),
];
const ofType = <T extends LiveEvent['type']>(events: LiveEvent[], type: T) =>
	events.filter((e): e is LiveEventOf<T> => e.type === type);

/** Opens the current question (after reading) at `openedAt`. */
function open(state: GameState) {
	return ok(tick(state, state.openedAt!)).state;
}

// ---------------------------------------------------------------- tests

describe('createGame', () => {
	it('takes the live types from the decks, in bank order without shuffle, up to count', () => {
		const s = newGame({ count: 3 });
		expect(s.phase).toBe('lobby');
		expect(s.questions.map((g) => g.question.id)).toEqual(['capital', 'islands', 'fuji']);
		// Options are shown in the secret's order even so (see live-option-order.test.ts).
		expect([...s.questions[0].optionOrder!].sort()).toEqual([0, 1, 2]);
		expect(newGame({ types: ['short', 'order'] }).questions.map((g) => g.question.id)).toEqual([
			'eras',
			'river',
		]);
	});

	it('picks chosen questions in the order given', () => {
		const s = newGame({ decks: [], questionIds: ['river', 'card', 'capital'] });
		expect(s.questions.map((g) => g.question.id)).toEqual(['river', 'capital']);
	});

	it('shuffles questions and options by the secret: the same secret gives the same game', () => {
		const a = newGame({ shuffle: true });
		const b = newGame({ shuffle: true });
		expect(a.questions).toEqual(b.questions);
		// Another secret, another game, with the same code: the code does not decide.
		const other = ok(createGame(CODE, { ...SETTINGS, shuffle: true }, BANK, T0, 'x'.repeat(20)));
		expect(other.state.questions.map((g) => g.optionOrder ?? g.itemOrder)).not.toEqual(
			a.questions.map((g) => g.optionOrder ?? g.itemOrder),
		);
		expect(a.questions.map((g) => g.question.id)).not.toEqual([
			'capital',
			'islands',
			'fuji',
			'eras',
			'river',
		]);
	});

	it('refuses bad settings, a bad code and a choice with no question', () => {
		refused(createGame(CODE, { ...SETTINGS, count: 0 }, BANK, T0, SECRET), 400);
		refused(createGame('42', SETTINGS, BANK, T0, SECRET), 400);
		refused(createGame(CODE, SETTINGS, [flashcard, cloze], T0, SECRET), 400, /No question/);
		refused(createGame(CODE, SETTINGS, BANK, NaN, SECRET), 400);
		// A secret short enough to guess would give every order away.
		refused(createGame(CODE, SETTINGS, BANK, T0, 'short'), 400, /secret/);
	});
});

describe('a whole game with three players and a fake clock', () => {
	it('goes through lobby, reading, open, reveal, leaderboard and end', () => {
		let s = newGame({ count: 2 });
		let step = ok(join(s, 'p1', 'Ann', T0));
		expect(eventsFor(step.events, 'host')).toEqual([
			{
				type: 'lobby',
				count: 1,
				locked: false,
				players: [{ id: 'p1', nickname: 'Ann' }],
				questions: s.questions.length,
			},
		]);
		expect(eventsFor(step.events, 'p1')).toEqual([
			{ type: 'me', id: 'p1', nickname: 'Ann', score: 0, rank: 1 },
			{ type: 'lobby', count: 1, locked: false },
		]);
		s = step.state;
		s = ok(join(s, 'p2', 'Bob', T0 + 10)).state;
		step = ok(join(s, 'p3', '  ann ', T0 + 20));
		s = step.state;
		expect(s.players.p3.nickname).toBe('ann 2');
		expect(ofType(eventsFor(step.events, 'p3'), 'lobby')[0]).toEqual({
			type: 'lobby',
			count: 3,
			locked: false,
		});

		// Start: reading for 5 s, then 20 s to answer.
		const started = T0 + 1000;
		step = ok(start(s, started));
		s = step.state;
		expect(s.phase).toBe('reading');
		const q = ofType(eventsFor(step.events, 'p1'), 'question')[0];
		expect(q).toMatchObject({
			index: 0,
			total: 2,
			opensAt: started + 5000,
			closesAt: started + 25000,
		});
		expect(q.question.type).toBe('single');
		refused(answer(s, 'p1', 0, rightAnswer(s), started + 100), 409, /not open yet/);
		expect(ok(tick(s, started + 4999)).state).toBe(s);
		const opensAt = started + 5000;
		step = ok(tick(s, opensAt));
		s = step.state;
		expect(s.phase).toBe('open');
		expect(ofType(all(step.events), 'question')).toHaveLength(1);

		// Ann is right after 5 s, Bob wrong after 10 s, "ann 2" does not answer.
		step = ok(answer(s, 'p1', 0, rightAnswer(s), opensAt + 5000));
		s = step.state;
		expect(eventsFor(step.events, 'host')).toEqual([
			{ type: 'progress', index: 0, answered: 1, total: 3 },
		]);
		expect(eventsFor(step.events, 'p1')).toEqual([{ type: 'answered', index: 0 }]);
		expect(eventsFor(step.events, 'p2')).toEqual([]);
		expect(answerOf(s, 0, 'p1')).toMatchObject({ correct: true, points: 875, elapsedMs: 5000 });
		expect(s.players.p1.score).toBe(0);
		refused(answer(s, 'p1', 0, rightAnswer(s), opensAt + 6000), 409, /Already answered/);
		refused(answer(s, 'p2', 1, rightAnswer(s), opensAt + 6000), 409, /current question/);
		s = ok(answer(s, 'p2', 0, wrongAnswer(s), opensAt + 10000)).state;
		expect(ok(tick(s, opensAt + 20000)).state.phase).toBe('open');
		refused(answer(s, 'p3', 0, rightAnswer(s), opensAt + 20001), 409, /Too late/);

		// Time is up: everyone sees the reveal, each player only its own result.
		step = ok(tick(s, opensAt + 20001));
		s = step.state;
		expect(s.phase).toBe('revealed');
		expect(step.events.all).toEqual([
			{
				type: 'reveal',
				index: 0,
				id: single.id,
				correct: { type: 'single', position: shownAt(s, 0, 1) },
				// Ann picked Tokyo (bank option 1), Bob the first wrong option shown.
				distribution: perPosition(s, 0, [0, 1, 0]).map(
					(n, p) => n + (p === (wrongAnswer(s, 0) as { choice: number }).choice ? 1 : 0),
				),
				explanation: single.explanation,
				paragraphs: [2],
			},
		]);
		expect(step.events.players).toEqual({
			p1: [
				{
					type: 'result',
					index: 0,
					answered: true,
					correct: true,
					points: 875,
					total: 875,
					rank: 1,
					tied: false,
				},
			],
			p2: [
				{
					type: 'result',
					index: 0,
					answered: true,
					correct: false,
					points: 0,
					total: 0,
					rank: 2,
					tied: true,
				},
			],
			p3: [
				{
					type: 'result',
					index: 0,
					answered: false,
					correct: false,
					points: 0,
					total: 0,
					rank: 2,
					tied: true,
				},
			],
		});
		refused(answer(s, 'p3', 0, rightAnswer(s), opensAt + 20002), 409, /Too late/);
		refused(reveal(s, opensAt + 20002), 409);

		step = ok(showLeaderboard(s));
		s = step.state;
		expect(step.events).toEqual({
			all: [
				{
					type: 'leaderboard',
					top: [
						{ nickname: 'Ann', score: 875, rank: 1, tied: false, gained: 875, up: 0 },
						{ nickname: 'Bob', score: 0, rank: 2, tied: true, gained: 0, up: 0 },
						{ nickname: 'ann 2', score: 0, rank: 2, tied: true, gained: 0, up: 0 },
					],
				},
			],
		});

		// Second question: all three answer, so it is revealed without waiting for the clock.
		const second = opensAt + 30000;
		s = ok(next(s, second)).state;
		expect(s).toMatchObject({ phase: 'reading', index: 1 });
		s = open(s);
		s = ok(answer(s, 'p1', 1, rightAnswer(s), s.openedAt!)).state;
		s = ok(answer(s, 'p2', 1, rightAnswer(s), s.openedAt! + 10000)).state;
		step = ok(answer(s, 'p3', 1, wrongAnswer(s), s.openedAt! + 19000));
		s = step.state;
		expect(s.phase).toBe('revealed');
		// Two picked both right islands (bank options 0 and 2), one the first wrong one shown.
		const wrongPick = (wrongAnswer(s, 1) as { choices: number[] }).choices[0];
		expect(ofType(all(step.events), 'reveal')[0].distribution).toEqual(
			perPosition(s, 1, [2, 0, 2, 0]).map((n, p) => n + (p === wrongPick ? 1 : 0)),
		);
		expect(s.players.p1).toMatchObject({ score: 875 + 1000 + 100, streak: 2 });
		expect(s.players.p2).toMatchObject({ score: 750, streak: 1 });
		expect(s.players.p3).toMatchObject({ score: 0, streak: 0 });

		// After the last question "next" ends the game.
		step = ok(next(s, second + 60000));
		s = step.state;
		expect(s.phase).toBe('ended');
		expect(eventsFor(step.events, 'host')).toEqual([
			{
				type: 'end',
				podium: [
					{ nickname: 'Ann', score: 1975, rank: 1, tied: false },
					{ nickname: 'Bob', score: 750, rank: 2, tied: false },
					{ nickname: 'ann 2', score: 0, rank: 3, tied: false },
				],
			},
		]);
		expect(eventsFor(step.events, 'p2')[0]).toMatchObject({
			you: { score: 750, rank: 2, correct: 1, questions: 2 },
		});
		refused(join(s, 'p4', 'Late', second + 70000), 410);
		refused(answer(s, 'p1', 1, rightAnswer(s, 1), second + 70000), 410);
		refused(end(s), 410);
	});
});

describe('refusals', () => {
	const opened = () => open(ok(start(withPlayers(newGame(), ['Ann', 'Bob']), T0)).state);

	it('refuses answers from unknown players, of the wrong shape or type', () => {
		const s = opened();
		refused(answer(s, 'nobody', 0, rightAnswer(s), s.openedAt!), 404);
		refused(answer(s, 'constructor', 0, rightAnswer(s), s.openedAt!), 404);
		refused(answer(s, 'p1', 0, { type: 'single', choice: 7 }, s.openedAt!), 400, /no such option/);
		refused(answer(s, 'p1', 0, { type: 'truefalse', value: true }, s.openedAt!), 400);
		refused(answer(s, 'p1', 0, { type: 'single', choice: 0, extra: 1 }, s.openedAt!), 400);
		refused(answer(s, 'p1', 0, 'B', s.openedAt!), 400);
		refused(answer(s, 'p1', 0.5, rightAnswer(s), s.openedAt!), 409);
	});

	it('refuses an order answer that is not a permutation, and a multi pick given twice', () => {
		let s = newGame({ types: ['order', 'multi'] });
		s = open(ok(start(withPlayers(s, ['Ann']), T0)).state);
		refused(answer(s, 'p1', 0, { type: 'multi', choices: [0, 0] }, s.openedAt!), 400);
		s = open(ok(next(ok(reveal(s, s.openedAt!)).state, s.openedAt! + 1)).state);
		for (const bad of [
			[0, 1, 2],
			[0, 1, 2, 2],
			[0, 1, 2, 4],
		]) {
			refused(answer(s, 'p1', 1, { type: 'order', order: bad }, s.openedAt!), 400);
		}
		expect(ok(answer(s, 'p1', 1, rightAnswer(s), s.openedAt!)).state.answers[1][0].correct).toBe(
			true,
		);
	});

	it('refuses steps out of their phase', () => {
		const lobby = withPlayers(newGame(), ['Ann']);
		refused(next(lobby, T0), 409);
		refused(reveal(lobby, T0), 409);
		refused(showLeaderboard(lobby), 409);
		refused(answer(lobby, 'p1', 0, { type: 'single', choice: 0 }, T0), 409);
		const s = opened();
		refused(start(s, T0), 409);
		refused(next(s, T0), 409);
		refused(showLeaderboard(s), 409);
	});

	it('ending during a question leaves it out: its points never reached the scores', () => {
		let s = opened();
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt!)).state;
		const step = ok(end(s));
		expect(step.state.players.p1.score).toBe(0);
		expect(eventsFor(step.events, 'p1')).toEqual([
			{
				type: 'end',
				podium: [
					{ nickname: 'Ann', score: 0, rank: 1, tied: true },
					{ nickname: 'Bob', score: 0, rank: 1, tied: true },
				],
				you: { score: 0, rank: 1, tied: true, correct: 0, questions: 0 },
			},
		]);
		expect(results(step.state).questions).toEqual([]);
		expect(resultsCsv(step.state, 'en').split('\r\n')).toHaveLength(2);
	});

	it('lets the host start with no players at all', () => {
		expect(ok(start(newGame(), T0)).state.phase).toBe('reading');
	});
});

describe('a game saved in SQLite before questions could cite several paragraphs', () => {
	it('still reveals the paragraph its question cites', () => {
		const saved = open(ok(start(withPlayers(newGame({ count: 1 }, [single]), ['Ann']), T0)).state);
		// As it comes back from the store: JSON, with the question's source in its old shape.
		const restored = JSON.parse(
			JSON.stringify(saved).replace('"source":{"paragraphs":[2]}', '"source":{"paragraph":2}'),
		) as GameState;
		expect(restored.questions[0].question.source).toEqual({ paragraph: 2 });
		const reveal = ofType(all(ok(tick(restored, restored.closesAt! + 1)).events), 'reveal');
		expect(reveal.map((e) => e.paragraphs)).toEqual([[2]]);
		expect(v.safeParse(LiveEvent, reveal[0]).success).toBe(true);
	});
});

describe('answers in a batch (the server applies those that arrive together as one step)', () => {
	const opened = () => open(ok(start(withPlayers(newGame(), ['Ann', 'Bob', 'Cy']), T0)).state);

	it('judges each in order, as one at a time would, and tells the host the count once', () => {
		const s = deepFreeze(opened());
		const at = s.openedAt! + 2000;
		const batch = answerMany(
			s,
			[
				{ playerId: 'p1', questionIndex: 0, answer: rightAnswer(s) },
				{ playerId: 'p1', questionIndex: 0, answer: wrongAnswer(s) },
				{ playerId: 'nobody', questionIndex: 0, answer: rightAnswer(s) },
				{ playerId: 'p2', questionIndex: 0, answer: { type: 'single', choice: 9 } },
				{ playerId: 'p2', questionIndex: 1, answer: rightAnswer(s) },
				{ playerId: 'p2', questionIndex: 0, answer: wrongAnswer(s) },
			],
			at,
		);
		expect(batch.verdicts.map((v) => (v.ok ? 200 : v.error.status))).toEqual([
			200, 409, 404, 400, 409, 200,
		]);
		const one = ok(
			answer(ok(answer(s, 'p1', 0, rightAnswer(s), at)).state, 'p2', 0, wrongAnswer(s), at),
		);
		expect(batch.state.answers).toEqual(one.state.answers);
		expect(batch.events.host).toEqual([{ type: 'progress', index: 0, answered: 2, total: 3 }]);
		expect(eventsFor(batch.events, 'p2')).toEqual([{ type: 'answered', index: 0 }]);
		expect(eventsFor(batch.events, 'p3')).toEqual([]);
	});

	it('reveals once the last player of the batch has answered', () => {
		const s = opened();
		const batch = answerMany(
			s,
			['p1', 'p2', 'p3'].map((playerId) => ({
				playerId,
				questionIndex: 0,
				answer: rightAnswer(s),
			})),
			s.openedAt! + 1000,
		);
		expect(batch.verdicts.every((v) => v.ok)).toBe(true);
		expect(batch.state.phase).toBe('revealed');
		expect(ofType(all(batch.events), 'reveal')).toHaveLength(1);
	});

	it('refuses all after the time is up, and still hands back the reveal the clock caused', () => {
		const s = opened();
		const batch = answerMany(
			s,
			[{ playerId: 'p1', questionIndex: 0, answer: rightAnswer(s) }],
			s.closesAt! + 1,
		);
		expect(batch.verdicts).toEqual([{ ok: false, error: { status: 409, message: 'Too late' } }]);
		expect(batch.state.phase).toBe('revealed');
		expect(ofType(all(batch.events), 'reveal')).toHaveLength(1);
	});
});

describe('lock and kick', () => {
	it('a locked game refuses new players but lets a known player back in unchanged', () => {
		let s = withPlayers(newGame(), ['Ann']);
		const step = ok(lock(s));
		expect(step.events).toEqual({ host: [{ type: 'locked', locked: true }] });
		s = step.state;
		refused(join(s, 'p2', 'Bob', T0), 423);
		const back = ok(join(s, 'p1', 'Someone else', T0 + 5));
		expect(back.state).toBe(s);
		expect(eventsFor(back.events, 'p1')[0]).toEqual({
			type: 'me',
			id: 'p1',
			nickname: 'Ann',
			score: 0,
			rank: 1,
		});
		s = ok(unlock(s)).state;
		expect(ok(join(s, 'p2', 'Bob', T0)).state.players.p2.nickname).toBe('Bob');
	});

	it('a kicked player is told, cannot rejoin, answer or reconnect', () => {
		let s = withPlayers(newGame(), ['Ann', 'Troll']);
		const step = ok(kick(s, 'p2'));
		s = step.state;
		expect(eventsFor(step.events, 'p2')).toEqual([{ type: 'kicked' }]);
		expect(eventsFor(step.events, 'host')).toEqual([
			{
				type: 'lobby',
				count: 1,
				locked: false,
				players: [{ id: 'p1', nickname: 'Ann' }],
				questions: s.questions.length,
			},
		]);
		refused(join(s, 'p2', 'Nice', T0), 403);
		refused(kick(s, 'p2'), 404);
		expect(reconnectSnapshot(s, 'p2', T0)).toEqual([{ type: 'kicked' }]);
		s = open(ok(start(s, T0)).state);
		refused(answer(s, 'p2', 0, rightAnswer(s), s.openedAt!), 403);
	});

	it('kicking the one player who had not answered reveals at once', () => {
		let s = withPlayers(newGame(), ['Ann', 'Bob', 'Cy']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt!)).state;
		s = ok(answer(s, 'p3', 0, rightAnswer(s), s.openedAt!)).state;
		const step = ok(kick(s, 'p2', s.openedAt! + 1));
		expect(step.state.phase).toBe('revealed');
		expect(Object.keys(step.events.players ?? {}).sort()).toEqual(['p1', 'p2', 'p3']);
		expect(step.events.players?.p2).toEqual([{ type: 'kicked' }]);
	});

	it('a kicked player takes their answers out of the results', () => {
		let s = withPlayers(newGame(), ['Ann', 'Bob']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p2', 0, rightAnswer(s), s.openedAt!)).state;
		s = ok(kick(s, 'p2')).state;
		expect(s.answers[0]).toEqual([]);
		expect(s.phase).toBe('open');
	});
});

describe('scoring', () => {
	it('speed: 500 for right, up to 500 more for speed, streak bonus from the second in a row', () => {
		expect(pointsFor('speed', true, 0, 20000, 0)).toBe(1000);
		expect(pointsFor('speed', true, 5000, 20000, 0)).toBe(875);
		expect(pointsFor('speed', true, 10000, 20000, 0)).toBe(750);
		expect(pointsFor('speed', true, 20000, 20000, 0)).toBe(500);
		expect(pointsFor('speed', true, 99999, 20000, 0)).toBe(500);
		expect(pointsFor('speed', true, 1, 3000, 0)).toBe(1000);
		expect(pointsFor('speed', true, 0, 20000, 1)).toBe(1100);
		expect(pointsFor('speed', true, 0, 20000, 5)).toBe(1500);
		expect(pointsFor('speed', true, 0, 20000, 12)).toBe(1500);
		expect(pointsFor('speed', false, 0, 20000, 3)).toBe(0);
		expect(pointsFor('accuracy', true, 19000, 20000, 4)).toBe(1000);
		expect(pointsFor('accuracy', false, 0, 20000, 4)).toBe(0);
	});

	/** One player answers a row of true/false questions: right (at ms) or wrong (null). */
	function play(settings: Partial<CreateGame>, plan: (number | null)[]) {
		const bank = plan.map((_, i) => tf(i));
		let s = withPlayers(newGame({ readingSeconds: 0, ...settings }, bank), ['Ann']);
		let now = T0 + 1000;
		s = ok(start(s, now)).state;
		const results: LiveEventOf<'result'>[] = [];
		for (const [i, at] of plan.entries()) {
			expect(s.phase).toBe('open');
			const value = at !== null;
			const step = ok(answer(s, 'p1', i, { type: 'truefalse', value }, s.openedAt! + (at ?? 1000)));
			results.push(...ofType(eventsFor(step.events, 'p1'), 'result'));
			now = s.openedAt! + 30000;
			s = ok(next(step.state, now)).state;
		}
		return { s, results };
	}

	it('speed over a game, hand-checked: 875 + 1100 + 700 + 0 + 750', () => {
		const { s, results } = play({}, [5000, 0, 20000, null, 10000]);
		expect(results.map((r) => r.points)).toEqual([875, 1100, 700, 0, 750]);
		expect(results.map((r) => r.total)).toEqual([875, 1975, 2675, 2675, 3425]);
		expect(s.players.p1.score).toBe(3425);
	});

	it('the streak bonus stops growing after 500', () => {
		const { results } = play({}, Array(8).fill(0));
		expect(results.map((r) => r.points)).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
	});

	it('accuracy: 1000 for each right answer, whenever it comes', () => {
		const { s, results } = play({ scoring: 'accuracy' }, [0, 19000, null, 10000]);
		expect(results.map((r) => r.points)).toEqual([1000, 1000, 0, 1000]);
		expect(s.players.p1.score).toBe(3000);
	});

	it('none: points are kept for the teacher, but no one sees points, ranks or a board', () => {
		const { s, results } = play({ scoring: 'none' }, [0, null]);
		expect(results).toEqual([
			{ type: 'result', index: 0, answered: true, correct: true },
			{ type: 'result', index: 1, answered: true, correct: false },
		]);
		expect(s.players.p1.score).toBe(1000);
		expect(reconnectSnapshot(s, 'p1', T0)[0]).toEqual({
			type: 'end',
			podium: [],
			you: { correct: 1, questions: 2 },
		});
		let g = withPlayers(newGame({ scoring: 'none' }), ['Ann']);
		g = ok(reveal(ok(start(g, T0)).state, T0)).state;
		refused(showLeaderboard(g), 409);
		expect(ok(hostAction(g, { action: 'next' }, T0 + 1)).state.phase).toBe('reading');
		expect(reconnectSnapshot(g, 'p1', T0)[0]).toEqual({ type: 'me', id: 'p1', nickname: 'Ann' });
	});

	it('a short answer is right in either language when both are shown', () => {
		let s = withPlayers(newGame({ types: ['short'], lang: 'both' }), ['Ann', 'Bob']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p1', 0, { type: 'short', text: '信浓川' }, s.openedAt!)).state;
		s = ok(answer(s, 'p2', 0, { type: 'short', text: 'shinano river' }, s.openedAt!)).state;
		expect(s.answers[0].map((r) => [r.playerId, r.correct])).toEqual([
			['p1', true],
			['p2', true],
		]);
	});
});

describe('leaderboard', () => {
	it('shows the top 5 only, best first; each player hears its own rank', () => {
		const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
		let s = withPlayers(newGame(), names);
		s = open(ok(start(s, T0)).state);
		for (const [i] of names.entries()) {
			const at = s.openedAt! + i * 2000;
			const a = i === 7 ? wrongAnswer(s) : rightAnswer(s);
			const step = ok(answer(s, `p${i + 1}`, 0, a, at));
			s = step.state;
		}
		expect(s.phase).toBe('revealed');
		const step = ok(hostAction(s, { action: 'next' }, s.openedAt! + 30000));
		expect(step.state.phase).toBe('leaderboard');
		const board = ofType(step.events.all ?? [], 'leaderboard')[0];
		expect(board.top.map((x) => x.nickname)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(board.top.map((x) => x.score)).toEqual([1000, 950, 900, 850, 800]);
		expect(step.events.players).toBeUndefined();
		expect(reconnectSnapshot(step.state, 'p8', T0).find((e) => e.type === 'me')).toMatchObject({
			score: 0,
			rank: 8,
		});
	});
});

describe('leaderboard movement', () => {
	it('gives each row its rank (shared when tied), the points of the round and the places climbed', () => {
		let s = withPlayers(newGame(), ['Ann', 'Bo', 'Cy']);
		s = open(ok(start(s, T0)).state);
		// Round 1: only Ann is right.
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt! + 1000)).state;
		s = ok(answer(s, 'p2', 0, wrongAnswer(s), s.openedAt! + 1000)).state;
		s = ok(answer(s, 'p3', 0, wrongAnswer(s), s.openedAt! + 1000)).state;
		let step = ok(hostAction(s, { action: 'next' }, s.openedAt! + 30000));
		let board = ofType(step.events.all ?? [], 'leaderboard')[0];
		const annFirst = board.top[0];
		expect(annFirst).toMatchObject({ nickname: 'Ann', rank: 1, tied: false, up: 0 });
		expect(annFirst.gained).toBeGreaterThan(0);
		// Bo and Cy have 0 each: tied for second, nothing gained, nowhere to climb from.
		expect(board.top.slice(1)).toMatchObject([
			{ nickname: 'Bo', rank: 2, tied: true, gained: 0, up: 0 },
			{ nickname: 'Cy', rank: 2, tied: true, gained: 0, up: 0 },
		]);
		// Round 2: Cy answers fast and right, Bo is right but slower, Ann is wrong.
		s = open(ok(hostAction(step.state, { action: 'next' }, s.openedAt! + 31000)).state);
		s = ok(answer(s, 'p3', 1, rightAnswer(s), s.openedAt! + 500)).state;
		s = ok(answer(s, 'p2', 1, rightAnswer(s), s.openedAt! + 9000)).state;
		s = ok(answer(s, 'p1', 1, wrongAnswer(s), s.openedAt! + 9000)).state;
		step = ok(hostAction(s, { action: 'next' }, s.openedAt! + 30000));
		board = ofType(step.events.all ?? [], 'leaderboard')[0];
		const row = (name: string) => {
			const found = board.top.find((r) => r.nickname === name)!;
			return { ...found, rank: found.rank!, up: found.up! };
		};
		const [cy, bo, ann] = [row('Cy'), row('Bo'), row('Ann')];
		expect(ann.gained).toBe(0);
		expect(ann.up).toBe(0);
		expect(cy.gained).toBe(cy.score);
		expect(bo.gained).toBe(bo.score);
		// From a shared second place, Cy passed Ann (up one) unless Ann is still ahead.
		expect(cy.up).toBe(2 - cy.rank);
		expect(bo.up).toBe(Math.max(0, 2 - bo.rank));
		expect(cy.rank).toBeLessThan(bo.rank);
	});

	it('tells each phone when its rank is shared', () => {
		let s = withPlayers(newGame(), ['Ann', 'Bo']);
		s = open(ok(start(s, T0)).state);
		const step = ok(hostAction(s, { action: 'reveal' }, s.openedAt! + 1000));
		for (const id of ['p1', 'p2']) {
			expect(ofType(step.events.players?.[id] ?? [], 'result')[0]).toMatchObject({
				rank: 1,
				tied: true,
				points: 0,
			});
		}
	});
});

describe('reconnectSnapshot', () => {
	it('catches a client up in every phase without giving the answer away early', () => {
		let s = withPlayers(newGame({ optionsOnPhones: false }), ['Ann', 'Bob']);
		expect(reconnectSnapshot(s, 'host', T0)).toEqual([
			{
				type: 'lobby',
				count: 2,
				locked: false,
				players: [
					{ id: 'p1', nickname: 'Ann' },
					{ id: 'p2', nickname: 'Bob' },
				],
				// The projector's lobby says how many questions the game asks.
				questions: s.questions.length,
			},
		]);
		expect(reconnectSnapshot(s, 'p2', T0).map((e) => e.type)).toEqual(['me', 'lobby']);
		expect(reconnectSnapshot(s, 'stranger', T0)).toEqual([]);

		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt! + 1000)).state;
		const host = reconnectSnapshot(s, 'host', s.openedAt! + 2000);
		expect(host.map((e) => e.type)).toEqual(['question', 'progress']);
		expect(ofType(host, 'question')[0].question).toHaveProperty('options');
		const ann = reconnectSnapshot(s, 'p1', s.openedAt! + 2000);
		expect(ann).toEqual([
			{ type: 'me', id: 'p1', nickname: 'Ann', score: 0, rank: 1 },
			{
				type: 'question',
				index: 0,
				total: 5,
				now: s.openedAt! + 2000,
				opensAt: s.openedAt,
				closesAt: s.closesAt,
				lang: 'en',
				question: { type: 'single', prompt: single.prompt, count: 3 },
			},
			{ type: 'answered', index: 0 },
		]);
		for (const who of ['host', 'p1', 'p2']) {
			expect(JSON.stringify(reconnectSnapshot(s, who, s.openedAt!))).not.toContain('"correct"');
		}

		s = ok(reveal(s, s.openedAt! + 3000)).state;
		expect(reconnectSnapshot(s, 'p1', T0).map((e) => e.type)).toEqual([
			'me',
			'question',
			'reveal',
			'result',
		]);
		expect(reconnectSnapshot(s, 'p1', T0)[0]).toMatchObject({ score: 975, rank: 1 });
		expect(reconnectSnapshot(s, 'host', T0).map((e) => e.type)).toEqual(['question', 'reveal']);
		s = ok(showLeaderboard(s)).state;
		expect(reconnectSnapshot(s, 'p2', T0).map((e) => e.type)).toEqual([
			'me',
			'question',
			'reveal',
			'result',
			'leaderboard',
		]);
		s = ok(end(s)).state;
		expect(reconnectSnapshot(s, 'p2', T0)).toEqual([
			{
				type: 'end',
				podium: [
					{ nickname: 'Ann', score: 975, rank: 1, tied: false },
					{ nickname: 'Bob', score: 0, rank: 2, tied: false },
				],
				you: { score: 0, rank: 2, tied: false, correct: 0, questions: 1 },
			},
		]);
	});
});

describe('results', () => {
	function finished() {
		let s = withPlayers(newGame({ count: 2 }), ['=HYPERLINK("x")', 'Bob', 'Cy']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt! + 2000)).state;
		// Bob and Cy pick Osaka (bank option 0); Bob then Taiwan and Kyushu (1 and 2).
		const osaka = { type: 'single', choice: shownAt(s, 0, 0) } as const;
		s = ok(answer(s, 'p2', 0, osaka, s.openedAt! + 4000)).state;
		s = ok(answer(s, 'p3', 0, osaka, s.openedAt! + 6000)).state;
		s = open(ok(next(s, s.openedAt! + 30000)).state);
		const choices = [shownAt(s, 1, 1), shownAt(s, 1, 2)];
		s = ok(answer(s, 'p2', 1, { type: 'multi', choices }, s.openedAt! + 1000)).state;
		return ok(end(ok(reveal(s, s.openedAt! + 5000)).state)).state;
	}

	it('sums up each player and each question', () => {
		const r = results(finished());
		expect(r.players.map((p) => [p.nickname, p.rank, p.score, p.correct])).toEqual([
			['=HYPERLINK("x")', 1, 950, 1],
			['Bob', 2, 0, 0],
			['Cy', 2, 0, 0],
		]);
		// Picks are listed in the order they were shown.
		const both = (s: string) => s.split('; ').sort().join('; ');
		expect(r.players[1].questions.map((q) => ({ ...q, answer: both(q.answer) }))).toEqual([
			{
				index: 0,
				answered: true,
				correct: false,
				accepted: false,
				elapsedMs: 4000,
				points: 0,
				answer: 'Osaka',
			},
			{
				index: 1,
				answered: true,
				correct: false,
				accepted: false,
				elapsedMs: 1000,
				points: 0,
				answer: 'Kyushu; Taiwan',
			},
		]);
		expect(r.questions[0]).toEqual({
			index: 0,
			id: 'capital',
			type: 'single',
			prompt: 'Question capital',
			answered: 3,
			correct: 1,
			correctPercent: 33,
			averageMs: 4000,
			commonWrong: 'Osaka',
		});
		expect(r.questions[1]).toMatchObject({ answered: 1, correct: 0 });
		expect(both(r.questions[1].commonWrong!)).toBe('Kyushu; Taiwan');
		expect(results(finished(), 'zh').questions[0].commonWrong).toBe('大阪');
	});

	it('writes RFC 4180 CSV with CRLF, quoted cells, and no formula a spreadsheet would run', () => {
		const csv = resultsCsv(finished(), 'en');
		const lines = csv.split('\r\n');
		expect(lines).toHaveLength(1 + 3 * 2 + 1);
		expect(lines.at(-1)).toBe('');
		expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
		expect(lines[0]).toBe(
			'"rank","nickname","score","question","question id","prompt","answer","correct","time (ms)","points","accepted by host"',
		);
		expect(lines[1]).toBe(
			`"1","'=HYPERLINK(""x"")","950","1","capital","Question capital","Tokyo","yes","2000","950",""`,
		);
		expect(lines[2]).toContain(',"2","islands","Question islands","","no","","0",""');
	});

	it('guards every cell that starts like a formula', () => {
		expect(csvCell('=1+1')).toBe(`"'=1+1"`);
		expect(csvCell('+1')).toBe(`"'+1"`);
		expect(csvCell('-2')).toBe(`"'-2"`);
		expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvCell('\tx')).toBe(`"'\tx"`);
		expect(csvCell('a, "b"\r\nc')).toBe('"a, ""b""\r\nc"');
		expect(csvCell('a=b')).toBe('"a=b"');
		expect(csvCell(42)).toBe('"42"');
	});

	it('keeps a typed answer with commas, quotes and a formula start in one guarded cell', () => {
		let s = withPlayers(newGame({ types: ['short'] }), ['Ann']);
		s = open(ok(start(s, T0)).state);
		s = ok(
			answer(s, 'p1', 0, { type: 'short', text: ' =cmd|"/c calc"!A1, x ' }, s.openedAt!),
		).state;
		const csv = resultsCsv(ok(end(s)).state, 'en');
		expect(csv).toContain(`"'=cmd|""/c calc""!A1, x"`);
		expect(results(s).players[0].questions[0]).toMatchObject({
			answer: '=cmd|"/c calc"!A1, x',
			correct: false,
		});
	});
});

describe('accept for everyone (a typed answer the checker marked wrong)', () => {
	const tone = (text: string) => ({ type: 'short', text }) as const;
	/** A short-answer game: Ann types "Tone" at 5 s, Bob "tone!" at 10 s, Cy "Shinano" at 2 s. */
	function revealedShort(settings: Partial<CreateGame> = {}) {
		let s = withPlayers(newGame({ types: ['short'], ...settings }), ['Ann', 'Bob', 'Cy']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p3', 0, tone('Shinano'), s.openedAt! + 2000)).state;
		s = ok(answer(s, 'p1', 0, tone('Tone'), s.openedAt! + 5000)).state;
		const step = ok(answer(s, 'p2', 0, tone(' tone! '), s.openedAt! + 10000));
		expect(step.state.phase).toBe('revealed');
		// At the reveal the host hears what it may accept: the same answer, however typed, once.
		expect(eventsFor(step.events, 'host')).toContainEqual({
			type: 'answers',
			index: 0,
			groups: [{ text: 'Tone', count: 2, accepted: false }],
			more: 0,
		});
		expect(eventsFor(step.events, 'p1').map((e) => e.type)).not.toContain('answers');
		return step.state;
	}
	const accept = (s: GameState, text: string, index = 0) =>
		hostAction(s, { action: 'accept', questionIndex: index, text }, s.lastActivity);

	it('grades everyone who gave it right, with the points of their own answer time', () => {
		const s = revealedShort();
		expect([s.players.p1.score, s.players.p2.score, s.players.p3.score]).toEqual([0, 0, 950]);
		const step = ok(accept(s, 'TONE'));
		const after = step.state;
		// Speed: 500 + 500 × (1 − 5/20) for Ann, 500 + 500 × (1 − 10/20) for Bob.
		expect(answerOf(after, 0, 'p1')).toMatchObject({ correct: true, points: 875, accepted: true });
		expect(answerOf(after, 0, 'p2')).toMatchObject({ correct: true, points: 750, accepted: true });
		expect(answerOf(after, 0, 'p3')).toEqual(answerOf(s, 0, 'p3'));
		expect([after.players.p1.score, after.players.p2.score, after.players.p3.score]).toEqual([
			875, 750, 950,
		]);
		expect(after.players.p1.streak).toBe(1);
		// Every phone hears its (new) result and rank; the projector the new count and the list.
		expect(eventsFor(step.events, 'p1')).toContainEqual({
			type: 'result',
			index: 0,
			answered: true,
			correct: true,
			accepted: true,
			points: 875,
			total: 875,
			rank: 2,
			tied: false,
		});
		expect(eventsFor(step.events, 'p3')).toContainEqual(
			expect.objectContaining({ type: 'result', correct: true, total: 950, rank: 1 }),
		);
		expect(ofType(eventsFor(step.events, 'host'), 'reveal')[0].distribution).toEqual({
			right: 3,
			wrong: 0,
		});
		expect(ofType(eventsFor(step.events, 'host'), 'answers')[0].groups).toEqual([
			{ text: 'Tone', count: 2, accepted: true },
		]);
		// Results and the CSV say so.
		expect(results(after).players.find((p) => p.nickname === 'Ann')!.questions[0]).toMatchObject({
			correct: true,
			accepted: true,
			points: 875,
		});
		expect(results(after).questions[0]).toMatchObject({ correct: 3, commonWrong: null });
		expect(resultsCsv(after, 'en')).toContain('"Tone","yes","5000","875","yes"');
	});

	it('is idempotent: a second acceptance changes nothing and tells no one', () => {
		const once = ok(accept(revealedShort(), 'Tone')).state;
		const twice = ok(accept(once, 'tone'));
		expect(twice.state).toBe(once);
		expect(all(twice.events)).toEqual([]);
		// An answer that was right anyway is accepted already.
		expect(all(ok(accept(once, 'Shinano')).events)).toEqual([]);
	});

	it('gives the streak bonus the player had, and carries the run on to the next question', () => {
		let s = withPlayers(newGame({ types: ['single', 'short'], count: 2 }), ['Ann', 'Bob']);
		s = open(ok(start(s, T0)).state);
		s = ok(answer(s, 'p1', 0, rightAnswer(s), s.openedAt!)).state;
		s = ok(answer(s, 'p2', 0, rightAnswer(s), s.openedAt!)).state;
		s = open(ok(next(s, s.openedAt! + 30000)).state);
		s = ok(answer(s, 'p1', 1, tone('Tone'), s.openedAt! + 10000)).state;
		s = ok(answer(s, 'p2', 1, tone('Shinano'), s.openedAt! + 10000)).state;
		expect(s.players.p1).toMatchObject({ score: 1000, streak: 0 });
		s = ok(accept(s, 'Tone', 1)).state;
		// 500 + 250 for speed + 100 for the one right answer before: as Bob got for the same.
		expect(answerOf(s, 1, 'p1')?.points).toBe(answerOf(s, 1, 'p2')?.points);
		expect(s.players.p1).toMatchObject({ score: 1000 + 850, streak: 2 });
		expect(s.players.p1.score).toBe(s.players.p2.score);
	});

	it('works on the leaderboard and after the end, and tells each phone its new standing', () => {
		const board = ok(showLeaderboard(revealedShort()));
		const step = ok(accept(board.state, 'Tone'));
		expect(ofType(all(step.events), 'leaderboard')[0].top.map((t) => t.score)).toEqual([
			950, 875, 750,
		]);
		const ended = ok(end(revealedShort())).state;
		const late = ok(accept(ended, 'tone'));
		expect(late.state.phase).toBe('ended');
		expect(eventsFor(late.events, 'p2')).toEqual([
			expect.objectContaining({ type: 'result', index: 0, correct: true, accepted: true }),
			expect.objectContaining({
				type: 'end',
				you: { score: 750, rank: 3, tied: false, correct: 1, questions: 1 },
			}),
		]);
		expect(eventsFor(late.events, 'p3').map((e) => e.type)).toEqual(['end']);
	});

	it('refuses before the reveal, for other types, for answers nobody gave, and later on', () => {
		const settings = { decks: [], questionIds: ['river', 'capital'], types: ['short', 'single'] };
		let s = withPlayers(newGame(settings as Partial<CreateGame>), ['Ann']);
		s = open(ok(start(s, T0)).state);
		refused(accept(s, 'x'), 409, /not been revealed/);
		s = ok(answer(s, 'p1', 0, tone('Tone'), s.openedAt!)).state;
		expect(s.phase).toBe('revealed');
		refused(accept(s, 'Nile'), 404, /Nobody/);
		refused(accept(s, '  '), 400);
		refused(accept(s, 'x', 1), 400, /short/);
		refused(accept(s, 'x', 9), 404);
		refused(hostAction(s, { action: 'accept', questionIndex: 0 }, T0), 400);
		// Once the next question is on, the moment has passed (until the end).
		s = ok(next(ok(showLeaderboard(s)).state, s.openedAt! + 30000)).state;
		refused(accept(s, 'Tone'), 409, /reveal/);
		s = open(s);
		s = ok(answer(s, 'p1', 1, rightAnswer(s), s.openedAt!)).state;
		expect(ok(accept(ok(end(s)).state, 'Tone', 0)).state.players.p1.score).toBeGreaterThan(
			s.players.p1.score,
		);
	});

	it('is sent again to a host that reconnects at the reveal', () => {
		const s = ok(accept(revealedShort(), 'Tone')).state;
		expect(ofType(reconnectSnapshot(s, 'host', T0), 'answers')[0].groups).toEqual([
			{ text: 'Tone', count: 2, accepted: true },
		]);
		expect(ofType(reconnectSnapshot(s, 'p1', T0), 'result')[0]).toMatchObject({ accepted: true });
	});
});

// ---------------------------------------------------------------- properties

const PLAYER_IDS = ['p1', 'p2', 'p3', 'p4', 'constructor', '__proto__', 'host', ''];
const playerId = fc.oneof(
	{ arbitrary: fc.constantFrom('p1', 'p2', 'p3'), weight: 4 },
	fc.constantFrom(...PLAYER_IDS),
);
type Action =
	| { kind: 'join'; id: string; name: string }
	| { kind: 'answer'; id: string; index: unknown; answer: unknown; mode: 'right' | 'wrong' | 'raw' }
	| { kind: 'tick' | 'start' | 'reveal' | 'next' | 'board' | 'end' | 'lock' | 'unlock' }
	| { kind: 'kick'; id: string }
	| { kind: 'accept'; index: number; text: string }
	| { kind: 'team'; id: string; team: number }
	| { kind: 'host'; request: unknown };

const action: fc.Arbitrary<Action> = fc.oneof(
	{
		arbitrary: fc.record({
			kind: fc.constant('join' as const),
			id: fc.constantFrom(...PLAYER_IDS),
			name: fc.oneof(fc.constantFrom('Ann', 'ann', ' ', '\u202E'), fc.string()),
		}),
		weight: 3,
	},
	{
		arbitrary: fc.record({
			kind: fc.constant('answer' as const),
			id: playerId,
			index: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.anything()),
			answer: fc.oneof(
				fc.record({ type: fc.constant('single'), choice: fc.integer({ min: -1, max: 11 }) }),
				fc.record({ type: fc.constant('multi'), choices: fc.array(fc.nat(5), { maxLength: 5 }) }),
				fc.record({ type: fc.constant('truefalse'), value: fc.boolean() }),
				fc.record({ type: fc.constant('order'), order: fc.array(fc.nat(4), { maxLength: 5 }) }),
				fc.record({
					type: fc.constant('short'),
					text: fc.constantFrom('Shinano', '信浓川', 'x', ''),
				}),
				fc.anything(),
			),
			mode: fc.constantFrom('right', 'wrong', 'raw'),
		}),
		weight: 6,
	},
	{
		arbitrary: fc
			.constantFrom(...(['tick', 'start', 'reveal', 'next', 'board', 'lock', 'unlock'] as const))
			.map((kind) => ({ kind })),
		weight: 5,
	},
	{ arbitrary: fc.constant({ kind: 'end' as const }), weight: 1 },
	fc.record({ kind: fc.constant('kick' as const), id: fc.constantFrom(...PLAYER_IDS) }),
	fc.record({
		kind: fc.constant('accept' as const),
		index: fc.integer({ min: -1, max: 5 }),
		text: fc.constantFrom('Tone', ' tone! ', 'x', 'Shinano', ''),
	}),
	fc.record({
		kind: fc.constant('team' as const),
		id: playerId,
		team: fc.integer({ min: -1, max: 6 }),
	}),
	{
		arbitrary: fc.record({
			kind: fc.constant('host' as const),
			request: fc.oneof(
				fc.record(
					{
						action: fc.constantFrom('start', 'next', 'reveal', 'end', 'lock', 'kick'),
						playerId: fc.constantFrom(...PLAYER_IDS),
					},
					{ requiredKeys: ['action'] },
				),
				fc.anything(),
			),
		}),
		weight: 1,
	},
);

function apply(s: GameState, a: Action, now: number): Step {
	switch (a.kind) {
		case 'join':
			return join(s, a.id, a.name, now);
		case 'answer': {
			// Mostly a well-formed answer to the current question, to get past validation.
			if (a.mode === 'raw') return answer(s, a.id, a.index as number, a.answer, now);
			const body = a.mode === 'right' ? rightAnswer(s) : wrongAnswer(s);
			return answer(s, a.id, s.index, body, now);
		}
		case 'tick':
			return tick(s, now);
		case 'start':
			return start(s, now);
		case 'reveal':
			return reveal(s, now);
		case 'next':
			return next(s, now);
		case 'board':
			return showLeaderboard(s);
		case 'end':
			return end(s);
		case 'lock':
			return lock(s);
		case 'unlock':
			return unlock(s);
		case 'kick':
			return kick(s, a.id, now);
		case 'accept':
			return hostAction(s, { action: 'accept', questionIndex: a.index, text: a.text }, now);
		case 'team':
			return hostAction(s, { action: 'team', playerId: a.id, team: a.team }, now);
		case 'host':
			return hostAction(s, a.request, now);
	}
}

function checkInvariants(s: GameState) {
	expect(['lobby', 'reading', 'open', 'revealed', 'leaderboard', 'ended']).toContain(s.phase);
	expect(s.index).toBeGreaterThanOrEqual(0);
	expect(s.index).toBeLessThan(s.questions.length);
	const ids = Object.keys(s.players);
	for (const id of s.kicked) expect(ids).not.toContain(id);
	const names = Object.values(s.players).map((p) => foldNickname(p.nickname));
	expect(new Set(names).size).toBe(names.length);
	// A phone that reconnects is told the rank the standings give it (counted, not sorted, before
	// the reveal: see snapshot.ts).
	for (const { player, rank } of standings(s)) {
		const me = reconnectSnapshot(s, player.id, s.lastActivity).find((e) => e.type === 'me');
		if (me && 'rank' in me) expect(me.rank).toBe(rank);
	}
	for (const p of Object.values(s.players)) {
		expect(Number.isInteger(p.score) && p.score >= 0).toBe(true);
		expect(Number.isInteger(p.streak) && p.streak >= 0).toBe(true);
		expect(cleanNickname(p.nickname)).toEqual({ ok: true, value: p.nickname });
		expect(graphemes(p.nickname).length).toBeLessThanOrEqual(20);
		// The score moves only at a reveal: it is the sum of the revealed questions' points.
		const revealed = [...Array(s.asked).keys()].map((i) => answerOf(s, i, p.id)?.points ?? 0);
		expect(p.score).toBe(revealed.reduce((a, b) => a + b, 0));
	}
	// Team mode: every player in one of the game's teams (none without), each team's score its
	// players' average.
	const teams = s.settings.teams ?? 0;
	for (const p of Object.values(s.players)) {
		if (teams === 0) expect(p.team).toBeUndefined();
		else expect(p.team! >= 0 && p.team! < teams).toBe(true);
	}
	for (const row of teamStandings(s)) {
		const members = Object.values(s.players).filter((p) => p.team === row.team);
		expect(row.members).toBe(members.length);
		expect(row.score).toBe(averageScore(members.map((p) => p.score)));
	}
	for (const [i, list] of Object.entries(s.answers)) {
		expect(Number(i)).toBeLessThanOrEqual(s.index);
		// One answer per player per question.
		expect(new Set(list.map((r) => r.playerId)).size).toBe(list.length);
		for (const r of list) {
			expect(ids).toContain(r.playerId);
			expect(r.points).toBeGreaterThanOrEqual(0);
			if (!r.correct) expect(r.points).toBe(0);
		}
	}
	const expectedAsked: Record<string, number[]> = {
		lobby: [0],
		reading: [s.index],
		open: [s.index],
		revealed: [s.index + 1],
		leaderboard: [s.index + 1],
		ended: [s.index, s.index + 1],
	};
	expect(expectedAsked[s.phase]).toContain(s.asked);
	expect(JSON.parse(JSON.stringify(s))).toEqual(s);
}

/** Before its reveal, no event may tell a phone or the host screen the answer. */
function checkNoLeak(after: GameState, outbox: Outbox) {
	for (const event of all(outbox)) {
		expect(v.safeParse(LiveEvent, event).success).toBe(true);
		if (event.type === 'reveal' || event.type === 'result' || event.type === 'answers') {
			// Only ever about a question already revealed (a result comes again, later, when the
			// host accepts an answer).
			expect(event.index).toBeLessThan(after.asked);
			continue;
		}
		if (event.type === 'end') continue;
		const json = JSON.stringify(event);
		expect(json).not.toContain('"correct"');
		if (event.type !== 'question') continue;
		const q = after.questions[event.index].question;
		if (q.type === 'short') {
			for (const form of [...q.answers.zh, ...q.answers.en]) expect(json).not.toContain(form);
		}
		if (q.type === 'order' && event.question.type === 'order' && event.question.items) {
			expect(event.question.items).not.toEqual(q.items);
		}
	}
}

describe('random games (property)', () => {
	it('never throw, never break an invariant, never leak an answer before the reveal', () => {
		fc.assert(
			fc.property(
				fc.record({
					scoring: fc.constantFrom('speed', 'accuracy', 'none'),
					readingSeconds: fc.constantFrom(0, 3),
					optionsOnPhones: fc.boolean(),
					shuffle: fc.boolean(),
					lang: fc.constantFrom('zh', 'en', 'both'),
					teams: fc.constantFrom(undefined, 2, 3, 6),
				}),
				fc.nat(3),
				fc.boolean(),
				fc.array(
					fc.tuple(
						action,
						fc.oneof({ arbitrary: fc.nat(3000), weight: 6 }, fc.constantFrom(-50, 0, 8000, 40000)),
					),
					{ minLength: 5, maxLength: 80, size: 'large' },
				),
				(settings, players, started, script) => {
					// Most games get players and start, so the script spends its steps in the rounds.
					let s = deepFreeze(newGame(settings));
					if (players > 0) s = withPlayers(s, ['Ann', 'ann', 'Bob'].slice(0, players));
					if (started) s = ok(start(s, T0)).state;
					let now = T0;
					for (const [a, dt] of script) {
						now += dt;
						const step = apply(s, a, now);
						if (!step.ok) {
							expect([400, 403, 404, 409, 410, 423, 429]).toContain(step.error.status);
							continue;
						}
						checkInvariants(step.state);
						checkNoLeak(step.state, step.events);
						s = deepFreeze(step.state);
					}
					for (const who of ['host', ...Object.keys(s.players), 'p4']) {
						const snapshot = reconnectSnapshot(s, who, now);
						const revealedNow = s.phase !== 'reading' && s.phase !== 'open';
						if (!revealedNow) expect(JSON.stringify(snapshot)).not.toContain('"correct"');
					}
					expect(() => resultsCsv(s, 'zh')).not.toThrow();
				},
			),
			{ numRuns: 300 },
		);
	});
});
