// Games read back after a restart, from the rows the database keeps: the snapshot, players who joined
// after it, answers in their own rows, and the token hashes that say who is who.
import { describe, expect, it } from 'vitest';
import { createGame, join, kick, start, type GameState } from '../../src/lib/live/game.ts';
import { restoredGames } from '../../src/lib/server/live/restore.ts';
import type { StoredGame } from '../../src/lib/server/live/store.ts';
import { SETTINGS, single, truefalse } from './live-fixtures.ts';

const T0 = 1_700_000_000_000;

function ok(step: ReturnType<typeof start>): GameState {
	if (!step.ok) throw new Error(step.error.message);
	return step.state;
}

const created = ok(
	createGame('123456', { ...SETTINGS, readingSeconds: 0 }, [single, truefalse], T0, 's'.repeat(16)),
);
const record = (id: string, answer: object) =>
	JSON.stringify({
		playerId: id,
		answer,
		atMs: T0,
		elapsedMs: 0,
		correct: false,
		score: 0,
		points: 0,
	});

describe('games restored after a restart', () => {
	it('puts back players who joined after the snapshot and their answers, not a removed one’s', () => {
		const withAnn = ok(join(created, 'ann', 'Ann', T0));
		const snapshot = ok(kick(ok(join(withAnn, 'bo', 'Bo', T0)), 'bo'));
		const later = ok(join(ok(start(snapshot, T0)), 'cy', 'Cy', T0));
		const row: StoredGame = {
			code: '123456',
			state: JSON.stringify({ ...snapshot, answers: {} }),
			ended: false,
			tokens: [
				{ hash: 'h-host', role: 'host', playerId: null },
				{ hash: 'h-key', role: 'join', playerId: null },
				{ hash: 'h-ann', role: 'player', playerId: 'ann' },
				{ hash: 'h-cy', role: 'player', playerId: 'cy' },
			],
			players: [
				{ playerId: 'bo', record: JSON.stringify(withAnn.players.ann) },
				{ playerId: 'cy', record: JSON.stringify(later.players.cy) },
			],
			answers: [
				{ question: 0, playerId: 'ann', record: record('ann', { type: 'single', choice: 1 }) },
				{ question: 0, playerId: 'bo', record: record('bo', { type: 'single', choice: 0 }) },
				{ question: 0, playerId: 'cy', record: record('cy', { type: 'single', choice: 2 }) },
			],
			events: [],
		};
		const [game] = restoredGames([row]);
		expect(game.hostHash).toBe('h-host');
		expect(game.joinKeyHash).toBe('h-key');
		expect([...game.players]).toEqual([
			['h-ann', 'ann'],
			['h-cy', 'cy'],
		]);
		expect(Object.keys(game.state.players).sort()).toEqual(['ann', 'cy']);
		expect(game.state.answers[0].map((r) => r.playerId)).toEqual(['ann', 'cy']);
	});

	it('leaves out a game whose host token is missing: nobody could run it', () => {
		const row: StoredGame = {
			code: '123456',
			state: JSON.stringify(created),
			ended: false,
			tokens: [{ hash: 'h-key', role: 'join', playerId: null }],
			players: [],
			answers: [],
			events: [],
		};
		expect(restoredGames([row])).toEqual([]);
	});
});
