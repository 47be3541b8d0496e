"""Firefox and WebKit behind one small interface, for the smoke paths in ``test_engines.py``.

- Firefox ESR (Debian ``firefox-esr``): ``firefox_driver.mjs``, a Node process running the pinned
  ``puppeteer-core`` over WebDriver BiDi, fed one JSON command per line.
- WebKit (Debian ``webkit2gtk-driver``): Selenium's ``webdriver.WebKitGTK`` driving ``MiniBrowser
  --automation`` on an Xvfb display the fixture starts.

Both browsers send every request that is not to localhost through ``RefusingProxy``, which records
it and refuses it: a third-party request (a CDN, a font) is both blocked and seen.

What a driver cannot report is said by name (``Engine.cannot``), never passed over silently:
WebKitWebDriver 2.50 has no log endpoint and no BiDi, and MiniBrowser writes no console message
to stdout under automation, so WebKit's console is read by a recorder the test installs in the
page after load (``RECORDER``): errors thrown before it (a CSP violation while parsing, say) are
not seen there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socketserver
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
XVFB = "/usr/bin/Xvfb"


class RefusingProxy:
    """An HTTP proxy that answers every request with 403 and records what was asked."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                line = self.rfile.readline(65536).decode("latin-1").strip()
                if line:
                    proxy.requests.append(line)
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


RECORDER = """
(() => {
  if (window.__rfErrors) return;
  const errors = (window.__rfErrors = []);
  const error = console.error;
  console.error = (...args) => { errors.push(args.map(String).join(" ")); error.apply(console, args); };
  addEventListener("error", (event) => errors.push("error: " + event.message));
  addEventListener("unhandledrejection", (event) => errors.push("unhandled: " + event.reason));
  document.addEventListener("securitypolicyviolation", (event) =>
    errors.push("csp: " + event.violatedDirective + " " + event.blockedURI));
})();
"""


