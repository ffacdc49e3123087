import { catalog } from '$lib/content/decks';
import type { PageLoad } from './$types';

// Drawn on the server with the built-in decks, so the form shows before the app's code has
// loaded; the host's own decks and past games are this browser's, added once it has started.
export const load: PageLoad = ({ url }) => ({
	builtIn: catalog,
	wanted: url.searchParams.get('deck'),
	/** "Host a live game for this class" on the teacher's class page. */
	classId: url.searchParams.get('class'),
});
