import { contentLocale } from '$lib/i18n/content';
import { getLocale } from '$lib/paraglide/runtime';
import { openPracticeTest } from '$lib/state/practice-test-link';
import type { PageLoad } from './$types';

// Reads due and weak cards from the browser's IndexedDB.
export const ssr = false;

export const load: PageLoad = ({ url }) => openPracticeTest(url, contentLocale(getLocale()));
