import { BROWSER_LANGUAGE_STRATEGY } from '$lib/i18n/strategy';
import { negotiateLocale } from '$lib/i18n/negotiate';
import { defineCustomClientStrategy } from '$lib/paraglide/runtime';

defineCustomClientStrategy(BROWSER_LANGUAGE_STRATEGY, {
	getLocale: () => negotiateLocale(navigator.languages),
	// The learner's explicit choice is kept by the cookie strategy; nothing to store here.
	setLocale: () => {},
});
