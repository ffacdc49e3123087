/**
 * The events of each phase, for the host and for each phone. Per-player data goes only to that
 * player, so a step sends O(players) events however large the class.
 */
import { storedParagraphs } from '../bank/schema.ts';
import type { LiveEvent, LiveEventOf } from './protocol.ts';
import { publicCorrect, publicQuestion } from './question.ts';
import { placesClimbed, placesOf, rankAmong } from './ranking.ts';
import { teamCount, teamOf, teamPlace, teamStandings } from './teams.ts';
import {
	answerOf,
	answersTo,
	playerList,
	type GameState,
	type Outbox,
	type Player,
} from './state.ts';

export const LEADERBOARD_SIZE = 5;
export const PODIUM_SIZE = 3;

export interface Standing {
	player: Player;
	/** Equal scores share a rank (1, 1, 3). */
	rank: number;
	tied: boolean;
}

/** By the players they rank (states are never changed, only replaced): see standings. */
const ranked = new WeakMap<GameState['players'], readonly Standing[]>();

/**
 * Best first; on equal scores the earlier joiner first, so the order does not flicker. Read-only,
 * as the same list is shared: it is made once per set of players, not once per caller (each of
 * 2,000 phones opening its stream asks for its rank, and sorting 2,000 players 2,000 times made
 * about 700 MB of garbage in a 2,000-player game).
 */
export function standings(state: GameState): readonly Standing[] {
	let list = ranked.get(state.players);
	if (!list) {
		const sorted = [...playerList(state)].sort(
			(a, b) => b.score - a.score || a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1),
		);
		const places = placesOf(sorted.map((p) => p.score));
		list = sorted.map((player, i) => ({ player, ...places[i] }));
		ranked.set(state.players, list);
	}
	return list;
}

const scored = (state: GameState) => state.settings.scoring !== 'none';
const top = (list: readonly Standing[], n: number) =>
	list.slice(0, n).map(({ player, rank, tied }) => ({
		nickname: player.nickname,
		score: player.score,
		rank,
		tied,
	}));

/**
 * A player's entry in the host's lobby list, made once per player (players are never changed in
 * place): the list is sent again at each join, and 2,000 joins would otherwise make two million
 * entries.
 */
const lobbyEntries = new WeakMap<Player, { id: string; nickname: string; team?: number }>();
function lobbyEntry(p: Player) {
	let entry = lobbyEntries.get(p);
	if (!entry) {
		const team = p.team === undefined ? {} : { team: p.team };
		lobbyEntries.set(p, (entry = { id: p.id, nickname: p.nickname, ...team }));
	}
	return entry;
}

/** With teams, the host hears how many (it draws the teams' boxes, even the empty ones). */
export function lobbyEvent(state: GameState, forHost: boolean): LiveEvent {
	const players = playerList(state);
	const teams = teamCount(state) > 0 ? { teams: teamCount(state) } : {};
	const list = forHost
		? {
				players: players.map(lobbyEntry),
				questions: state.questions.length,
				...teams,
			}
		: {};
	return { type: 'lobby', count: players.length, locked: state.locked, ...list };
}

export function meEvent(state: GameState, player: Player, rank?: number): LiveEvent {
	const score = scored(state) ? { score: player.score, ...(rank ? { rank } : {}) } : {};
	const t = teamOf(state, player);
	const team = t === undefined ? {} : { team: t };
	return { type: 'me', id: player.id, nickname: player.nickname, ...score, ...team };
}

/** A player's team and, with scores, its place among the teams that have players. */
function teamOutcome(state: GameState, player: Player) {
	const place = teamPlace(state, player);
	if (!place) return {};
	const { team, standing, of } = place;
	if (!scored(state) || !standing) return { team: { team } };
	return { team: { team, rank: standing.rank, tied: standing.tied, of, score: standing.score } };
}

/** The teams' standings (teams with players, best first), when there are scores and teams. */
function teamRows(state: GameState) {
	if (!scored(state) || teamCount(state) === 0) return {};
	return {
		teams: teamStandings(state).map(({ team, members, score, rank, tied }) => ({
			team,
			members,
			score,
			rank,
			tied,
		})),
	};
}

/** `answered` when the caller has counted already: counting 2,000 answers is not free. */
export function progressEvent(
	state: GameState,
	answered = answersTo(state, state.index).length,
): LiveEvent {
	return { type: 'progress', index: state.index, answered, total: playerList(state).length };
}

