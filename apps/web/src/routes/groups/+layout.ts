// These pages show what the signed-in person may see, read with their session cookie: they are
// rendered in the browser, where the cookie is, not on the server.
export const ssr = false;
