/** Light, dark, or following the system; kept in localStorage and applied before first paint by app.html. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'kioku:theme';

export class Theme {
	choice = $state<ThemeChoice>('system');

	load() {
		try {
			const stored = localStorage.getItem(KEY);
			this.choice = stored === 'light' || stored === 'dark' ? stored : 'system';
		} catch {
			this.choice = 'system';
		}
	}

	set(choice: ThemeChoice) {
		this.choice = choice;
		if (choice === 'system') delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = choice;
		try {
			if (choice === 'system') localStorage.removeItem(KEY);
			else localStorage.setItem(KEY, choice);
		} catch {
			// Not remembered in private mode; applied for this visit.
		}
	}
}
