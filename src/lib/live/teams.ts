/**
 * Team mode: players are put in teams as they join, and a team's score is the average of its
 * players' scores, so a bigger team has no head start. Pure rules, as the rest of the game.
 *
 * - Joining: the smallest team, ties broken by the game's secret (so the first joiners are not
 *   dealt Red, Blue, Green… in the order they arrive, and nobody can pick a team by timing).
 *   Joins only ever fill the smallest team: sizes stay within one of each other until the
 *   teacher moves someone or removes a player.
 * - Moving: the teacher moves a player in the lobby only (see `moveToTeam` in game.ts).
 * - Team score: the average of the scores of every player in the team now, rounded to a whole
 *   point. A player whose phone dropped out still counts (the game cannot tell a closed tab from
 *   a lost connection, and a team must not raise its average by having its weakest player close
 *   the tab); a removed (kicked) player leaves the game with their answers and no longer counts.
 *   A team without players has no average and is left out of the standings.
 */
import { placesOf } from './ranking.ts';
import { secretShuffle } from './secret-order.ts';
import { playerList, type GameState, type Player } from './state.ts';

export interface Team {
	/** A stable name for the team, for code, tests and the messages' keys (live_team_<key>). */
	key: 'red' | 'blue' | 'green' | 'gold' | 'purple' | 'teal';
	/** Dark enough for white text (WCAG AA, 4.5:1), checked in tests/unit/live-teams.test.ts. */
	colour: string;
	/** As the screens (messages) and the results file say it. */
	name: { zh: string; en: string };
}

/** By team number; a game of n teams (LIMITS.teams) has the first n. The name is always shown with the colour. */
export const TEAMS: readonly Team[] = [
	{ key: 'red', colour: '#c62828', name: { en: 'Team Red', zh: '红队' } },
	{ key: 'blue', colour: '#1565c0', name: { en: 'Team Blue', zh: '蓝队' } },
	{ key: 'green', colour: '#2e7d32', name: { en: 'Team Green', zh: '绿队' } },
	{ key: 'gold', colour: '#8a6100', name: { en: 'Team Gold', zh: '金队' } },
	{ key: 'purple', colour: '#6a1b9a', name: { en: 'Team Purple', zh: '紫队' } },
	{ key: 'teal', colour: '#00695c', name: { en: 'Team Teal', zh: '青队' } },
];

/** The number of teams of the game; 0 without teams. */
export const teamCount = (state: GameState): number => state.settings.teams ?? 0;

/** A player's team, when the game has teams and the number is one of them. */
export function teamOf(state: GameState, player: Player): number | undefined {
	const t = player.team;
	return t !== undefined && Number.isInteger(t) && t >= 0 && t < teamCount(state) ? t : undefined;
}

/** How many players each team has, by team number (players are never changed in place). */
const sizes = new WeakMap<GameState['players'], readonly number[]>();

export function teamSizes(state: GameState): readonly number[] {
	let list = sizes.get(state.players);
	if (!list) {
		const counts = new Array<number>(teamCount(state)).fill(0);
		for (const p of playerList(state)) {
			const t = teamOf(state, p);
			if (t !== undefined) counts[t]++;
		}
		sizes.set(state.players, (list = counts));
	}
	return list;
}

/**
 * The team a new player joins: one of the smallest, chosen by the game's secret and the player's
 * id (drawn by the server), so neither the join order nor the nickname decides it.
 */
export function teamForNewPlayer(
	counts: readonly number[],
	secret: string,
	playerId: string,
): number {
	const least = Math.min(...counts);
	const smallest = counts.flatMap((n, t) => (n === least ? [t] : []));
	if (smallest.length === 1) return smallest[0];
	return secretShuffle(smallest, secret, `team:${playerId}`)[0];
}

/**
 * The players record after a join: the new player in the smallest team, and the sizes carried
 * over so the next join does not count the class again (2,000 joins would count two million).
 */
export function joinTeam(
	state: GameState,
	player: Player,
): { player: Player; counts?: readonly number[] } {
	if (teamCount(state) === 0) return { player };
	const counts = teamSizes(state);
	const team = teamForNewPlayer(counts, state.secret ?? state.code, player.id);
	return { player: { ...player, team }, counts: counts.map((n, t) => (t === team ? n + 1 : n)) };
}

/** Remembers the sizes of a players record made by a join (see joinTeam). */
export function rememberSizes(players: GameState['players'], counts: readonly number[]) {
	sizes.set(players, counts);
}

export interface TeamStanding {
	team: number;
	/** Players in the team now. */
	members: number;
	/** The average of their scores, rounded to a whole point. */
	score: number;
	/** Equal scores share a rank (1, 1, 3). */
	rank: number;
	tied: boolean;
}

/** The average of `scores`, rounded; 0 for none. */
export function averageScore(scores: readonly number[]): number {
	if (scores.length === 0) return 0;
	let sum = 0;
	for (const s of scores) sum += s;
	return Math.round(sum / scores.length);
}

const standingsByPlayers = new WeakMap<GameState['players'], readonly TeamStanding[]>();

/**
 * The teams with players, best average first (equal averages in team order, sharing a rank);
 * empty without teams. Made once per set of players: every result and every phone that
 * reconnects after a reveal asks for its team's place, none counts the class again.
 */
export function teamStandings(state: GameState): readonly TeamStanding[] {
	const n = teamCount(state);
	if (n === 0) return [];
	let list = standingsByPlayers.get(state.players);
	if (!list) {
		const members = Array.from({ length: n }, () => [] as number[]);
		for (const p of playerList(state)) {
			const t = teamOf(state, p);
			if (t !== undefined) members[t].push(p.score);
		}
		const rows = members
			.map((scores, team) => ({ team, members: scores.length, score: averageScore(scores) }))
			.filter((r) => r.members > 0)
			.sort((a, b) => b.score - a.score || a.team - b.team);
		const places = placesOf(rows.map((r) => r.score));
		list = rows.map((r, i) => ({ ...r, ...places[i] }));
		standingsByPlayers.set(state.players, list);
	}
	return list;
}

/** A player's team and, when it has players (it does: this one), its place among the teams. */
export function teamPlace(
	state: GameState,
	player: Player,
): { team: number; standing?: TeamStanding; of: number } | undefined {
	const team = teamOf(state, player);
	if (team === undefined) return undefined;
	const list = teamStandings(state);
	return { team, standing: list.find((s) => s.team === team), of: list.length };
}
