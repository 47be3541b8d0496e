// How the runtime's files are obtained from file:// (the offline bundle): from memory, never fetched.
// The file:// sibling of quiz-loader-http.js, with the same export. The offline build bundles
// quiz-worker.js with this module in its place into a classic script (pipeline/quiz_runtime/file_bundle.py);
// the page starts that script as a classic blob: worker (quiz-file-worker.js), with, before it:
//   self.redflagsQuizFile = {base, files: {name: {type, gzip, base64}}, lock}
// `base` is the runtime folder's URL, `files` exactly the files Pyodide asks for, `lock` the
// bundle's pyodide-lock.json; then pyodide.asm.mjs rewritten into a classic script that sets
// self.redflagsCreatePyodideModule, and Pyodide's classic loader pyodide.js (self.loadPyodide).
// This leans on Pyodide 314.0.7's loader internals: tests/browser/test_offline.py fails loudly
// when an upgrade asks for another file or refuses the worker.
const PREFIX = "[redflags-quiz]";

function bytesOf(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

async function checkIntegrity(bytes, integrity, name) {
  const [algorithm, expected] = integrity.split("-", 2);
  if (algorithm !== "sha256") throw new Error(`${PREFIX} ${name}: unsupported integrity ${integrity}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const actual = btoa(String.fromCharCode(...digest));
  if (actual !== expected) throw new Error(`${PREFIX} ${name}: sha256 ${actual} does not match the lock file's ${expected}`);
}

/** Replace fetch with one that answers exactly the bundle's files and refuses anything else. */
function installFileShim({ base, files }) {
  const names = Object.keys(files);
  const requested = [];
  self.redflagsFileShim = { base, files: names, requested }; // read by the tests
  self.fetch = async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    const name = url.startsWith(base) ? url.slice(base.length) : "";
    if (!Object.hasOwn(files, name)) {
      throw new TypeError(
        `${PREFIX} the offline quiz does not fetch: ${url} is not one of the bundle's files ` +
          `(${names.join(", ")}); see pipeline/quiz_runtime/assets/README.md, "The quiz from file://"`,
      );
    }
    requested.push(name);
    const { type, gzip, base64 } = files[name];
    const bytes = bytesOf(base64);
    if (init.integrity) await checkIntegrity(bytes, init.integrity, name);
    // Not `new Blob([bytes]).stream()`: WebKit cannot read a Blob made in a worker of a file://
    // page (NotReadableError, "The I/O read operation failed"); a Response's body stream works.
    const body = gzip ? new Response(bytes).body.pipeThrough(new DecompressionStream("gzip")) : bytes;
    return new Response(body, { status: 200, headers: { "content-type": type } });
  };
}

/** Start Pyodide with the bundle's own lock file (npm's lock plus the quiz wheel). */
export async function loadRuntime() {
  const bundle = self.redflagsQuizFile;
  if (!bundle || typeof self.loadPyodide !== "function" || typeof self.redflagsCreatePyodideModule !== "function") {
    throw new Error(`${PREFIX} the file:// runtime scripts are incomplete`);
  }
  installFileShim(bundle);
  // importScripts already throws here (NO_URL_SCRIPTS in file_bundle.py, run before Pyodide's
  // scripts): Pyodide 314 refuses a classic worker whose importScripts works.
  return self.loadPyodide({
    indexURL: bundle.base,
    lockFileContents: bundle.lock,
    packageBaseUrl: bundle.base,
    createPyodideModule: self.redflagsCreatePyodideModule,
    stdout: () => {},
    stderr: () => {},
  });
}
