// The embed's frame page only (<lang>/quiz-frame/): theme from ?theme=, and the frame's half of
// the auto-height protocol (the host's half is embed.js). Classic script in <head>, no globals.
// Protocol, all messages {redflags: 1, type, id}: frame -> parent "ready" (to any origin: it
// carries nothing); host -> frame "hello" (frame checks: sender is its parent window, shape, id;
// remembers the sender's origin); frame -> host "height" {height} to that origin only.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var scheme = { light: "default", dark: "slate" }[params.get("theme")];
  if (scheme) document.documentElement.setAttribute("data-md-color-scheme", scheme);
  var id = params.get("id") || "";
  if (window.parent === window || !/^rf[0-9]{1,6}$/.test(id)) return;
  var host = null;
  var last = 0;
  function send() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (host === null || height === last) return;
    last = height;
    window.parent.postMessage({ redflags: 1, type: "height", id: id, height: height }, host);
  }
  function observe() {
    new ResizeObserver(send).observe(document.body, { box: "border-box" });
    send();
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (host !== null || event.source !== window.parent || !data || typeof data !== "object") return;
    if (data.redflags !== 1 || data.type !== "hello" || data.id !== id) return;
    host = event.origin;
    if (document.body) observe();
    else document.addEventListener("DOMContentLoaded", observe);
  });
  window.parent.postMessage({ redflags: 1, type: "ready", id: id }, "*");
})();
