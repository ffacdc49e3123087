// A teacher's classes live on the server and belong to their account: asked for from the browser.
export const ssr = false;
