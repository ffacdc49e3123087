/**
 * What a live game hosted for a class leaves in the class when it ends: for each student who
 * played (a player with a seat), each question asked and revealed, right or not, and their totals
 * — right answers apart from the game's speed points, which measure quickness as much as
 * knowledge. Guests (players without a seat) and removed players leave nothing. Pure, from the
 * game's state, so whichever instance ends the game (or ends it again after a restart) writes
 * the same rows.
 */
import type { Answer } from '../quiz/check.ts';
import { toBankAnswer } from '../live/grade.ts';
import { answerOf, playerList, type GameState } from '../live/state.ts';

/** One student's answer to one question; a question they let pass has none. */
export interface ClassGameAnswer {
	seatId: string;
	questionId: string;
	/** In the bank's positions (the phone's are the game's shuffled ones), as homework keeps it. */
	answer: Answer | null;
	correct: boolean;
	/** 0 or 1 (live questions have no partial credit). */
	score: number;
	/** From the question opening to the answer. */
	timeMs: number;
}

/** One student's totals in the game. */
export interface ClassGameSeat {
	seatId: string;
	/** Questions answered (of `questionIds`). */
	answered: number;
	/** Right answers, including those the host accepted. */
	right: number;
	/** The game's points (speed and streaks); 0 in a game without scores. */
	points: number;
}

export interface ClassGameResults {
	/** The same for one game whichever instance records it: its code and when it was made. */
	id: string;
	classId: string;
	code: string;
	/** Deck keys the game drew from ("bank/deck"), the host's own decks included. */
	decks: string[];
	/** The questions asked and revealed, in order; one ended before its reveal is not here. */
	questionIds: string[];
	playedAt: number;
	endedAt: number;
	seats: ClassGameSeat[];
	answers: ClassGameAnswer[];
}

/** The id a class keeps a game under: a join code is used again by later games. */
export const classGameId = (state: Pick<GameState, 'code' | 'createdAt'>): string =>
	`${state.code}-${state.createdAt}`;

/** The game's results for its class, or undefined when it was not hosted for one. */
export function classGameResults(state: GameState, endedAt: number): ClassGameResults | undefined {
	const classId = state.settings.classId;
	if (classId === undefined) return undefined;
	const asked = state.questions.slice(0, state.asked);
	const seats: ClassGameSeat[] = [];
	const answers: ClassGameAnswer[] = [];
	for (const player of playerList(state)) {
		if (player.seat === undefined) continue;
		const seatId = player.seat;
		let answered = 0;
		let right = 0;
		asked.forEach((g, index) => {
			const r = answerOf(state, index, player.id);
			if (!r) return;
			const bank = toBankAnswer(g, r.answer);
			answered++;
			right += r.score;
			answers.push({
				seatId,
				questionId: g.question.id,
				answer: typeof bank === 'string' ? null : bank,
				correct: r.correct,
				score: r.score,
				timeMs: Math.max(0, Math.round(r.elapsedMs)),
			});
		});
		seats.push({ seatId, answered, right, points: player.score });
	}
	return {
		id: classGameId(state),
		classId,
		code: state.code,
		decks: [...state.settings.decks],
		questionIds: asked.map((g) => g.question.id),
		playedAt: state.createdAt,
		endedAt,
		seats,
		answers,
	};
}
