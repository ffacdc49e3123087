// Homework is built on the device from its banks, and its answers wait on the device: a browser page.
export const ssr = false;
