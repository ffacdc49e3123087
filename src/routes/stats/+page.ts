// Statistics come from the browser's IndexedDB.
export const ssr = false;
