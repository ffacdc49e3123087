// Team mode's rules: players join the smallest team (ties drawn by the game's secret), the teacher
// moves them in the lobby only, a team's score is its players' average, and all of it survives a
// restart, old games without teams included.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/lib/bank/schema.ts';
import {
	answer,
	createGame,
	end,
	eventsFor,
	hostAction,
	join,
	kick,
	reconnectSnapshot,
	results,
	resultsCsv,
	reveal,
	showLeaderboard,
	start,
	type GameState,
	type Step,
} from '../../src/lib/live/game.ts';
import { contrastRatio, TILE_TEXT } from '../../src/lib/live/marks.ts';
import { CreateGame, LIMITS, LiveEvent, type LiveEventOf } from '../../src/lib/live/protocol.ts';
import {
	averageScore,
	teamForNewPlayer,
	TEAMS,
	teamSizes,
	teamStandings,
} from '../../src/lib/live/teams.ts';
import { restoredGames } from '../../src/lib/server/live/restore.ts';
import type { StoredGame } from '../../src/lib/server/live/store.ts';
import { GAME_SETTINGS, SETTINGS, singleQuestion, testHubs } from './live-fixtures.ts';

const T0 = 1_700_000_000_000;
const CODE = '042042';
const SECRET = 'test-secret-0123456789abcdef';
const QUESTIONS: Question[] = [singleQuestion('q1'), singleQuestion('q2'), singleQuestion('q3')];

function ok(step: Step): { state: GameState; events: Extract<Step, { ok: true }>['events'] } {
	if (!step.ok) throw new Error(`refused: ${step.error.status} ${step.error.message}`);
	return step;
}

function refused(step: Step, status: number, message?: RegExp) {
	expect(step.ok).toBe(false);
	if (step.ok) return;
	expect(step.error.status).toBe(status);
	if (message) expect(step.error.message).toMatch(message);
}

function newGame(settings: Partial<CreateGame> = {}, secret = SECRET) {
	const s = { ...SETTINGS, types: ['single' as const], readingSeconds: 0, ...settings };
	return ok(createGame(CODE, s, QUESTIONS, T0, secret)).state;
}

function withPlayers(state: GameState, n: number, prefix = 'p') {
	let s = state;
	for (let i = 1; i <= n; i++) s = ok(join(s, `${prefix}${i}`, `Player ${i}`, T0)).state;
	return s;
}

const sizesOf = (s: GameState, teams: number) => {
	const counts = new Array<number>(teams).fill(0);
	for (const p of Object.values(s.players)) counts[p.team!]++;
	return counts;
};
const spread = (counts: readonly number[]) => Math.max(...counts) - Math.min(...counts);

/** The shown position of the right (first) option, or a wrong one. */
const pick = (s: GameState, right: boolean) => ({
	type: 'single' as const,
	choice: s.questions[s.index].optionOrder!.indexOf(right ? 0 : 1),
});

/** Plays the current question: `right[id]` says who answers right, wrong, or (absent) not at all. */
function play(s: GameState, right: Record<string, boolean>, now = T0 + 1000): GameState {
	let state = s;
	for (const [id, r] of Object.entries(right)) {
		state = ok(answer(state, id, state.index, pick(state, r), now)).state;
	}
	return state.phase === 'revealed' ? state : ok(reveal(state, now)).state;
}

const ofType = <T extends LiveEvent['type']>(events: LiveEvent[], type: T) =>
	events.filter((e): e is LiveEventOf<T> => e.type === type);

/** A game of `teams` teams whose players are placed by hand (team → player ids). */
function placed(teams: number, layout: string[][], settings: Partial<CreateGame> = {}) {
	let s = newGame({ teams, ...settings });
	layout.forEach((ids) => {
		for (const id of ids) s = ok(join(s, id, id, T0)).state;
	});
	layout.forEach((ids, team) => {
		for (const id of ids) s = ok(hostAction(s, { action: 'team', playerId: id, team }, T0)).state;
	});
	return s;
}

