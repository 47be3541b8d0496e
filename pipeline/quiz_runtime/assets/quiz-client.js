// Request/response over the quiz worker: each request carries an id, its answer settles the
// matching promise. Callers only see one async function per call.
import { FAILURE, KIND, LOG_PREFIX } from "./quiz-protocol.js";

export class QuizFailure extends Error {
  constructor({ code, message }) {
    super(message);
    this.name = "QuizFailure";
    this.code = code;
  }
}

/** A client for the worker at `workerUrl`; the worker is created on the first call. */
export function createQuizClient(workerUrl) {
  let worker = null;
  let nextId = 1;
  const pending = new Map();

  function fail(error) {
    for (const { reject } of pending.values()) reject(new QuizFailure(error));
    pending.clear();
    worker?.terminate();
    worker = null; // the next call starts a fresh worker: that is "retry"
  }

  function ensureWorker() {
    if (worker) return worker;
    worker = new Worker(workerUrl, { type: "module", name: "redflags-quiz" });
    worker.addEventListener("message", ({ data }) => {
      const entry = pending.get(data?.id);
      if (!entry) return;
      pending.delete(data.id);
      if (data.ok) entry.resolve(data.value);
      else entry.reject(new QuizFailure(data.error));
      if (!data.ok && data.error?.code === FAILURE.RUNTIME) fail(data.error);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      console.warn(LOG_PREFIX, "worker failed to start", event.message ?? "");
      fail({ code: FAILURE.RUNTIME, message: event.message || "the quiz worker could not start" });
    });
    return worker;
  }

  function call(kind, fields = {}) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        ensureWorker().postMessage({ id, kind, ...fields });
      } catch (error) {
        pending.delete(id);
        reject(new QuizFailure({ code: FAILURE.RUNTIME, message: String(error?.message ?? error) }));
      }
    });
  }

  return {
    /** Load the runtime now and warm the engine up for `lang`; resolves with {ms, warmupMs}. */
    start: (lang) => call(KIND.START, { lang }),
    /** The localized question bank. */
    bank: (lang) => call(KIND.BANK, { lang }),
    /** The engine's envelope for an answer set: {ok: true, result} or {ok: false, errors}. */
    score: (answers, lang) => call(KIND.SCORE, { answers, lang }),
    /** The answer code of a complete answer set: {ok: true, code} or {ok: false, errors}. */
    encode: (answers, lang) => call(KIND.ENCODE, { answers, lang }),
    /** A typed answer code read by the engine: {ok: true, answers, complete, next_question} or {ok: false, errors}. */
    decode: (code, lang) => call(KIND.DECODE, { code, lang }),
    /** Stop the worker (pending calls fail); the next call starts a new one. */
    close: () => fail({ code: FAILURE.RUNTIME, message: "closed" }),
  };
}
