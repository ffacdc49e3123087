// What a live game hosted for a class leaves in the class when it ends: each seated student's
// answers (in the bank's positions) to the questions asked and revealed, and their totals.
// Guests, removed players and a question ended before its reveal leave nothing; one seat plays once.
import { describe, expect, it } from 'vitest';
import { classGameId, classGameResults } from '../../src/lib/classes/live-results.ts';
import {
	acceptAnswer,
	answer,
	createGame,
	end,
	join,
	kick,
	next,
	reveal,
	start,
	type GameState,
	type Step,
} from '../../src/lib/live/game.ts';
import type { CreateGame, LiveAnswer } from '../../src/lib/live/protocol.ts';
import { SETTINGS, short, single, truefalse } from './live-fixtures.ts';

const T0 = 1_700_000_000_000;
const CODE = '042042';
/** Shows the capital's options as Kyoto, Osaka, Tokyo: no option where the bank has it. */
const SECRET = 'class-secret-0123456789abcdef';
const CLASS = 'class-politics';
/** Bank order of `single` (capital): Osaka, Tokyo (right), Kyoto. */
const OSAKA = 0;
const TOKYO = 1;

function ok(step: Step): GameState {
	if (!step.ok) throw new Error(`refused: ${step.error.status} ${step.error.message}`);
	return step.state;
}

/** capital (single), river (short), fuji (true/false), in that order, answers open at once. */
function newGame(settings: Partial<CreateGame> = {}, now = T0): GameState {
	const s: CreateGame = {
		...SETTINGS,
		types: ['single', 'short', 'truefalse'],
		count: 3,
		readingSeconds: 0,
		classId: CLASS,
		...settings,
	};
	return ok(createGame(CODE, s, [single, short, truefalse], now, SECRET));
}

/** Where the phone shows bank option `bankIndex` of question `index`. */
const shownAt = (state: GameState, index: number, bankIndex: number) =>
	state.questions[index].optionOrder!.indexOf(bankIndex);

const pick = (choice: number): LiveAnswer => ({ type: 'single', choice });
const typed = (text: string): LiveAnswer => ({ type: 'short', text });

/**
 * Ann and Bo play their seats, Kit plays hers and is removed, Gus is a guest. The capital: Ann
 * right after 2.5 s, Bo wrong, Kit right (then removed). The river: Ann types "nope" (wrong),
 * Gus right, Bo lets it pass. Fuji: Ann and Bo answer, and the game ends before its reveal.
 */
function playedGame(settings: Partial<CreateGame> = {}) {
	let s = newGame(settings);
	s = ok(join(s, 'p-ann', 'Ann', T0, 'seat-ann'));
	s = ok(join(s, 'p-bo', 'Bo', T0, 'seat-bo'));
	s = ok(join(s, 'p-kit', 'Kit', T0, 'seat-kit'));
	s = ok(join(s, 'p-gus', 'Gus', T0));
	const opened = T0 + 1_000;
	s = ok(start(s, opened));
	expect(s.phase).toBe('open');
	const tokyoShown = shownAt(s, 0, TOKYO);
	const osakaShown = shownAt(s, 0, OSAKA);
	s = ok(answer(s, 'p-ann', 0, pick(tokyoShown), opened + 2_500));
	s = ok(answer(s, 'p-bo', 0, pick(osakaShown), opened + 4_000));
	s = ok(answer(s, 'p-kit', 0, pick(tokyoShown), opened + 1_000));
	s = ok(reveal(s, opened + 5_000));
	s = ok(kick(s, 'p-kit', opened + 5_500));
	s = ok(next(s, opened + 6_000));
	s = ok(answer(s, 'p-ann', 1, typed('nope'), opened + 7_000));
	s = ok(answer(s, 'p-gus', 1, typed('Shinano'), opened + 8_000));
	s = ok(reveal(s, opened + 9_000));
	s = ok(next(s, opened + 10_000));
	s = ok(answer(s, 'p-ann', 2, { type: 'truefalse', value: true }, opened + 11_000));
	s = ok(answer(s, 'p-bo', 2, { type: 'truefalse', value: true }, opened + 11_000));
	expect(s.phase).toBe('open');
	s = ok(end(s));
	return { state: s, tokyoShown, osakaShown };
}

