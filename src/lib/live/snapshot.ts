/**
 * What a client that (re)connects needs to catch up: the event of the current phase and, for a
 * phone, its own player. Built from the stored state only, so before the reveal it holds no
 * more than the live events did: no answer, and a score that does not count the open question.
 */
import {
	endEvents,
	leaderboardEvent,
	lobbyEvent,
	meEvent,
	progressEvent,
	questionEvents,
	resultEvent,
	revealEvent,
	standings,
} from './events.ts';
import { answersOutbox } from './accept.ts';
import type { LiveEvent } from './protocol.ts';
import { answersTo, eventsFor, own, playerList, type GameState, type Player } from './state.ts';

/** One more than the players with a higher score: the rank standings() gives, without sorting. */
function rankOf(state: GameState, player: Player): number {
	let higher = 0;
	for (const p of playerList(state)) if (p.score > player.score) higher++;
	return higher + 1;
}

/** `who` is 'host' or a player id; the server should `tick` first so the phase is current. */
export function reconnectSnapshot(
	state: GameState,
	who: 'host' | string,
	now: number,
): LiveEvent[] {
	const isHost = who === 'host';
	if (!isHost && state.kicked.includes(who)) return [{ type: 'kicked' }];
	const player = isHost ? undefined : own(state.players, who);
	if (!isHost && !player) return [];
	if (state.phase === 'ended') return eventsFor(endEvents(state), who);
	// The reveal needs the player's whole standing. Before it, only the rank: counted, not sorted,
	// as every phone of a class joining would otherwise sort the whole class once more.
	const mine =
		state.phase === 'revealed' || state.phase === 'leaderboard'
			? standings(state).find((s) => s.player.id === who)
			: undefined;
	const me = player ? [meEvent(state, player, mine?.rank ?? rankOf(state, player))] : [];
	switch (state.phase) {
		case 'lobby':
			return [...me, lobbyEvent(state, isHost)];
		case 'reading':
		case 'open': {
			const question = eventsFor(questionEvents(state, now), who);
			if (isHost) return [...question, progressEvent(state)];
			const answered = answersTo(state, state.index).some((r) => r.playerId === who);
			return [
				...me,
				...question,
				...(answered ? [{ type: 'answered', index: state.index } as const] : []),
			];
		}
		case 'revealed':
		case 'leaderboard': {
			const question = eventsFor(questionEvents(state, now), who);
			const reveal = [
				revealEvent(state),
				...(mine ? [resultEvent(state, mine)] : []),
				...(isHost ? eventsFor(answersOutbox(state, state.index), who) : []),
			];
			const board = state.phase === 'leaderboard' ? [leaderboardEvent(state)] : [];
			return [...me, ...question, ...reveal, ...board];
		}
	}
}
