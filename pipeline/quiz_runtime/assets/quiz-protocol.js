// Message kinds between the page (quiz-client.js) and the worker (quiz-worker.js).
// Request:  {id, kind, lang?, answers?, code?}
// Response: {id, ok: true, value} or {id, ok: false, error: {code, message}}
export const KIND = Object.freeze({
  START: "start", // load the runtime and the quiz package, warm the engine up for `lang`; value: {ms, warmupMs}
  BANK: "bank", // value: the localized question bank (parsed bank_json)
  SCORE: "score", // value: the engine's envelope (parsed score_json): {ok, result} or {ok: false, errors}
  ENCODE: "encode", // value: parsed encode_code_json: {ok, code} or {ok: false, errors}
  DECODE: "decode", // value: parsed decode_code_json: {ok, answers, complete, next_question} or {ok: false, errors}
});

// Error codes of failures that are not the engine's answer to bad input.
export const FAILURE = Object.freeze({
  RUNTIME: "runtime", // Pyodide or the quiz package could not be loaded
  PYTHON: "python", // the engine raised (a bug: bad input is reported as data, not raised)
  PROTOCOL: "protocol", // unknown message kind
});

export const LOG_PREFIX = "[redflags-quiz]";

export function failure(code, error) {
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}
