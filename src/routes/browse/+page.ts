// Cards and their progress live in the browser's IndexedDB: the page is drawn there.
export const ssr = false;