describe('the teams', () => {
	it('are six, with distinct keys, each colour readable with white text', () => {
		expect(TEAMS).toHaveLength(LIMITS.teams[1]);
		expect(new Set(TEAMS.map((t) => t.key)).size).toBe(TEAMS.length);
		for (const t of TEAMS) expect(contrastRatio(t.colour, TILE_TEXT)).toBeGreaterThanOrEqual(4.5);
	});

	it('are named on screens as in the results file, in both languages', () => {
		const en = JSON.parse(readFileSync('messages/en.json', 'utf8'));
		const zh = JSON.parse(readFileSync('messages/zh-CN.json', 'utf8'));
		for (const t of TEAMS) {
			expect(en[`live_team_${t.key}`]).toBe(t.name.en);
			expect(zh[`live_team_${t.key}`]).toBe(t.name.zh);
		}
	});

	it('are off by default, and a game asks for 2 to 6', () => {
		expect(newGame().settings.teams).toBeUndefined();
		for (const teams of [2, 6])
			expect(v.safeParse(CreateGame, { ...SETTINGS, teams }).success).toBe(true);
		for (const teams of [0, 1, 7, 2.5, '3'])
			expect(v.safeParse(CreateGame, { ...SETTINGS, teams }).success).toBe(false);
	});
});

describe('joining a team', () => {
	it('gives no team without team mode', () => {
		const s = withPlayers(newGame(), 3);
		expect(Object.values(s.players).every((p) => p.team === undefined)).toBe(true);
		expect(teamStandings(s)).toEqual([]);
		expect(ofType(reconnectSnapshot(s, 'p1', T0), 'me')[0]).not.toHaveProperty('team');
		expect(ofType(reconnectSnapshot(s, 'host', T0), 'lobby')[0]).not.toHaveProperty('teams');
	});

	it('keeps the teams balanced as a class joins (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }),
				fc.nat(60),
				fc.string({ minLength: 16, maxLength: 24 }),
				(teams, players, secret) => {
					let s = newGame({ teams }, secret);
					for (let i = 1; i <= players; i++) {
						s = ok(join(s, `p${i}`, `Player ${i}`, T0)).state;
						const counts = sizesOf(s, teams);
						expect(spread(counts)).toBeLessThanOrEqual(1);
						// The sizes carried from join to join are the counted ones.
						expect(teamSizes(s)).toEqual(counts);
					}
				},
			),
			{ numRuns: 200 },
		);
	});

	it('puts each join in a smallest team after moves and removals too (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 6 }),
				fc.array(
					fc.oneof(
						fc.record({ kind: fc.constant('join' as const) }),
						fc.record({ kind: fc.constant('move' as const), who: fc.nat(30), team: fc.nat(5) }),
						fc.record({ kind: fc.constant('kick' as const), who: fc.nat(30) }),
					),
					{ maxLength: 60 },
				),
				(teams, script) => {
					let s = newGame({ teams });
					let joined = 0;
					for (const a of script) {
						const ids = Object.keys(s.players);
						if (a.kind === 'join') {
							const before = sizesOf(s, teams);
							s = ok(join(s, `p${++joined}`, `Player ${joined}`, T0)).state;
							const team = s.players[`p${joined}`].team!;
							expect(before[team]).toBe(Math.min(...before));
							// A join never widens the gap between the largest and the smallest team.
							expect(spread(sizesOf(s, teams))).toBeLessThanOrEqual(Math.max(1, spread(before)));
						} else if (ids.length > 0) {
							const id = ids[a.who % ids.length];
							const step =
								a.kind === 'move'
									? hostAction(s, { action: 'team', playerId: id, team: a.team % teams }, T0)
									: kick(s, id, T0);
							s = ok(step).state;
						}
						expect(teamSizes(s)).toEqual(sizesOf(s, teams));
					}
				},
			),
			{ numRuns: 200 },
		);
	});

	it('draws ties by the secret, not by the order of joining', () => {
		const first = new Set<number>();
		for (let i = 0; i < 40; i++) {
			const s = withPlayers(newGame({ teams: 4 }, `secret-${i}-0123456789abcdef`), 1);
			first.add(s.players.p1.team!);
		}
		// The first to join is not always in Team Red.
		expect(first.size).toBeGreaterThan(1);
		// The same game deals the same teams again (a restarted server, a replayed join).
		const a = withPlayers(newGame({ teams: 3 }), 7);
		const b = withPlayers(newGame({ teams: 3 }), 7);
		expect(sizesOf(a, 3)).toEqual(sizesOf(b, 3));
		expect(Object.values(a.players).map((p) => p.team)).toEqual(
			Object.values(b.players).map((p) => p.team),
		);
		expect(teamForNewPlayer([2, 1, 1, 2], SECRET, 'x')).toBeOneOf([1, 2]);
		expect(teamForNewPlayer([2, 2, 0], SECRET, 'x')).toBe(2);
	});

	it('puts a late joiner in a team too', () => {
		const s = ok(start(withPlayers(newGame({ teams: 2 }), 3), T0)).state;
		const late = ok(join(s, 'late', 'Late', T0 + 10)).state;
		expect(late.players.late.team).toBe(sizesOf(s, 2).indexOf(1));
	});

	it('tells the phone its team, and the host every player’s', () => {
		const step = ok(join(newGame({ teams: 3 }), 'p1', 'Ann', T0));
		const team = step.state.players.p1.team;
		expect(ofType(eventsFor(step.events, 'p1'), 'me')[0]).toMatchObject({ team });
		const lobby = ofType(eventsFor(step.events, 'host'), 'lobby')[0];
		expect(lobby).toMatchObject({ teams: 3, players: [{ id: 'p1', nickname: 'Ann', team }] });
		// Phones hear the count only.
		const other = ok(join(step.state, 'p2', 'Bo', T0));
		expect(ofType(eventsFor(other.events, 'p1'), 'lobby')).toEqual([]);
	});
});

