import { base } from '$app/paths';
import { deckLoaders } from 'virtual:kioku/catalog';
import { BROWSER_LANGUAGE_STRATEGY } from '$lib/i18n/strategy';
import { negotiateLocale } from '$lib/i18n/negotiate';
import { defineCustomClientStrategy } from '$lib/paraglide/runtime';

defineCustomClientStrategy(BROWSER_LANGUAGE_STRATEGY, {
	getLocale: () => negotiateLocale(navigator.languages),
	// The learner's explicit choice is kept by the cookie strategy; nothing to store here.
	setLocale: () => {},
});

// The study screen cannot draw a card before its deck's questions have arrived. Asking for them
// here, as the app starts, fetches them alongside the page's own code instead of after it.
const study = /^\/study\/([^/]+)\/([^/]+)\/?$/.exec(location.pathname.slice(base.length));
if (study) {
	const key = `${decodeURIComponent(study[1])}/${decodeURIComponent(study[2])}`;
	void deckLoaders[key]?.().catch(() => {});
}
