// The whole site is static: every page is prerendered as a shell and the simulation starts in
// the browser (it needs a Web Worker), so nothing renders on a server.
export const prerender = true;
export const ssr = false;