describe('the teacher moves a player', () => {
	const lobby = () => withPlayers(newGame({ teams: 3 }), 4);

	it('to another team in the lobby; the host and that phone hear it', () => {
		const s = lobby();
		const to = (s.players.p1.team! + 1) % 3;
		const step = ok(hostAction(s, { action: 'team', playerId: 'p1', team: to }, T0));
		expect(step.state.players.p1.team).toBe(to);
		expect(ofType(eventsFor(step.events, 'p1'), 'me')[0]).toMatchObject({ id: 'p1', team: to });
		expect(ofType(eventsFor(step.events, 'p2'), 'me')).toEqual([]);
		const host = ofType(eventsFor(step.events, 'host'), 'lobby')[0];
		expect(host.players!.find((p) => p.id === 'p1')).toMatchObject({ team: to });
		// A phone that reconnects hears its new team.
		expect(ofType(reconnectSnapshot(step.state, 'p1', T0), 'me')[0]).toMatchObject({ team: to });
	});

	it('nowhere once the game has started, nor without teams, nor to a team the game lacks', () => {
		const s = lobby();
		refused(
			hostAction(ok(start(s, T0)).state, { action: 'team', playerId: 'p1', team: 0 }, T0),
			409,
			/fixed/,
		);
		refused(
			hostAction(withPlayers(newGame(), 1), { action: 'team', playerId: 'p1', team: 0 }, T0),
			409,
			/no teams/,
		);
		refused(hostAction(s, { action: 'team', playerId: 'p1', team: 3 }, T0), 400);
		refused(hostAction(s, { action: 'team', playerId: 'p1', team: 6 }, T0), 400);
		refused(hostAction(s, { action: 'team', playerId: 'nobody', team: 0 }, T0), 404);
		refused(hostAction(s, { action: 'team', playerId: 'p1' }, T0), 400, /team needs/);
		refused(hostAction(s, { action: 'team', team: 1 }, T0), 400, /team needs/);
	});

	it('changes nothing when the player is already in that team', () => {
		const s = lobby();
		const step = ok(hostAction(s, { action: 'team', playerId: 'p1', team: s.players.p1.team }, T0));
		expect(step.state).toBe(s);
		expect(step.events).toEqual({});
	});
});

