/**
 * The live server's refusals in the host's language. The server says why in English for logs
 * and tools; a refused own deck also comes as data (`OwnDeckProblem`), worded here as the
 * import screen words a bank's mistake.
 */
import type { OwnDeckProblem } from '$lib/live/protocol';
import { m } from '$lib/paraglide/messages';
import { bankProblemText } from './bank-problems';

/** `deckTitle`: the deck as the host knows it (its title on this device). */
export function ownDeckProblemText(p: OwnDeckProblem, deckTitle: string): string {
	const detail =
		p.problem.kind === 'id-taken'
			? m.live_own_id_taken({ id: `\`${p.problem.id}\`` })
			: // A kind this screen does not know (a newer server's) is still said, in general terms.
				(bankProblemText(p.problem, '') ?? m.import_p_other());
	return m.live_own_deck_refused({ deck: deckTitle, n: p.question, detail });
}

/**
 * A refusal a screen has no sentence of its own for, said by its HTTP status: the server's
 * English words are for logs and tools.
 */
export function generalRefusalText(status: number): string {
	if (status === 403 || status === 404) return m.live_refused_gone();
	if (status === 410) return m.live_refused_ended();
	if (status === 429) return m.live_refused_busy();
	if (status >= 500) return m.live_refused_server();
	return m.live_refused();
}
