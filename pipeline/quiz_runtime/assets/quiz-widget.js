// The quiz page's behaviour: steps, progress, resume, share links, result, failure and retry.
// DOM and events only: scoring is the Python engine's, reached through quiz-client.js.
// Options and translated strings come from the page's <script type="application/json" id="quiz-config">.
import { createQuizClient } from "./quiz-client.js";
import { FAILURE, LOG_PREFIX } from "./quiz-protocol.js";
import { el, fill, renderProblems, renderResult, toggleMoreSteps } from "./quiz-result.js";
import {
  SCHEMA_VERSION,
  answerSet,
  clearAllQuizData,
  clearProgress,
  isShareFragment,
  loadProgress,
  readShareFragment,
  saveProgress,
  shareFragment,
} from "./quiz-state.js";

const WORKER_URL = new URL("./quiz-worker.js", import.meta.url);

function readConfig() {
  const node = document.getElementById("quiz-config");
  if (!node) return null;
  try {
    return JSON.parse(node.textContent);
  } catch (error) {
    console.warn(LOG_PREFIX, "unreadable #quiz-config", error);
    return null;
  }
}

function mark(name) {
  try {
    performance.mark(`rf-quiz:${name}`);
  } catch {
    // marks are for the benchmark only
  }
}

function setup(root, config) {
  const t = config.strings;
  const form = root.querySelector(".rf-quiz__form");
  const steps = [...form.querySelectorAll("fieldset[data-question]")];
  const progress = root.querySelector(".rf-quiz__progress");
  const bar = progress.querySelector("progress");
  const count = progress.querySelector(".rf-quiz__count");
  const nav = root.querySelector(".rf-quiz__nav");
  const back = nav.querySelector("[data-action=back]");
  const next = nav.querySelector("[data-action=next]");
  const status = root.querySelector(".rf-quiz__status");
  const problems = root.querySelector(".rf-quiz__problems");
  const resultBox = root.querySelector(".rf-quiz__result");
  const codeBox = root.querySelector(".rf-quiz__code");
  const codeForm = codeBox?.querySelector(".rf-quiz__code-form");
  const codeInput = codeBox?.querySelector("input");
  const codeProblems = codeBox?.querySelector(".rf-quiz__code-problems");
  const clearRow = root.querySelector(".rf-quiz__clear");
  // What the form can hold: question id -> its answer values (share links and codes are checked against it).
  const known = new Map(
    steps.map((step) => [step.dataset.question, new Set([...step.querySelectorAll("input[type=radio]")].map((i) => i.value))]),
  );
  let current = 0;
  let client = null;
  let ready = null;

  // ---- runtime ---------------------------------------------------------------------------
  function warm() {
    if (ready) return ready;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      ready = Promise.reject(Object.assign(new Error("no WebAssembly or Worker"), { code: FAILURE.RUNTIME }));
    } else {
      client ??= createQuizClient(WORKER_URL);
      mark("start");
      ready = client.start(config.lang).then((value) => {
        mark("ready");
        root.dataset.runtime = "ready";
        return value;
      });
    }
    root.dataset.runtime = "loading";
    ready.catch((error) => {
      root.dataset.runtime = "failed";
      console.warn(LOG_PREFIX, "runtime failed to load:", error.message);
    });
    return ready;
  }

  for (const kind of ["pointerdown", "focusin", "keydown", "input"]) {
    root.addEventListener(kind, () => warm(), { once: true, passive: true });
  }

  // ---- steps -----------------------------------------------------------------------------
  function answers() {
    const out = {};
    for (const step of steps) {
      const checked = step.querySelector("input[type=radio]:checked");
      if (checked) out[step.dataset.question] = checked.value;
    }
    return out;
  }

  function restore(saved) {
    for (const step of steps) {
      const value = saved[step.dataset.question];
      for (const input of step.querySelectorAll("input[type=radio]")) input.checked = input.value === value;
    }
  }

  function focusStep(step) {
    const target = step.querySelector("input:checked") ?? step.querySelector("input[type=radio]");
    target?.focus();
  }

  function show(index, { focus = true } = {}) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => {
      step.hidden = i !== current;
    });
    bar.value = current + 1;
    count.textContent = fill(t.progress, { number: current + 1, total: steps.length });
    back.hidden = current === 0;
    next.textContent = current === steps.length - 1 ? t.finish : t.next;
    stepMessage(null);
    if (focus) focusStep(steps[current]);
  }

  function stepMessage(text) {
    for (const old of form.querySelectorAll(".rf-quiz__step-message")) old.remove();
    if (!text) return;
    const message = el("p", "rf-quiz__alert rf-quiz__step-message", text);
    message.setAttribute("role", "alert");
    steps[current].append(message);
  }

  function save(done = false) {
    saveProgress({ answers: answers(), step: current, done });
  }

  form.addEventListener("change", () => {
    stepMessage(null);
    save();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!steps[current].querySelector("input:checked")) {
      stepMessage(t.choose_one);
      focusStep(steps[current]);
      return;
    }
    if (current < steps.length - 1) {
      show(current + 1);
      save();
    } else {
      mark("finish");
      save(true);
      showResult(answerSet(answers()), { shared: false, byUser: true });
    }
  });

  back.addEventListener("click", () => {
    show(current - 1);
    save();
  });

  // ---- result ----------------------------------------------------------------------------
  function setStatus(text) {
    status.textContent = text ?? "";
  }

  function clearProblems() {
    problems.replaceChildren();
  }

  function showProblems(title, messages, { retry = null } = {}) {
    const box = renderProblems(title, messages);
    if (retry) {
      const button = el("button", "rf-quiz__button rf-quiz__button--primary", t.retry);
      button.type = "button";
      button.dataset.action = "retry";
      button.addEventListener("click", retry, { once: true });
      box.append(button);
    }
    problems.replaceChildren(box);
    root.dataset.state = retry ? "failed" : "invalid";
    box.querySelector("button")?.focus();
  }

  function showForm(index) {
    if (isShareFragment(location.hash)) history.replaceState(null, "", location.pathname + location.search);
    resultBox.hidden = true;
    resultBox.replaceChildren();
    root.classList.remove("rf-quiz--has-result");
    form.hidden = false;
    progress.hidden = false;
    root.dataset.state = "questions";
    show(index);
  }

  async function showResult(set, { shared, byUser = false }) {
    clearProblems();
    next.disabled = true;
    setStatus(root.dataset.runtime === "ready" ? t.scoring : t.loading);
    root.dataset.state = "scoring";
    let envelope;
    try {
      await warm();
      envelope = await client.score(set, config.lang);
    } catch (error) {
      setStatus("");
      next.disabled = false;
      ready = null; // the next attempt starts a fresh worker
      if (error.code !== FAILURE.RUNTIME) console.warn(LOG_PREFIX, "scoring failed:", error.message);
      showProblems(t.load_failed, [], { retry: () => showResult(set, { shared, byUser: true }) });
      return;
    }
    setStatus("");
    next.disabled = false;
    if (!envelope.ok) {
      // Messages that name internal ids are for developers; a reader only gets the plain title.
      const messages = (envelope.errors ?? [])
        .filter((e) => !e.question && !e.answer)
        .map((e) => String(e.message ?? e.code ?? ""));
      showProblems(shared ? t.bad_link : t.bad_answers, messages);
      return;
    }
    // In the embed's frame (config.embed) the share link is the site's quiz page, not the frame.
    const url = new URL(config.embed?.quizUrl ?? location.href, location.href);
    url.hash = shareFragment(set.answers);
    resultBox.replaceChildren(
      ...renderResult(envelope.result, {
        t,
        topics: config.topics ?? {},
        printTopics: config.printTopics ?? {},
        shareUrl: url.href,
        shared,
      }),
    );
    if (config.embed) {
      for (const link of resultBox.querySelectorAll("a[href]")) Object.assign(link, { target: "_blank", rel: "noopener" });
    }
    showCode(set);
    form.hidden = true;
    progress.hidden = true;
    resultBox.hidden = false;
    root.classList.add("rf-quiz--has-result");
    root.dataset.state = "result";
    mark("result");
    // The heading takes focus so a screen reader reads the result out. With no user action behind it (a share
    // link, a result restored on load) browsers would ring it as if someone had tabbed to a heading.
    resultBox.querySelector("h2")?.focus(byUser ? undefined : { focusVisible: false });
  }

  resultBox.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "print" && config.embed) {
      // Printing a frame prints a fragment of someone's blog: open the result on our site instead.
      window.open(resultBox.querySelector(".rf-quiz__share-url").value, "_blank", "noopener");
    } else if (action === "print") window.print();
    if (action === "more-steps") toggleMoreSteps(button, t);
    if (action === "edit") showForm(0);
    if (action === "restart") startOver();
    if (action === "copy") {
      const input = resultBox.querySelector(".rf-quiz__share-url");
      const note = button.nextElementSibling;
      try {
        await navigator.clipboard.writeText(input.value);
        note.textContent = t.copied;
      } catch {
        input.select(); // clipboard refused: leave the link selected for Ctrl+C
      }
    }
  });

  // ---- answer codes (paper worksheet <-> screen) -------------------------------------------
  async function showCode(set) {
    let envelope;
    try {
      envelope = await client.encode(set, config.lang);
    } catch {
      return; // the result is shown; only its code is missing
    }
    if (!envelope?.ok || resultBox.hidden) return;
    const box = el("section", "rf-quiz__section rf-quiz__code-box");
    box.append(el("h3", null, t.code_title), el("p", "rf-quiz__code-value", envelope.code), el("p", "rf-quiz__muted", t.code_help));
    const share = resultBox.querySelector(".rf-quiz__share-box");
    if (share) share.before(box);
    else resultBox.append(box);
  }

  function codeMessage(messages) {
    codeProblems.replaceChildren();
    if (!messages.length) return;
    const box = renderProblems(messages[0], messages.slice(1));
    codeProblems.append(box);
    codeInput.setAttribute("aria-invalid", "true");
  }

  async function openCode(text) {
    codeMessage([]);
    codeInput.removeAttribute("aria-invalid");
    const button = codeForm.querySelector("button");
    button.disabled = true;
    setStatus(root.dataset.runtime === "ready" ? t.scoring : t.loading);
    let envelope;
    try {
      await warm();
      envelope = await client.decode(text, config.lang);
    } catch (error) {
      ready = null;
      setStatus("");
      button.disabled = false;
      showProblems(t.load_failed, [], { retry: () => openCode(text) });
      return;
    }
    button.disabled = false;
    setStatus("");
    if (!envelope.ok) {
      codeMessage((envelope.errors ?? []).map((e) => String(e.message ?? e.code ?? "")));
      codeInput.focus();
      return;
    }
    form.reset();
    restore(envelope.answers);
    if (envelope.complete) {
      save(true);
      showResult(answerSet(answers()), { shared: false, byUser: true });
      return;
    }
    const next = Number(envelope.next_question) || 1;
    showForm(next - 1);
    save();
    setStatus(fill(t.code_partial, { last: next - 1, next }));
  }

  codeForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    openCode(codeInput.value);
  });

  // ---- clear my answers ------------------------------------------------------------------------
  clearRow?.querySelector("button").addEventListener("click", () => {
    clearAllQuizData();
    if (codeInput) codeInput.value = "";
    codeProblems?.replaceChildren();
    clearProblems();
    form.reset();
    showForm(0);
    setStatus(t.cleared);
  });

  function startOver() {
    clearProgress();
    clearProblems();
    form.reset();
    showForm(0);
  }

  // ---- share links -----------------------------------------------------------------------
  // A link cut short by a chat app or a mail client still carries its first answers: keep those,
  // open the quiz at the first missing question and say so. Only a link with nothing usable is "damaged".
  function openShared(hash) {
    const link = readShareFragment(hash);
    const usable = (link?.pairs ?? []).filter(([q, a]) => known.get(q)?.has(a));
    if (!link || link.version > SCHEMA_VERSION || !usable.length) {
      showProblems(t.bad_link, []);
      return false;
    }
    const carried = Object.fromEntries(usable);
    form.reset();
    restore(carried);
    if (usable.length === steps.length) {
      showResult(answerSet(carried, link.version), { shared: true });
      return true;
    }
    const missing = steps.findIndex((step) => !(step.dataset.question in carried));
    clearProblems();
    showForm(missing);
    save();
    setStatus(fill(t.link_partial, { count: usable.length, total: steps.length, next: missing + 1 }));
    return true;
  }

  window.addEventListener("hashchange", () => {
    if (isShareFragment(location.hash)) openShared(location.hash);
  });

  // ---- start -----------------------------------------------------------------------------
  root.classList.add("rf-quiz--js");
  progress.hidden = false;
  nav.hidden = false;
  if (codeBox) codeBox.hidden = false;
  if (clearRow) clearRow.hidden = false;
  bar.max = steps.length;
  root.dataset.state = "questions";
  mark("interactive");
  if (isShareFragment(location.hash)) {
    show(0, { focus: false });
    openShared(location.hash);
    return;
  }
  const saved = loadProgress();
  if (saved && Object.keys(saved.answers).length) {
    restore(saved.answers);
    show(saved.step, { focus: false });
    setStatus(t.resumed);
    if (saved.done && Object.keys(answers()).length === steps.length) showResult(answerSet(answers()), { shared: false });
  } else {
    show(0, { focus: false });
  }
}

const root = document.querySelector("[data-rf-quiz]");
const config = root && readConfig();
if (root && config) setup(root, config);