describe('a team’s score', () => {
	it('is the average of its players’ scores, whatever the team sizes (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('speed' as const, 'accuracy' as const),
				fc.integer({ min: 2, max: 4 }),
				fc.integer({ min: 1, max: 9 }),
				fc.array(
					fc.array(fc.constantFrom(true, false, undefined), { minLength: 9, maxLength: 9 }),
					{
						minLength: 1,
						maxLength: 3,
					},
				),
				(scoring, teams, players, rounds) => {
					let s = ok(start(withPlayers(newGame({ teams, scoring }), players), T0)).state;
					rounds.forEach((round, q) => {
						if (q > 0) s = ok(hostAction(s, { action: 'next' }, T0 + q * 100_000)).state;
						if (s.phase === 'leaderboard') s = ok(hostAction(s, { action: 'next' }, T0)).state;
						const right: Record<string, boolean> = {};
						Object.keys(s.players).forEach((id, i) => {
							if (round[i] !== undefined) right[id] = round[i]!;
						});
						s = play(s, right, s.openedAt! + 1000 * (q + 1));
					});
					const rows = teamStandings(s);
					for (const row of rows) {
						const members = Object.values(s.players).filter((p) => p.team === row.team);
						expect(row.members).toBe(members.length);
						const sum = members.reduce((a, p) => a + p.score, 0);
						expect(row.score).toBe(Math.round(sum / members.length));
					}
					// Every team with players is ranked, best first; equal averages share a rank.
					expect(rows.reduce((n, r) => n + r.members, 0)).toBe(players);
					for (let i = 1; i < rows.length; i++) {
						expect(rows[i].score).toBeLessThanOrEqual(rows[i - 1].score);
						if (rows[i].score === rows[i - 1].score) expect(rows[i].rank).toBe(rows[i - 1].rank);
						else expect(rows[i].rank).toBe(i + 1);
					}
				},
			),
			{ numRuns: 150 },
		);
	});

	it('is rounded to a whole point', () => {
		expect(averageScore([1000, 0, 0])).toBe(333);
		expect(averageScore([1000, 1000, 0])).toBe(667);
		expect(averageScore([])).toBe(0);
	});

	it('does not grow with the team: one right player beats two of whom one was wrong', () => {
		// Accuracy scoring: 1000 points a right answer.
		let s = placed(2, [['a1', 'a2'], ['b1']], { scoring: 'accuracy' });
		s = play(ok(start(s, T0)).state, { a1: true, a2: false, b1: true });
		expect(teamStandings(s)).toEqual([
			{ team: 1, members: 1, score: 1000, rank: 1, tied: false },
			{ team: 0, members: 2, score: 500, rank: 2, tied: false },
		]);
		const board = ofType(eventsFor(ok(showLeaderboard(s)).events, 'host'), 'leaderboard')[0];
		expect(board.teams).toEqual(teamStandings(s));
	});

	it('counts a player who stopped answering; a removed player leaves the team', () => {
		let s = placed(
			2,
			[
				['a1', 'a2'],
				['b1', 'b2'],
			],
			{ scoring: 'accuracy' },
		);
		// a2's phone has gone: no answer, still in Team Red, whose average it halves.
		s = play(ok(start(s, T0)).state, { a1: true, b1: true, b2: true });
		expect(teamStandings(s).map((r) => [r.team, r.score])).toEqual([
			[1, 1000],
			[0, 500],
		]);
		// Removed, a2 counts no more.
		s = ok(kick(s, 'a2', T0)).state;
		expect(teamStandings(s)).toEqual([
			{ team: 0, members: 1, score: 1000, rank: 1, tied: true },
			{ team: 1, members: 2, score: 1000, rank: 1, tied: true },
		]);
	});

	it('leaves a team without players out of the standings', () => {
		let s = placed(3, [['a1'], ['b1']], { scoring: 'accuracy' });
		s = play(ok(start(s, T0)).state, { a1: false, b1: true });
		expect(teamStandings(s).map((r) => r.team)).toEqual([1, 0]);
		const result = ofType(reconnectSnapshot(s, 'a1', T0), 'result')[0];
		expect(result.team).toEqual({ team: 0, rank: 2, tied: false, of: 2, score: 0 });
	});

	it('tells each phone its team’s place with its result, and at the end', () => {
		let s = ok(start(placed(2, [['a1', 'a2'], ['b1']]), T0)).state;
		s = ok(answer(s, 'a1', 0, pick(s, true), T0 + 1000)).state;
		s = ok(answer(s, 'a2', 0, pick(s, true), T0 + 1000)).state;
		const revealed = ok(answer(s, 'b1', 0, pick(s, false), T0 + 1000));
		s = revealed.state;
		expect(s.phase).toBe('revealed');
		expect(ofType(eventsFor(revealed.events, 'b1'), 'result')[0].team).toEqual({
			team: 1,
			rank: 2,
			tied: false,
			of: 2,
			score: 0,
		});
		const ended = ok(end(s));
		const host = ofType(eventsFor(ended.events, 'host'), 'end')[0];
		expect(host.teams?.map((t) => t.team)).toEqual([0, 1]);
		const you = ofType(eventsFor(ended.events, 'a1'), 'end')[0].you;
		expect(you?.team).toMatchObject({ team: 0, rank: 1, of: 2 });
		for (const e of [...eventsFor(ended.events, 'host'), ...eventsFor(ended.events, 'a1')])
			expect(v.safeParse(LiveEvent, e).success).toBe(true);
	});

	it('is not shown without scores: the phone hears only its team', () => {
		let s = placed(2, [['a1'], ['b1']], { scoring: 'none' });
		s = play(ok(start(s, T0)).state, { a1: true, b1: false });
		expect(ofType(reconnectSnapshot(s, 'a1', T0), 'result')[0].team).toEqual({ team: 0 });
		refused(showLeaderboard(s), 409);
		const ended = ok(end(s));
		expect(ofType(eventsFor(ended.events, 'host'), 'end')[0]).not.toHaveProperty('teams');
		expect(ofType(eventsFor(ended.events, 'a1'), 'end')[0].you?.team).toEqual({ team: 0 });
	});
});

