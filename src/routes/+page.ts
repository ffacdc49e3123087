import { catalog } from '$lib/content/decks';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ banks: catalog });
