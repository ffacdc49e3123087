// What the projector and the phones show, from the events they read: a real game's events (the
// pure game, as the server would send them) drive the views of the host and of one player.
import { describe, expect, it } from 'vitest';
import {
	acceptAnswer,
	answer,
	createGame,
	end,
	eventsFor,
	hostAction,
	join,
	start,
	type GameState,
	type Step,
} from '../../src/lib/live/game.ts';
import type { Question } from '../../src/lib/bank/schema.ts';
import type { LiveEvent, LiveEventOf } from '../../src/lib/live/protocol.ts';
import {
	answeredOutcomes,
	applyEvent,
	correctPositions,
	emptyView,
	isOpen,
	hostShortcut,
	isNearEnd,
	isReading,
	secondsLeft,
	timeLeftShare,
	stageOf,
	wrongAnswersShown,
	type LiveView,
} from '../../src/lib/live/view.ts';
import { SETTINGS, short, single, truefalse } from './live-fixtures.ts';

const T0 = 1_700_000_000_000;

/** One game played through the pure rules, with each screen's view following its events. */
function table(questions: Question[] = [single, truefalse]) {
	let state: GameState;
	const views: Record<string, LiveView> = { host: emptyView(), ann: emptyView() };
	const apply = (step: Step) => {
		if (!step.ok) throw new Error(step.error.message);
		state = step.state;
		for (const who of Object.keys(views))
			for (const e of eventsFor(step.events, who)) views[who] = applyEvent(views[who], e);
	};
	const created = createGame(
		'123456',
		{ ...SETTINGS, readingSeconds: 0, count: questions.length },
		questions,
		T0,
		'secret-0123456789abcdef',
	);
	if (!created.ok) throw new Error(created.error.message);
	state = created.state;
	apply(join(state, 'ann', 'Ann', T0));
	return {
		views,
		get state() {
			return state;
		},
		apply,
		host: (action: object, now = T0) => apply(hostAction(state, action, now)),
	};
}

describe('a screen’s view of the game', () => {
	it('follows a game from the lobby to the end, on the projector and on a phone', () => {
		const game = table();
		expect(stageOf(game.views.host)).toBe('lobby');
		expect(game.views.host.lobby?.players).toEqual([{ id: 'ann', nickname: 'Ann' }]);
		expect(stageOf(game.views.ann)).toBe('lobby');
		expect(game.views.ann.me).toMatchObject({ nickname: 'Ann' });

		game.apply(start(game.state, T0));
		expect(stageOf(game.views.ann)).toBe('question');
		game.apply(answer(game.state, 'ann', 0, { type: 'single', choice: 0 }, T0 + 1000));
		expect(stageOf(game.views.host)).toBe('reveal');
		expect(stageOf(game.views.ann)).toBe('reveal');
		const revealed = game.views.ann.reveal?.correct;
		const right = revealed?.type === 'single' && revealed.position === 0;
		expect(game.views.ann.result).toMatchObject({ index: 0, answered: true, correct: right });

		game.host({ action: 'next' });
		expect(stageOf(game.views.host)).toBe('leaderboard');
		game.host({ action: 'next' }, T0 + 5000);
		// A new question starts afresh: the last one's reveal, result and board are gone.
		expect(stageOf(game.views.ann)).toBe('question');
		expect(game.views.ann.question?.index).toBe(1);
		expect(game.views.ann.reveal).toBeUndefined();
		expect(game.views.ann.result).toBeUndefined();
		expect(game.views.ann.leaderboard).toBeUndefined();

		game.apply(end(game.state));
		expect(stageOf(game.views.host)).toBe('end');
		expect(stageOf(game.views.ann)).toBe('end');
		expect(game.views.ann.end?.you).toMatchObject({ questions: 1 });
		// Only the revealed question, with its id and whether it was right, goes to the reviews.
		expect(answeredOutcomes(game.views.ann.outcomes)).toEqual([{ id: 'capital', correct: right }]);
	});

	it('keeps what it had when the same question comes again as answers open', () => {
		const question: LiveEventOf<'question'> = {
			type: 'question',
			index: 0,
			total: 2,
			now: T0,
			opensAt: T0 + 5000,
			closesAt: T0 + 25_000,
			question: { type: 'truefalse', prompt: { zh: '对吗？', en: 'True?' } },
		};
		let view = applyEvent(emptyView(), question);
		view = applyEvent(view, { type: 'answered', index: 0 });
		view = applyEvent(view, { type: 'progress', index: 0, answered: 1, total: 3 });
		view = applyEvent(view, { ...question, now: T0 + 5000 });
		expect(view.answered).toBe(0);
		expect(view.progress?.answered).toBe(1);
		expect(view.question?.now).toBe(T0 + 5000);
	});

	it('takes a result accepted after the game for the reviews, not for the screen', () => {
		let view = applyEvent(emptyView({ 0: { id: 'river', answered: true, correct: false } }), {
			type: 'question',
			index: 1,
			total: 2,
			now: T0,
			opensAt: T0,
			closesAt: T0 + 20_000,
			question: { type: 'short', prompt: { zh: '河？', en: 'River?' } },
		});
		const late: LiveEvent = {
			type: 'result',
			index: 0,
			answered: true,
			correct: true,
			accepted: true,
		};
		view = applyEvent(view, late);
		expect(view.result).toBeUndefined();
		expect(view.outcomes[0]).toEqual({ id: 'river', answered: true, correct: true });
		expect(answeredOutcomes(view.outcomes)).toEqual([{ id: 'river', correct: true }]);
	});

	it('shows the host the typed answers marked wrong at this question only', () => {
		const game = table([short, truefalse]);
		game.apply(start(game.state, T0));
		game.apply(answer(game.state, 'ann', 0, { type: 'short', text: 'Tone' }, T0 + 1000));
		const shown = wrongAnswersShown(game.views.host);
		expect(shown?.groups).toEqual([{ text: 'Tone', count: 1, accepted: false }]);
		game.apply(acceptAnswer(game.state, 0, 'Tone'));
		expect(wrongAnswersShown(game.views.host)?.groups[0].accepted).toBe(true);
		expect(game.views.ann.result).toMatchObject({ correct: true, accepted: true });
		game.host({ action: 'next' });
		game.host({ action: 'next' }, T0 + 5000);
		expect(wrongAnswersShown(game.views.host)).toBeUndefined();
	});

	it('says whether a phone was removed before anything else', () => {
		const view = applyEvent(applyEvent(emptyView(), { type: 'end', podium: [] }), {
			type: 'kicked',
		});
		expect(stageOf(view)).toBe('kicked');
	});
});

