/** Light, dark, or following the system; kept in localStorage and applied before first paint by app.html. */
import * as v from 'valibot';
import { storedValue } from '$lib/storage/web-storage';

const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

// As text, not JSON: app.html reads this key itself before the app starts.
const stored = storedValue('local', 'kioku:theme', v.picklist(THEMES), 'system', { raw: true });

export class Theme {
	choice = $state<ThemeChoice>('system');

	load() {
		this.choice = stored.get();
	}

	set(choice: ThemeChoice) {
		this.choice = choice;
		if (choice === 'system') delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = choice;
		// "system" is the absence of a choice; a full or disabled storage applies it for this visit.
		if (choice === 'system') stored.remove();
		else stored.set(choice);
	}
}
