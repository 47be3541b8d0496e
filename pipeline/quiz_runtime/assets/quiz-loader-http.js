// How the runtime's files are obtained: over http, from the folder this module is served from.
// This is the only module that knows it. The offline bundle swaps this file for one that
// serves the same files from embedded scripts; everything else stays unchanged.
const BASE = new URL("./", import.meta.url).href;

/** Start Pyodide with the bundle's own lock file (npm's lock plus the quiz wheel). */
export async function loadRuntime() {
  const { loadPyodide } = await import(`${BASE}pyodide.mjs`);
  return loadPyodide({
    indexURL: BASE,
    lockFileURL: `${BASE}pyodide-lock.json`,
    packageBaseUrl: BASE,
    stdout: () => {},
    stderr: () => {},
  });
}