/** The host always sees the texts; phones only if the teacher wants them there. */
export function questionEvents(state: GameState, now: number): Outbox {
	const g = state.questions[state.index];
	const event = (withTexts: boolean): LiveEventOf<'question'> => ({
		type: 'question',
		index: state.index,
		total: state.questions.length,
		now,
		opensAt: state.openedAt ?? now,
		closesAt: state.closesAt ?? now,
		lang: state.settings.lang,
		question: publicQuestion(g, withTexts),
	});
	if (state.settings.optionsOnPhones) return { all: [event(true)] };
	return { host: [event(true)], allPlayers: [event(false)] };
}

export function revealEvent(state: GameState): LiveEvent {
	const g = state.questions[state.index];
	const q = g.question;
	const records = answersTo(state, state.index);
	let distribution: number[] | Record<string, number>;
	if (q.type === 'single' || q.type === 'multi') {
		distribution = q.options.map(() => 0);
		for (const { answer } of records) {
			const picks =
				answer.type === 'single' ? [answer.choice] : answer.type === 'multi' ? answer.choices : [];
			for (const p of picks) distribution[p]++;
		}
	} else if (q.type === 'truefalse') {
		const yes = records.filter((r) => r.answer.type === 'truefalse' && r.answer.value).length;
		distribution = { true: yes, false: records.length - yes };
	} else {
		const right = records.filter((r) => r.correct).length;
		distribution = { right, wrong: records.length - right };
	}
	return {
		type: 'reveal',
		index: state.index,
		// Revealed, the question's id is no secret: a phone uses it to add the question to its reviews.
		id: q.id,
		correct: publicCorrect(g),
		distribution,
		explanation: { zh: q.explanation.zh, en: q.explanation.en },
		// A game saved before questions could cite several paragraphs holds `{ paragraph }`.
		paragraphs: storedParagraphs(q.source),
	};
}

export function resultEvent(state: GameState, s: Standing, index = state.index): LiveEvent {
	const record = answerOf(state, index, s.player.id);
	const base = {
		index,
		answered: !!record,
		correct: record?.correct ?? false,
		...(record?.accepted ? { accepted: true } : {}),
	};
	const team = teamOutcome(state, s.player);
	if (!scored(state)) return { type: 'result', ...base, ...team };
	const points = record?.points ?? 0;
	const score = { points, total: s.player.score, rank: s.rank, tied: s.tied };
	return { type: 'result', ...base, ...score, ...team };
}

/** Everyone sees the reveal; each player its own result. */
export function revealEvents(state: GameState): Outbox {
	const list = standings(state);
	const players = Object.fromEntries(list.map((s) => [s.player.id, [resultEvent(state, s)]]));
	return { all: [revealEvent(state)], players };
}

/**
 * The best five, each with the points of the question just revealed and the places they
 * climbed with them (ranked among everyone's scores before that question).
 */
export function leaderboardEvent(state: GameState): LiveEvent {
	const list = standings(state);
	const gained = (p: Player) => answerOf(state, state.index, p.id)?.points ?? 0;
	const rankBefore = rankAmong(list.map(({ player }) => player.score - gained(player)));
	const rows = top(list, LEADERBOARD_SIZE).map((row, i) => {
		const player = list[i].player;
		const points = gained(player);
		return {
			...row,
			gained: points,
			up: placesClimbed(rankBefore(player.score - points), row.rank),
		};
	});
	return { type: 'leaderboard', top: rows, ...teamRows(state) };
}

function endEvent(state: GameState, list: readonly Standing[], s?: Standing): LiveEvent {
	const podium = scored(state) ? top(list, PODIUM_SIZE) : [];
	const teams = teamRows(state);
	if (!s) return { type: 'end', podium, ...teams };
	const asked = [...Array(state.asked).keys()];
	const correct = asked.filter((i) => answerOf(state, i, s.player.id)?.correct).length;
	const score = scored(state) ? { score: s.player.score, rank: s.rank, tied: s.tied } : {};
	const you = { ...score, correct, questions: state.asked, ...teamOutcome(state, s.player) };
	return { type: 'end', podium, you };
}

export function endEvents(state: GameState): Outbox {
	const list = standings(state);
	const players = Object.fromEntries(list.map((s) => [s.player.id, [endEvent(state, list, s)]]));
	return { host: [endEvent(state, list)], players };
}