describe('classGameResults', () => {
	it('is undefined for a game not hosted for a class', () => {
		const { state } = playedGame({ classId: undefined });
		expect(state.settings.classId).toBeUndefined();
		expect(classGameResults(state, T0 + 60_000)).toBeUndefined();
	});

	it('keeps the seated players only, and only the questions revealed before the end', () => {
		const { state } = playedGame();
		const results = classGameResults(state, T0 + 60_000)!;
		expect(results).toMatchObject({
			id: classGameId(state),
			classId: CLASS,
			code: CODE,
			decks: SETTINGS.decks,
			questionIds: ['capital', 'river'],
			playedAt: T0,
			endedAt: T0 + 60_000,
		});
		// Gus (a guest) and Kit (removed) leave nothing; fuji was never revealed.
		expect(results.seats.map((s) => s.seatId).sort()).toEqual(['seat-ann', 'seat-bo']);
		expect(new Set(results.answers.map((a) => a.seatId))).toEqual(new Set(['seat-ann', 'seat-bo']));
		expect(results.answers.map((a) => a.questionId)).not.toContain('fuji');
		expect(results.answers).toHaveLength(3);
	});

	it('counts answered, right and the game’s points per seat', () => {
		const { state } = playedGame();
		const results = classGameResults(state, T0 + 60_000)!;
		const bySeat = new Map(results.seats.map((s) => [s.seatId, s]));
		expect(state.players['p-ann'].score).toBeGreaterThan(0);
		expect(bySeat.get('seat-ann')).toEqual({
			seatId: 'seat-ann',
			answered: 2,
			right: 1,
			points: state.players['p-ann'].score,
		});
		// Bo let the river pass: one answer, wrong; his fuji answer came after the last reveal.
		expect(bySeat.get('seat-bo')).toEqual({ seatId: 'seat-bo', answered: 1, right: 0, points: 0 });
	});

	it('records a single-choice answer in the bank’s positions, with its time', () => {
		const { state, tokyoShown, osakaShown } = playedGame();
		// The phones' positions are not the bank's: otherwise this would prove nothing.
		expect(tokyoShown).not.toBe(TOKYO);
		expect(osakaShown).not.toBe(OSAKA);
		const results = classGameResults(state, T0 + 60_000)!;
		const of = (seat: string, question: string) =>
			results.answers.find((a) => a.seatId === seat && a.questionId === question);
		expect(of('seat-ann', 'capital')).toEqual({
			seatId: 'seat-ann',
			questionId: 'capital',
			answer: { type: 'single', choice: TOKYO },
			correct: true,
			score: 1,
			timeMs: 2_500,
		});
		expect(of('seat-bo', 'capital')).toMatchObject({
			answer: { type: 'single', choice: OSAKA },
			correct: false,
			score: 0,
			timeMs: 4_000,
		});
		expect(of('seat-ann', 'river')).toMatchObject({
			answer: { type: 'short', text: 'nope' },
			correct: false,
			score: 0,
		});
		expect(of('seat-bo', 'river')).toBeUndefined();
	});

	it('leaves nothing of a seated player who was removed, though they had answered', () => {
		const { state } = playedGame();
		expect(state.kicked).toContain('p-kit');
		const results = classGameResults(state, T0 + 60_000)!;
		expect(results.seats.find((s) => s.seatId === 'seat-kit')).toBeUndefined();
		expect(results.answers.find((a) => a.seatId === 'seat-kit')).toBeUndefined();
	});

	it('counts a typed answer the host accepted after the end as right', () => {
		const { state } = playedGame();
		const accepted = ok(acceptAnswer(state, 1, 'nope'));
		const results = classGameResults(accepted, T0 + 90_000)!;
		expect(results.seats.find((s) => s.seatId === 'seat-ann')).toMatchObject({
			answered: 2,
			right: 2,
			points: accepted.players['p-ann'].score,
		});
		expect(accepted.players['p-ann'].score).toBeGreaterThan(state.players['p-ann'].score);
		expect(
			results.answers.find((a) => a.seatId === 'seat-ann' && a.questionId === 'river'),
		).toMatchObject({ correct: true, score: 1 });
	});
});

describe('classGameId', () => {
	it('tells apart two games that drew the same code at different times, and is stable for one', () => {
		const first = newGame({}, T0);
		const later = newGame({}, T0 + 86_400_000);
		expect(first.code).toBe(later.code);
		expect(classGameId(first)).not.toBe(classGameId(later));
		expect(classGameId(first)).toBe(classGameId(newGame({}, T0)));
		expect(classGameResults(ok(end(later)), T0)!.id).toBe(classGameId(later));
	});
});

describe('join with a seat', () => {
	it('lets one seat play once (409 for a second player), another seat and guests freely', () => {
		let s = newGame();
		s = ok(join(s, 'p1', 'Ann', T0, 'seat-ann'));
		const again = join(s, 'p2', 'Ann on her phone', T0, 'seat-ann');
		expect(again.ok).toBe(false);
		if (!again.ok) expect(again.error.status).toBe(409);
		s = ok(join(s, 'p3', 'Bo', T0, 'seat-bo'));
		s = ok(join(s, 'p4', 'Gus', T0));
		s = ok(join(s, 'p5', 'Gus', T0));
		expect(Object.values(s.players).map((p) => [p.id, p.seat])).toEqual([
			['p1', 'seat-ann'],
			['p3', 'seat-bo'],
			['p4', undefined],
			['p5', undefined],
		]);
		// The player already in rejoins as they were (a phone that reloaded): no 409.
		expect(join(s, 'p1', 'Ann', T0 + 1, 'seat-ann').ok).toBe(true);
	});

	it('keeps a removed student out: their seat cannot come back as a new player (403)', () => {
		let s = newGame();
		s = ok(join(s, 'p1', 'Ann', T0, 'seat-ann'));
		s = ok(kick(s, 'p1', T0));
		const back = join(s, 'p2', 'Ann', T0 + 1, 'seat-ann');
		expect(back.ok).toBe(false);
		if (!back.ok) expect(back.error.status).toBe(403);
		// Another student's seat, and a guest, still join.
		expect(join(s, 'p3', 'Bo', T0 + 1, 'seat-bo').ok).toBe(true);
		expect(join(s, 'p4', 'Ann', T0 + 1).ok).toBe(true);
	});
});
