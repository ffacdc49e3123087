/**
 * A game's event log as stored: one row per batch of events sent together, and the log read back
 * from those rows by the instance that runs the game next (see event-log.ts).
 */
import type { Audience, LoggedEvent } from './event-log';

/** A batch of events as a row of `live_event`. */
export interface StoredEvents {
	tag: string;
	/** The batch's first and last event ids (their numbers). */
	first: number;
	last: number;
	/** `[seq, audience, text][]` as JSON; the audience is `a`, `h`, `p` or `@` and a player id. */
	events: string;
}

type Row = [seq: number, audience: string, text: string];

const audienceKey = (a: Audience) =>
	a.to === 'player' ? `@${a.id}` : a.to === 'all' ? 'a' : a.to === 'host' ? 'h' : 'p';

function audienceOf(key: string): Audience | undefined {
	if (key.startsWith('@')) return { to: 'player', id: key.slice(1) };
	return key === 'a'
		? { to: 'all' }
		: key === 'h'
			? { to: 'host' }
			: key === 'p'
				? { to: 'players' }
				: undefined;
}

/** A batch (non-empty, in order) as its row. */
export function storedEvents(tag: string, events: LoggedEvent[]): StoredEvents {
	const rows: Row[] = events.map((e) => [e.seq, audienceKey(e.audience), e.text]);
	return { tag, first: events[0].seq, last: events.at(-1)!.seq, events: JSON.stringify(rows) };
}

/**
 * The log a game's rows (in order of `last`) hold: the newest tag's unbroken run of batches that
 * ends with the last one. A row that does not follow the one before it (one was lost, or is
 * another log's) cuts the run there: what came before cannot be told apart from a gap. Undefined
 * when there are no rows (a game saved before logs were kept: it starts a new one).
 */
export function restoredLog(
	rows: StoredEvents[],
): { tag: string; seq: number; events: LoggedEvent[] } | undefined {
	const newest = rows.at(-1);
	if (!newest) return undefined;
	let from = rows.length - 1;
	while (
		from > 0 &&
		rows[from - 1].tag === newest.tag &&
		rows[from - 1].last === rows[from].first - 1
	)
		from--;
	const events: LoggedEvent[] = [];
	for (const row of rows.slice(from)) {
		for (const [seq, key, text] of JSON.parse(row.events) as Row[]) {
			const audience = audienceOf(key);
			if (audience) events.push({ seq, audience, text });
		}
	}
	return { tag: newest.tag, seq: newest.last, events };
}
