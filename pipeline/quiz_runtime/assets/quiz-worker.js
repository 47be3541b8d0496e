// Module worker: loads Pyodide through the loader, installs the quiz wheel by name from the lock
// file, and answers requests with the same JSON functions the CPython tests call (quiz.json_api).
// It references nothing from the page; every failure goes back as data with the request id.
import { FAILURE, KIND, failure } from "./quiz-protocol.js";
import { loadRuntime } from "./quiz-loader-http.js";

const PACKAGE = "redflags-quiz";
let engine = null; // Promise of quiz.json_api, started by the first request
let failBoot = null; // rejects the boot in progress

// Some load failures (a blocked wasm fetch) surface only as an unhandled rejection inside
// Pyodide's loader, whose own promise then never settles: turn them into a failed boot.
self.addEventListener("unhandledrejection", (event) => {
  if (!failBoot) return;
  event.preventDefault();
  failBoot(event.reason instanceof Error ? event.reason : new Error(String(event.reason)));
});

function start() {
  engine ??= boot().catch((error) => {
    engine = null; // a later request tries again
    throw error;
  });
  return engine;
}

// Pyodide 314 catches a failed wasm instantiation itself and only logs it
// (console.warn("wasm instantiation failed!"), then console.warn(error)); loadPyodide then never
// settles. Which of the two paths a blocked wasm takes is a race. While booting, watch for
// that warning and fail the boot with the logged error. tests/pipeline/test_quiz_bundle.py
// checks that the pinned pyodide.mjs still logs exactly this.
const WASM_FAILED = "wasm instantiation failed!";

function watchWasmFailure() {
  const warn = console.warn;
  let failing = false;
  console.warn = (...args) => {
    warn.apply(console, args);
    if (args[0] === WASM_FAILED) {
      failing = true;
      setTimeout(() => failBoot?.(new Error(WASM_FAILED))); // in case no error follows
    } else if (failing) {
      failing = false;
      const [error] = args;
      failBoot?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return () => {
    console.warn = warn;
  };
}

async function boot() {
  const failed = new Promise((_, reject) => {
    failBoot = reject;
  });
  const unwatch = watchWasmFailure();
  try {
    return await Promise.race([bootRuntime(), failed]);
  } finally {
    failBoot = null;
    unwatch();
  }
}

async function bootRuntime() {
  const t0 = performance.now();
  const pyodide = await loadRuntime();
  const problems = [];
  await pyodide.loadPackage(PACKAGE, {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join("; "));
  const api = pyodide.pyimport("quiz.json_api");
  return { api, ms: performance.now() - t0 };
}

async function handle(message) {
  if (message.kind === KIND.START) {
    const { api, ms } = await start();
    // Warm-up: the first call imports the scoring modules, reads the bank and the catalog.
    const t0 = performance.now();
    api.score_json(JSON.stringify({ schema_version: 1, answers: {} }), message.lang ?? "en");
    return { ms, warmupMs: performance.now() - t0 };
  }
  const { api } = await start();
  if (message.kind === KIND.BANK) return JSON.parse(api.bank_json(message.lang));
  if (message.kind === KIND.SCORE) return JSON.parse(api.score_json(JSON.stringify(message.answers), message.lang));
  if (message.kind === KIND.ENCODE) return JSON.parse(api.encode_code_json(JSON.stringify(message.answers), message.lang));
  if (message.kind === KIND.DECODE) return JSON.parse(api.decode_code_json(String(message.code ?? ""), message.lang));
  throw Object.assign(new Error(`unknown message kind ${message.kind}`), { code: FAILURE.PROTOCOL });
}

self.addEventListener("message", async (event) => {
  const message = event.data ?? {};
  const { id } = message;
  try {
    await start().catch((error) => {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { code: FAILURE.RUNTIME });
    });
    self.postMessage({ id, ok: true, value: await handle(message) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: failure(error.code ?? FAILURE.PYTHON, error) });
  }
});
