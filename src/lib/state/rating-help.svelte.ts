/**
 * The note that explains the four ratings in plain words: shown the first time the learner
 * rates a card, until they dismiss it, remembered on this device.
 */
import * as v from 'valibot';
import { storedValue } from '$lib/storage/web-storage';

const dismissed = storedValue('local', 'kioku:ratings-explained', v.boolean(), false);

export class RatingHelp {
	shown = $state(!dismissed.get());

	dismiss() {
		this.shown = false;
		dismissed.set(true);
	}
}
