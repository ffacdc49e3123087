import type { PageLoad } from './$types';

// The player's token is in this browser's storage.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ code: params.code });
