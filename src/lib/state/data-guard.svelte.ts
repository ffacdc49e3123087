/** Notices reviews wiped behind the app's back (see loss-marker.ts) and offers a backup when due. */
import { database } from '$lib/storage/connection';
import { backupReminderDue, clearLossMarker, detectDataLoss } from '$lib/storage/loss-marker';

export class DataGuard {
	lost = $state<{ hadReviews: number; since: number } | undefined>();
	reminder = $state(false);

	async check() {
		try {
			const count = await (await database()).count('logs');
			const loss = detectDataLoss(count);
			this.lost = loss.lost ? { hadReviews: loss.hadReviews, since: loss.since } : undefined;
			this.reminder = count > 0 && backupReminderDue(Date.now());
		} catch {
			// No database at all (private mode): the study page says so where it matters.
		}
	}

	dismiss() {
		clearLossMarker();
		this.lost = undefined;
	}
}
