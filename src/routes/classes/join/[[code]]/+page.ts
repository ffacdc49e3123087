// The seats this device holds are in its storage: the page is drawn in the browser.
export const ssr = false;
