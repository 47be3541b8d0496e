// The "Embed the quiz" page (pipeline/channels/embed_page.py renders its HTML): snippet generator, copy
// button and live preview of the real embed. DOM APIs only: the snippet is shown with textContent,
// the preview is built with createElement (the title field is the reader's own text).
// snippetText() must write exactly what pipeline.channels.embed.snippet() writes for the same options
// (tests/browser/embed/test_embed_page.py compares them).

const root = document.getElementById("rf-embed");
const config = JSON.parse(document.getElementById("rf-embed-config").textContent);
const form = root.querySelector(".rf-embed__options");
const code = document.getElementById("rf-embed-snippet");
const copyButton = document.getElementById("rf-embed-copy");
const status = root.querySelector(".rf-embed__status");
const stage = document.getElementById("rf-embed-stage");
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Python's html.escape(text, quote=True). */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function options() {
  const data = new FormData(form);
  return { lang: data.get("lang"), theme: data.get("theme"), title: String(data.get("title") ?? "").trim() };
}

function quizUrl(lang) {
  return config.siteUrl + lang + "/quiz/";
}

function snippetText({ lang, theme, title }) {
  let attrs = ` data-lang="${escapeHtml(lang)}"`;
  if (theme !== "auto") attrs += ` data-theme="${escapeHtml(theme)}"`;
  if (title) attrs += ` data-title="${escapeHtml(title)}"`;
  return (
    `<div data-redflags-quiz${attrs}>` +
    `<a href="${escapeHtml(quizUrl(lang))}">${escapeHtml(config.linkText[lang])}</a></div>\n` +
    `<script async src="${escapeHtml(config.siteUrl + "embed.js")}"></script>`
  );
}

/** The preview: the snippet's div, then embed.js from this site, as a blogger's page runs them. */
function showPreview({ lang, theme, title }) {
  const box = document.createElement("div");
  box.setAttribute("data-redflags-quiz", "");
  box.dataset.lang = lang;
  if (theme !== "auto") box.dataset.theme = theme;
  if (title) box.dataset.title = title;
  const link = document.createElement("a");
  link.href = quizUrl(lang);
  link.textContent = config.linkText[lang];
  box.append(link);
  // embed.js mounts every div not mounted yet each time it runs (a snippet pasted twice).
  const script = document.createElement("script");
  script.async = true;
  script.src = config.embedScript;
  script.addEventListener("load", () => script.remove());
  stage.replaceChildren(box);
  document.body.append(script);
}

let shown = "";
let pending = 0;
function update({ preview = true } = {}) {
  const chosen = options();
  const text = snippetText(chosen);
  code.textContent = text;
  setStatus("");
  if (preview && text !== shown) {
    shown = text;
    showPreview(chosen);
  }
}

let reset = 0;
function setStatus(message, { copied = false } = {}) {
  status.textContent = message;
  copyButton.textContent = copied ? config.strings.copied : config.strings.copy;
  copyButton.classList.toggle("rf-embed__copy--done", copied);
  clearTimeout(reset);
  if (copied) reset = setTimeout(() => setStatus(""), 2500);
}

function selectSnippet() {
  const range = document.createRange();
  range.selectNodeContents(code);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

copyButton.addEventListener("click", async () => {
  const text = code.textContent;
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no Clipboard API");
    await navigator.clipboard.writeText(text);
    setStatus(config.strings.copied, { copied: true });
  } catch {
    selectSnippet(); // refused (permission, insecure context): leave it selected for Ctrl+C
    setStatus(config.strings.refused);
  }
});

form.addEventListener("change", () => update());
form.addEventListener("input", (event) => {
  if (event.target.name !== "title") return;
  update({ preview: false }); // the snippet follows each key; the frame reloads once typing pauses
  clearTimeout(pending);
  pending = setTimeout(() => update(), 600);
});
form.addEventListener("submit", (event) => event.preventDefault());

for (const hidden of root.querySelectorAll("[hidden]")) hidden.hidden = false;
update();
