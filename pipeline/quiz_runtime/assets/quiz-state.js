// Answers outside the page: localStorage (resume) and the URL fragment (share links).
// Only shapes are checked here; whether ids exist is the engine's job, and its
// localized errors are what the reader sees for a tampered link.

export const SCHEMA_VERSION = 1;
const STORAGE_KEY = "redflags-quiz";
const SHARE_PREFIX = "#quiz=";
const MAX_FRAGMENT = 4000;
const MAX_PAIRS = 100;

/** Stored progress: {answers, step, done}, or null when absent or unreadable. */
export function loadProgress() {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    if (!data || data.schema_version !== SCHEMA_VERSION || typeof data.answers !== "object") return null;
    const answers = Object.fromEntries(
      Object.entries(data.answers ?? {}).filter(([, answer]) => typeof answer === "string"),
    );
    return { answers, step: Number.isInteger(data.step) ? data.step : 0, done: data.done === true };
  } catch {
    return null; // storage blocked or corrupt: start fresh
  }
}

export function saveProgress({ answers, step, done }) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ schema_version: SCHEMA_VERSION, answers, step, done }));
  } catch {
    // storage blocked (private mode, quota): the quiz still works, it just cannot resume
  }
}

export function clearProgress() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}

/** "Clear my answers on this computer": every quiz key, in both storages (a shared workshop laptop). */
export function clearAllQuizData() {
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      const store = window[name];
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i);
        if (key && key.startsWith(STORAGE_KEY)) store.removeItem(key);
      }
    } catch {
      // storage blocked: nothing was stored either
    }
  }
}

/** The engine's answer document. */
export function answerSet(answers, schemaVersion = SCHEMA_VERSION) {
  return { schema_version: schemaVersion, answers };
}

/** `#quiz=1:question=answer,question=answer` with each id percent-encoded. */
export function shareFragment(answers) {
  const pairs = Object.entries(answers).map(([q, a]) => `${encodeURIComponent(q)}=${encodeURIComponent(a)}`);
  return `${SHARE_PREFIX}${SCHEMA_VERSION}:${pairs.join(",")}`;
}

export function isShareFragment(hash) {
  return typeof hash === "string" && hash.startsWith(SHARE_PREFIX);
}

/**
 * Read what a share fragment still carries, for a link that chat apps or mail cut short:
 * {version, pairs: [[question, answer], ...]} with every well-formed pair (a cut or
 * garbled pair is skipped, a question named twice with two answers is dropped), or null
 * when the fragment cannot be read at all. Whether the ids exist is checked by the caller.
 */
export function readShareFragment(hash) {
  if (!isShareFragment(hash) || hash.length > MAX_FRAGMENT) return null;
  const match = /^(\d{1,4}):(.*)$/s.exec(hash.slice(SHARE_PREFIX.length));
  if (!match) return null;
  const pairs = match[2] === "" ? [] : match[2].split(",");
  if (pairs.length > MAX_PAIRS) return null;
  const answers = new Map();
  const conflicting = new Set();
  for (const pair of pairs) {
    const parts = pair.split("=");
    if (parts.length !== 2) continue;
    let question;
    let answer;
    try {
      question = decodeURIComponent(parts[0]);
      answer = decodeURIComponent(parts[1]);
    } catch {
      continue;
    }
    if (!question || !answer) continue;
    if (answers.has(question) && answers.get(question) !== answer) conflicting.add(question);
    answers.set(question, answer);
  }
  for (const question of conflicting) answers.delete(question);
  return { version: Number(match[1]), pairs: [...answers.entries()] };
}