describe('the results with teams', () => {
	it('name each player’s team, and rank the teams', () => {
		let s = placed(2, [['a1', 'a2'], ['b1']], { scoring: 'accuracy' });
		s = play(ok(start(s, T0)).state, { a1: true, a2: false, b1: true });
		const r = results(s, 'en');
		expect(r.players.map((p) => [p.id, p.team])).toEqual([
			['a1', 0],
			['b1', 1],
			['a2', 0],
		]);
		expect(r.teams).toEqual([...teamStandings(s)]);
		const en = resultsCsv(s, 'en').split('\r\n');
		expect(en[0]).toMatch(/^"rank","nickname","team","score",/);
		expect(en[1]).toMatch(/^"1","a1","Team Red","1000",/);
		expect(resultsCsv(s, 'zh').split('\r\n')[2]).toMatch(/^"1","b1","蓝队","1000",/);
	});

	it('have no team column without teams', () => {
		const s = play(ok(start(withPlayers(newGame(), 2), T0)).state, { p1: true });
		expect(resultsCsv(s, 'en').split('\r\n')[0]).toMatch(/^"rank","nickname","score",/);
		expect(results(s, 'en')).not.toHaveProperty('teams');
		expect(results(s, 'en').players[0]).not.toHaveProperty('team');
	});
});

