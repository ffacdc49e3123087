// Settings live in the browser's IndexedDB.
export const ssr = false;
