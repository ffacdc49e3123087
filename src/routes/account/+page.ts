// The account lives on the server; the page asks it from the browser (and says so offline).
export const ssr = false;
