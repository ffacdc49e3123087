import type { PageLoad } from './$types';

// The host key is in this browser's storage.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ code: params.code });