describe('what a question screen shows of the reveal and the clock', () => {
	const reveal = (correct: LiveEventOf<'reveal'>['correct']): LiveEventOf<'reveal'> => ({
		type: 'reveal',
		index: 0,
		correct,
		distribution: [0, 0, 0],
		explanation: { zh: '因为', en: 'Because' },
		paragraphs: [1],
	});

	it('marks the right options in the positions shown, for choice questions only', () => {
		expect(correctPositions(undefined)).toBeUndefined();
		expect(correctPositions(reveal({ type: 'single', position: 2 }))).toEqual([2]);
		expect(correctPositions(reveal({ type: 'multi', positions: [0, 3] }))).toEqual([0, 3]);
		expect(correctPositions(reveal({ type: 'truefalse', value: true }))).toBeUndefined();
	});

	it('counts down in whole seconds of the server’s clock, after the reading time', () => {
		const q: LiveEventOf<'question'> = {
			type: 'question',
			index: 0,
			total: 1,
			now: T0,
			opensAt: T0 + 3000,
			closesAt: T0 + 23_000,
			question: { type: 'truefalse', prompt: { zh: '对吗？', en: 'True?' } },
		};
		expect(isReading(q, T0 + 2999)).toBe(true);
		expect(isOpen(q, T0 + 2999)).toBe(false);
		expect(isOpen(q, T0 + 3000)).toBe(true);
		expect(secondsLeft(q, T0 + 3000)).toBe(20);
		expect(secondsLeft(q, T0 + 22_001)).toBe(1);
		expect(isOpen(q, T0 + 23_000)).toBe(true);
		expect(isOpen(q, T0 + 23_001)).toBe(false);
		expect(secondsLeft(q, T0 + 30_000)).toBe(0);
		// The ring or bar: full while reading, draining while open, empty once closed.
		expect(timeLeftShare(q, T0)).toBe(1);
		expect(timeLeftShare(q, T0 + 13_000)).toBe(0.5);
		expect(timeLeftShare(q, T0 + 30_000)).toBe(0);
		// Its colour changes for the last five seconds, never during the reading time.
		expect(isNearEnd(q, T0 + 17_999)).toBe(false);
		expect(isNearEnd(q, T0 + 18_000)).toBe(true);
		expect(isNearEnd({ ...q, closesAt: T0 + 5000 }, T0 + 1000)).toBe(false);
	});
});

describe('hostShortcut', () => {
	it('shows the answer during a question and goes on after it and after the leaderboard', () => {
		for (const key of [' ', 'ArrowRight']) {
			expect(hostShortcut('question', key)).toBe('reveal');
			expect(hostShortcut('reveal', key)).toBe('next');
			expect(hostShortcut('leaderboard', key)).toBe('next');
		}
	});
	it('never starts or ends a game, and ignores other keys', () => {
		expect(hostShortcut('lobby', ' ')).toBeUndefined();
		expect(hostShortcut('end', 'ArrowRight')).toBeUndefined();
		expect(hostShortcut('question', 'Enter')).toBeUndefined();
		expect(hostShortcut('reveal', 'ArrowLeft')).toBeUndefined();
	});
});
