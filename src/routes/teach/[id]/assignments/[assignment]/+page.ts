// The class and its assignments live on the server: asked for from the browser.
export const ssr = false;
