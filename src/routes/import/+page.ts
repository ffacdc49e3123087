// Imported banks are kept in the browser's IndexedDB.
export const ssr = false;
