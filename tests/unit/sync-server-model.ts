/**
 * The sync server as a model, for the protocol tests: what the real server must do, without a
 * database. It checks each push with the same schemas as the devices, merges it with the same
 * rules (refusing a batch stamped by a clock more than a day ahead), appends what changed its state to an append-only feed numbered 1, 2, 3, … and
 * acknowledges the whole batch; a pull returns the feed after a cursor, in chunks.
 */
import * as v from 'valibot';
import { isTooFarAhead } from '../../src/lib/sync/hlc.ts';
import { EMPTY_STATE, mergeChanges, type SyncState } from '../../src/lib/sync/merge.ts';
import { PushBatch, type Change } from '../../src/lib/sync/records.ts';

export class SyncServer {
	state: SyncState = EMPTY_STATE;
	readonly feed: { seq: number; change: Change }[] = [];

	/** `now`: the server's clock, which refuses a batch stamped by a clock far ahead (hlc.ts). */
	push(batch: readonly Change[], now?: number): { acked: Change[]; conflicts: Change[] } {
		const checked = v.parse(PushBatch, batch);
		const ahead = checked.find((c) => 'hlc' in c && now !== undefined && isTooFarAhead(c.hlc, now));
		if (ahead) throw new Error('this device’s clock is more than a day ahead');
		const { state, accepted, conflicts } = mergeChanges(this.state, checked);
		this.state = state;
		for (const change of accepted) this.feed.push({ seq: this.feed.length + 1, change });
		return { acked: checked, conflicts };
	}

	pull(cursor: number, limit: number): { changes: Change[]; cursor: number } {
		const after = this.feed.filter((e) => e.seq > cursor).slice(0, limit);
		return { changes: after.map((e) => e.change), cursor: after.at(-1)?.seq ?? cursor };
	}
}