describe('teams after a restart', () => {
	const row = (snapshot: GameState, joined: GameState['players'][string][] = []): StoredGame => ({
		code: CODE,
		state: JSON.stringify({ ...snapshot, answers: {} }),
		ended: false,
		tokens: [{ hash: 'h-host', role: 'host', playerId: null }],
		players: joined.map((p) => ({ playerId: p.id, record: JSON.stringify(p) })),
		answers: [],
		events: [],
	});

	it('keep a moved player’s team over the team it joined', () => {
		const s = placed(3, [['a1', 'a2'], ['b1']]);
		const joinedAs = { ...s.players.b1, team: 2 };
		const [game] = restoredGames([row(s, [joinedAs])]);
		expect(game.state.settings.teams).toBe(3);
		expect(game.state.players.b1.team).toBe(1);
		expect(teamStandings(game.state)).toEqual(teamStandings(s));
	});

	it('restore a game saved before teams existed, as a game without teams', () => {
		const s = withPlayers(newGame(), 2);
		const old = JSON.parse(JSON.stringify(s)) as GameState;
		delete old.settings.teams;
		for (const p of Object.values(old.players)) delete p.team;
		const [game] = restoredGames([row(old)]);
		const restored = ok(start(game.state, T0)).state;
		expect(teamStandings(restored)).toEqual([]);
		const later = ok(join(restored, 'p9', 'Late', T0)).state;
		expect(later.players.p9.team).toBeUndefined();
		expect(resultsCsv(later, 'en')).not.toContain('"team"');
	});

	const hubs = testHubs();

	it('are kept by the server across a restart, moves included', async () => {
		const path = hubs.dbFile();
		const first = await hubs.start({}, path);
		const created = await first.create({ ...GAME_SETTINGS, teams: 2 });
		if (!created.ok) throw new Error(created.error.message);
		const { code, hostToken } = created.value;
		const tokens: Record<string, string> = {};
		for (const nickname of ['Ann', 'Bo', 'Cy']) {
			const joined = await first.join(code, { code, nickname }, '1.1.1.1');
			if (!joined.ok) throw new Error(joined.error.message);
			tokens[nickname] = joined.value.token;
		}
		const csvOf = async (hub: typeof first) => {
			const csv = await hub.csv(code, hostToken, 'en');
			return csv.ok ? csv.value : '';
		};
		const lobby = await first.results(code, hostToken, 'en');
		expect(lobby.ok).toBe(true);
		const ids = lobby.ok ? lobby.value.players.map((p) => p.id) : [];
		// Everyone to Team Blue, by the teacher.
		for (const playerId of ids) {
			expect((await first.host(code, hostToken, { action: 'team', playerId, team: 1 })).ok).toBe(
				true,
			);
		}
		expect((await first.host(code, hostToken, { action: 'start' })).ok).toBe(true);
		const pick = { questionIndex: 0, answer: { type: 'single', choice: 0 } };
		expect((await first.answer(code, tokens.Ann, pick)).ok).toBe(true);
		// No stop: the process died; another takes the game over from the database.
		const second = await hubs.start({ loadQuestions: async () => [] }, path);
		for (const name of ['Bo', 'Cy']) await second.answer(code, tokens[name], pick);
		const after = await second.results(code, hostToken, 'en');
		expect(after.ok && after.value.players.map((p) => p.team)).toEqual([1, 1, 1]);
		expect(after.ok && after.value.teams?.map((t) => [t.team, t.members])).toEqual([[1, 3]]);
		expect(await csvOf(second)).toContain('"Team Blue"');
	});
});
