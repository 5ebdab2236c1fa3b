// The lobby and the room live in the browser: they read this browser's saved credential and
// camera, and the room keeps a socket open. Rendering them on the server would show nothing.
export const ssr = false;
