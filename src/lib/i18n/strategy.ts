/** The name of Paraglide's custom strategy that follows the browser's language (see negotiate.ts). */
export const BROWSER_LANGUAGE_STRATEGY = 'custom-browserLanguage';
