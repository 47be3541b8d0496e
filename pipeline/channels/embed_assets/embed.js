/* redflags embed: turns each <div data-redflags-quiz> into our quiz in an iframe.
   One self-invoking function; its only global is window.RedFlagsQuiz (shared when the
   script is pasted twice). Options from the div's data-* attributes:
     data-lang   es | ru | en   (default: the host page's <html lang>, else en)
     data-theme  auto | light | dark   (default auto: the reader's system setting)
     data-title  the frame's accessible title (default: the div's link text)
   No cookies, no storage, no styles on the host page: the frame does the rest. */
(function () {
  "use strict";
  var LANGS = ["es", "ru", "en"];
  var THEMES = ["auto", "light", "dark"];
  var PREFIX = "[redflags]";
  var ns = (window.RedFlagsQuiz = window.RedFlagsQuiz || { frames: {}, count: 0 });
  if (!ns.origin) {
    var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
    ns.base = new URL(".", script.src).href;
    ns.origin = new URL(ns.base).origin;
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== ns.origin || !data || typeof data !== "object" || data.redflags !== 1) return;
      var frame = typeof data.id === "string" && ns.frames.hasOwnProperty(data.id) && ns.frames[data.id];
      if (!frame || event.source !== frame.contentWindow) return;
      if (data.type === "ready") frame.contentWindow.postMessage({ redflags: 1, type: "hello", id: data.id }, ns.origin);
      if (data.type === "height" && typeof data.height === "number" && data.height > 0 && data.height < 20000) {
        frame.style.height = Math.ceil(data.height) + "px";
      }
    });
  }
  function pick(value, allowed, fallback, what) {
    if (value === undefined || value === "") return fallback;
    value = String(value).toLowerCase();
    if (allowed.indexOf(value) !== -1) return value;
    console.warn(PREFIX, "unknown " + what + ' "' + value + '": using "' + fallback + '" (one of ' + allowed.join(", ") + ")");
    return fallback;
  }
  function mount(box) {
    box.setAttribute("data-redflags-mounted", "");
    var page = (document.documentElement.lang || "").toLowerCase().split("-")[0];
    var lang = pick(box.dataset.lang, LANGS, LANGS.indexOf(page) !== -1 ? page : "en", "data-lang");
    var theme = pick(box.dataset.theme, THEMES, "auto", "data-theme");
    var id = "rf" + ++ns.count;
    var frame = document.createElement("iframe");
    frame.title = box.dataset.title || box.textContent.trim() || "Red flags";
    frame.loading = "lazy";
    frame.referrerPolicy = "no-referrer";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
    frame.setAttribute("allow", "clipboard-write");
    frame.style.cssText = "display:block;width:100%;height:34em;border:0;color-scheme:normal";
    ns.frames[id] = frame;
    frame.src = ns.base + lang + "/quiz-frame/?id=" + id + "&theme=" + theme;
    box.replaceChildren(frame);
  }
  function mountAll() {
    var boxes = document.querySelectorAll("[data-redflags-quiz]:not([data-redflags-mounted])");
    for (var i = 0; i < boxes.length; i++) mount(boxes[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
