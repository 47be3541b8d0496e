// file:// only: stands in for the global `Worker` inside the offline bundle's widget script.
// The offline build bundles quiz-widget.js into one classic script with esbuild and injects this
// module's `Worker` in place of the global (pipeline/quiz_runtime/file_bundle.py), so quiz-client.js and
// the widget run unchanged. From file:// browsers refuse module workers and fetch; this creates a
// *classic* worker from a blob: URL whose text the page read from classic scripts beside this one
// (quiz-file-runtime.js: the worker code; quiz-file-data-*.js: the binaries as base64).
// It answers at once like a Worker (postMessage is queued until the real worker exists).
// On file:// Material's iframe-worker shim (for search) replaces window.Worker with an iframe
// stand-in; quiz-file-keep-worker.js, run before it, kept the browser's own.
const RealWorker = globalThis.redflagsWorker ?? globalThis.Worker;
const SCRIPTS = ["quiz-file-runtime.js", "quiz-file-data-wasm.js", "quiz-file-data-stdlib.js", "quiz-file-data-wheel.js"];
let workerSource = null; // Promise of the blob: URL, made once per page

function readScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => {
      script.remove();
      resolve();
    };
    script.onerror = () => reject(new Error(`the quiz file ${url} could not be read`));
    document.head.append(script);
  });
}

function blobOf(base, { runtime, ...files }) {
  const parts = [`self.redflagsQuizFile={base:${JSON.stringify(base)},files:{`];
  for (const [name, { type, gzip, base64 }] of Object.entries(files)) {
    parts.push(`${JSON.stringify(name)}:{type:${JSON.stringify(type)},gzip:${!!gzip},base64:"`, base64, `"},`);
  }
  parts.push("}};\n", runtime);
  return URL.createObjectURL(new Blob(parts, { type: "text/javascript" }));
}

function source(base) {
  workerSource ??= Promise.all(SCRIPTS.map((name) => readScript(new URL(name, base).href)))
    .then(() => {
      const url = blobOf(base, globalThis.redflagsQuizFiles);
      performance.mark("rf-quiz:file-scripts"); // for bench/bench_offline.py
      delete globalThis.redflagsQuizFiles; // the blob keeps the bytes; a retry reuses it
      return url;
    })
    .catch((error) => {
      workerSource = null;
      throw error;
    });
  return workerSource;
}

class FileWorker extends EventTarget {
  #worker = null;
  #queue = [];
  #closed = false;

  constructor(url, options = {}) {
    super();
    const base = new URL("./", url).href;
    source(base).then(
      (blobUrl) => this.#start(blobUrl, options.name),
      (error) => this.#fail(error.message),
    );
  }

  #start(blobUrl, name) {
    if (this.#closed) return;
    const worker = new RealWorker(blobUrl, { name });
    worker.addEventListener("message", (event) => this.dispatchEvent(new MessageEvent("message", { data: event.data })));
    worker.addEventListener("error", (event) => {
      if (!this.#fail(event.message)) event.preventDefault();
    });
    this.#worker = worker;
    for (const message of this.#queue.splice(0)) worker.postMessage(message);
  }

  /** Report an error like a Worker does; true when nobody handled it. */
  #fail(message) {
    return this.dispatchEvent(new ErrorEvent("error", { message: message || "the quiz worker could not start", cancelable: true }));
  }

  postMessage(message) {
    if (this.#closed) return;
    if (this.#worker) this.#worker.postMessage(message);
    else this.#queue.push(message);
  }

  terminate() {
    this.#closed = true;
    this.#queue.length = 0;
    this.#worker?.terminate();
  }
}

export { FileWorker as Worker };