class Engine:
    """What the smoke tests need from a browser: open, go, evaluate, click, read the console."""

    name = ""
    version = ""
    background: tuple[str, ...] = ()
    """Host suffixes of the browser's own services (updates, blocklists): not the page's requests."""
    cannot: dict[str, str] = {}
    """Things this driver cannot report, by name, with the reason (tests skip with it)."""

    def open(self) -> None:
        """A fresh context (no cookies or storage) and page."""
        raise NotImplementedError

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def js(self, expr: str, *, frame: str | None = None) -> Any:
        """The value of a JavaScript expression (a promise is awaited) in the page or a frame."""
        raise NotImplementedError

    def click(self, selector: str, *, frame: str | None = None) -> None:
        raise NotImplementedError

    def type(self, selector: str, text: str) -> None:
        """Empty the field and type ``text`` into it with key events, as a reader does."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        """Console errors and uncaught errors seen since ``open``."""
        raise NotImplementedError

    def print_media(self, on: bool) -> None:
        """Emulate print media (the offline quiz's action plan on paper); engines in ``cannot`` lack it."""
        raise NotImplementedError

    def requests(self) -> list[str] | None:
        """URLs the page (and its frames and workers) requested since ``open``; None if not reported."""
        return None

    def quit(self) -> None:
        raise NotImplementedError

    def wait(self, expr: str, *, timeout: float = 60, frame: str | None = None, what: str = "") -> Any:
        """Poll ``expr`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expr, frame=frame)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: timed out after {timeout:.0f} s waiting for {what or expr}")
            time.sleep(0.2)


class Firefox(Engine):
    name = "firefox"
    background = (".mozilla.com", ".mozilla.net", ".mozilla.org", ".firefox.com")
    cannot = {
        "request log from file://": (
            "WebDriver BiDi in Firefox ESR 153 reports no network events for file: pages: from file:// "
            "the page's resource timing entries and the proxy are checked instead"
        ),
        "print emulation": (
            "puppeteer-core 25 emulates media types over CDP only, which Firefox ESR 153 does not speak: "
            "the action plan in print is checked in Chromium (tests/browser/test_offline.py, test_print.py)"
        ),
    }

    def __init__(self, proxy: RefusingProxy) -> None:
        script = HERE / "firefox_driver.mjs"
        self.proc = subprocess.Popen(
            ["node", str(script), FIREFOX, str(proxy.port)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
        self.version = str(self._call("version")).split("/")[-1]  # "firefox/153.8.0"

    def _call(self, op: str, **args: Any) -> Any:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox driver exited ({self.proc.poll()}) during {op}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError(f"firefox {op} {args}: {answer['error']}")
        return answer["value"]

    def open(self) -> None:
        self._call("open")

    def goto(self, url: str) -> None:
        self._call("goto", url=url)

    def js(self, expr: str, *, frame: str | None = None) -> Any:
        return self._call("eval", expr=f"(async () => ({expr}))()", frame=frame)

    def click(self, selector: str, *, frame: str | None = None) -> None:
        self._call("click", selector=selector, frame=frame)

    def type(self, selector: str, text: str) -> None:
        self._call("type", selector=selector, text=text)

    def errors(self) -> list[str]:
        return list(self._call("log"))

    def requests(self) -> list[str]:
        return list(self._call("requests"))

    def quit(self) -> None:
        with contextlib.suppress(RuntimeError, BrokenPipeError):
            self._call("quit")
        self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                stream.close()


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


class WebKit(Engine):
    name = "webkit"
    cannot = {
        "console before load": (
            "WebKitWebDriver 2.50 has no log endpoint and no BiDi, and MiniBrowser writes no console "
            "message to stdout under automation: errors are recorded in the page from the load event on"
        ),
        "worker console": "a worker's console is not reachable from the page's recorder",
        "request log": "no request events: non-local requests are seen and refused by the proxy only",
        "request log from file://": "no request events: from file:// resource timing and the proxy are checked",
        "print emulation": (
            "WebDriver has no media emulation: the action plan in print is checked in Chromium "
            "(tests/browser/test_offline.py, test_print.py)"
        ),
    }

    def __init__(self, proxy: RefusingProxy) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.display = _free_display()
        self.xvfb = subprocess.Popen(
            [XVFB, f":{self.display}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{self.display}").exists():
                break
            time.sleep(0.05)
        os.environ["DISPLAY"] = f":{self.display}"  # WebKitWebDriver passes it to MiniBrowser
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.add_argument(f"--proxy=http://127.0.0.1:{proxy.port}")
        options.add_argument("--ignore-host=localhost")  # one host per option (a string array)
        options.add_argument("--ignore-host=127.0.0.1")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": f":{self.display}"})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(180)
        self.driver.set_window_size(1280, 900)
        self.version = str(self.driver.capabilities.get("browserVersion", "?"))

    def open(self) -> None:
        self.driver.get("about:blank")
        self.driver.delete_all_cookies()

    def goto(self, url: str) -> None:
        self.driver.switch_to.default_content()
        self.driver.get(url)
        self.driver.execute_script(RECORDER)

    def _in(self, frame: str | None) -> None:
        self.driver.switch_to.default_content()
        if frame:
            from selenium.webdriver.common.by import By

            element = None
            for _ in range(300):
                found = self.driver.find_elements(By.CSS_SELECTOR, frame)
                if found:
                    element = found[0]
                    break
                time.sleep(0.2)
            assert element is not None, f"webkit: no {frame}"
            self.driver.switch_to.frame(element)
            self.driver.execute_script(RECORDER)

    def js(self, expr: str, *, frame: str | None = None) -> Any:
        self._in(frame)
        try:
            return self._unwrap(expr)
        finally:
            self.driver.switch_to.default_content()

    def _unwrap(self, expr: str) -> Any:
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"(async () => ({expr}))().then((v) => done({{ok: true, v: v === undefined ? null : v}}),"
            " (e) => done({ok: false, e: String(e && e.stack || e)}));"
        )
        if not answer["ok"]:
            raise AssertionError(f"webkit eval {expr[:200]}: {answer['e']}")
        return answer["v"]

    def click(self, selector: str, *, frame: str | None = None) -> None:
        from selenium.webdriver.common.by import By

        self._in(frame)
        try:
            for _ in range(300):
                found = [e for e in self.driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]
                if found:
                    found[0].click()
                    return
                time.sleep(0.2)
            raise AssertionError(f"webkit: no visible {selector}")
        finally:
            self.driver.switch_to.default_content()

    def type(self, selector: str, text: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.switch_to.default_content()
        field = self.driver.find_element(By.CSS_SELECTOR, selector)
        field.click()
        field.clear()
        field.send_keys(text)

    def errors(self) -> list[str]:
        return list(self.driver.execute_script("return window.__rfErrors || []"))

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)


def available(name: str) -> str | None:
    """Why engine ``name`` cannot run here, or None."""
    needed = {
        "firefox": [FIREFOX, ROOT / "node_modules/puppeteer-core/package.json"],
        "webkit": [WEBKIT_DRIVER, MINIBROWSER, XVFB],
    }[name]
    missing = [str(p) for p in needed if not Path(p).exists()]
    if name == "firefox" and not shutil.which("node"):
        missing.append("node")
    return f"missing {', '.join(missing)}: run scripts/bootstrap.sh --test" if missing else None


def launch(name: str, proxy: RefusingProxy) -> Engine:
    return Firefox(proxy) if name == "firefox" else WebKit(proxy)
