"""Firefox and WebKit: one smoke path through every channel, against the same builds as Chromium.

The session's built site (served on 127.0.0.1) and offline bundle are shared with the Chromium
tests; each engine is launched once. Per engine: the site quiz to a result equal to CPython's,
the embed on a page of another origin, and the offline bundle from file:// (a page, the language
switch, a search hit, the quiz to CPython's result). Every request that is not to localhost is
refused and recorded by the proxy, and must not happen; console errors must be none. What a
driver cannot report is skipped by name in ``test_what_the_driver_reports``.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.json_api import bank_json, score_json
from tests.browser.conftest import serve
from tests.browser.engines.drivers import Engine, RefusingProxy

pytestmark = pytest.mark.browser
SLOW = 180  # s: a cold Pyodide start with the suite's other work on 2 cores

ANSWER_ALL = """
(async (answers) => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const [question, answer] of answers) {
    const step = document.querySelector(`fieldset[data-question="${question}"]`);
    for (let i = 0; step.hidden && i < 400; i++) await sleep(25);
    if (step.hidden) throw new Error(`question ${question} was never shown`);
    step.querySelector(`input[value="${answer}"]`).click();
    document.querySelector("[data-action=next]").click();
  }
  return true;
})(ANSWERS)
"""

RESULT = """(() => {
  const box = document.querySelector(".rf-quiz__result");
  const root = document.querySelector("[data-rf-quiz]");
  if (root && root.dataset.runtime === "failed") return {failed: document.querySelector(".rf-quiz")?.innerText};
  if (!box || box.hidden || !document.querySelector(".rf-quiz__band")) return null;
  return {band: document.querySelector(".rf-quiz__band").textContent.trim(),
          score: document.querySelector(".rf-quiz__score").textContent,
          plan: [...document.querySelectorAll(".rf-quiz__plan li")].map((li) => li.innerText)};
})()"""

LOCAL_RESOURCES = """performance.getEntriesByType("resource").map((e) => e.name)
  .filter((u) => !/^(file|blob|data):/.test(u))"""


def cpython(lang: str, seed: str) -> tuple[dict[str, str], dict]:
    rng = random.Random(seed)
    answers = {q["id"]: rng.choice(q["answers"])["id"] for q in json.loads(bank_json(lang))["questions"]}
    result = json.loads(score_json(json.dumps({"schema_version": 1, "answers": answers}), lang))["result"]
    return answers, result


def answer_quiz(engine: Engine, answers: dict[str, str], *, frame: str | None = None) -> dict:
    """The first answer by a real click (it starts the runtime), the rest in the page; the result shown."""
    (first_q, first_a), *_ = answers.items()
    engine.click(f'fieldset[data-question="{first_q}"] label:has(input[value="{first_a}"])', frame=frame)
    engine.js(ANSWER_ALL.replace("ANSWERS", json.dumps(list(answers.items()))), frame=frame)
    shown = engine.wait(RESULT, timeout=SLOW, frame=frame, what="the quiz result")
    assert "failed" not in shown, f"{engine.name}: the runtime failed: {shown['failed']}"
    return shown


def assert_equal_to_cpython(engine: Engine, shown: dict, expected: dict) -> None:
    assert shown["band"] == expected["band"]["label"], engine.name
    assert str(round(expected["score"])) in shown["score"], (engine.name, shown["score"])
    assert len(shown["plan"]) == len(expected["action_plan"])
    for text, step in zip(shown["plan"], expected["action_plan"], strict=True):
        assert text.startswith(step["text"]), (engine.name, text)


def foreign(engine: Engine, proxy: RefusingProxy, *allowed: str) -> list[str]:
    """Requests that left the machine (the proxy refused them) or that the page made outside ``allowed``."""
    seen = engine.requests() or []
    local = ("file:", "blob:", "data:", "about:", *allowed)
    left = [line for line in proxy.requests if not proxy_host(line).endswith(engine.background)]
    return [*left, *(url for url in seen if not url.startswith(local))]


def proxy_host(line: str) -> str:
    """The host of a proxied request line (``CONNECT host:443 ...`` or ``GET http://host/... ...``)."""
    target = line.split(" ")[1] if " " in line else line
    return target.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]


def test_site_quiz_equals_cpython(fresh: Engine, proxy: RefusingProxy, base_url: str) -> None:
    """The site's quiz page over http: answered to a result equal to CPython's, then its share link opened
    cold to the same result; no error, nothing foreign."""
    fresh.goto(f"{base_url}/en/quiz/")
    fresh.js("localStorage.clear()")
    fresh.goto(f"{base_url}/en/quiz/")
    answers, expected = cpython("en", f"site-{fresh.name}")
    assert_equal_to_cpython(fresh, answer_quiz(fresh, answers), expected)
    assert fresh.js("document.querySelector('[data-rf-quiz]').dataset.runtime") == "ready"
    assert foreign(fresh, proxy, base_url + "/") == []
    assert fresh.errors() == []
    # its share link, opened from another page with nothing saved: the same result, focused on its heading
    link = fresh.js("document.querySelector('.rf-quiz__share-url').value")
    fresh.js("localStorage.clear()")
    fresh.goto(f"{base_url}/en/")
    fresh.goto(link)
    assert_equal_to_cpython(fresh, fresh.wait(RESULT, timeout=SLOW, what="the shared result"), expected)
    assert fresh.js("document.activeElement.tagName") == "H2"
    assert foreign(fresh, proxy, base_url + "/") == []
    assert fresh.errors() == []


@pytest.fixture(scope="module")
def host(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A blog on another port (another origin) with the Spanish snippet pasted."""
    folder: Path = tmp_path_factory.mktemp("engine-blog")
    text = "<p>" + "Clients I should have refused, and what they taught me. " * 20 + "</p>"
    (folder / "post.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title>'
        '<link rel="icon" href="data:,"></head><body style="max-width:40em;margin:auto">'
        f'<h1>My blog</h1>{text}<div data-redflags-quiz data-lang="es">'
        f'<a href="{base_url}/es/quiz/">Haz el test</a></div>{text}'
        f'<script async src="{base_url}/embed.js"></script></body></html>',
        encoding="utf-8",
    )
    server, url = serve(folder)
    yield url
    server.shutdown()
    server.server_close()


FRAME = "[data-redflags-quiz] iframe"
FITS = f"""(() => {{
  const frame = document.querySelector({json.dumps(FRAME)});
  return !!frame && frame.getBoundingClientRect().height > 200 && frame.style.height !== ""
    && frame.getBoundingClientRect().height;
}})()"""
INNER = """(() => document.querySelector(".rf-quiz--js") && {
  body: Math.ceil(document.body.getBoundingClientRect().height),
  scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
  lang: document.documentElement.lang})()"""


def frame_fitted(engine: Engine) -> dict:
    """Wait until the frame's widget runs and the host applied its height; both heights."""
    for _ in range(300):
        outer = engine.wait(FITS, what="the embed frame sized")
        inner = engine.js(INNER, frame=FRAME)
        if inner and abs(outer - inner["body"]) <= 1 and inner["scroll"] <= inner["client"] + 1:
            return {"outer": outer, **inner}
        engine.js("new Promise((resolve) => setTimeout(resolve, 200))")
    raise AssertionError(f"{engine.name}: the embed frame never fitted its content ({outer}, {inner})")


def test_embed_on_another_origin(fresh: Engine, proxy: RefusingProxy, host: str, base_url: str) -> None:
    """The snippet on another origin: the frame appears in Spanish, fits its content before and after an
    answer, and the host page keeps no cookie or storage."""
    fresh.goto(f"{host}/post.html")
    fresh.js(f"document.querySelector({json.dumps(FRAME)})?.scrollIntoView()")
    first = frame_fitted(fresh)
    assert first["lang"] == "es"
    bank = json.loads(bank_json("es"))["questions"]
    fresh.click(f'fieldset[data-question="{bank[0]["id"]}"] label', frame=FRAME)
    fresh.click("[data-action=next]", frame=FRAME)
    fresh.wait(f"!document.querySelector('fieldset[data-question=\"{bank[1]['id']}\"]').hidden", frame=FRAME)
    frame_fitted(fresh)
    assert fresh.js("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert foreign(fresh, proxy, host + "/", base_url + "/") == []
    assert fresh.errors() == []
    assert fresh.js("window.__rfErrors || []", frame=FRAME) == []


HITS = "document.querySelectorAll('.md-search-result__item').length"


def search(engine: Engine, query: str) -> int:
    """Type ``query`` into the search field as a reader does; retype until hits show (the index loads in
    the iframe-worker shim's frame: until it is ready Material shows "initializing"), up to a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        engine.type(".md-search__input", query)
        for _ in range(12):
            hits = engine.js(HITS)
            if hits:
                return hits
            time.sleep(0.25)
    return 0


def test_offline_pages_switch_and_search(fresh: Engine, proxy: RefusingProxy, bundle: Path) -> None:
    """From file://: the chooser to Russian, the same page switched to Spanish, a stemmed search hit."""
    fresh.goto((bundle / "index.html").as_uri())
    fresh.click("a[lang=ru]")
    fresh.wait("location.href.endsWith('/ru/index.html') && document.readyState === 'complete'", what="ru")
    assert fresh.js("document.documentElement.lang") == "ru"
    fresh.goto((bundle / "ru" / "when-to-say-no.html").as_uri())
    fresh.js("document.querySelector('a.rf-lang-link[lang=es]').click()")
    fresh.wait("location.href.endsWith('/es/when-to-say-no.html') && document.readyState === 'complete'")
    assert fresh.js("document.documentElement.lang") == "es"
    fresh.goto((bundle / "ru" / "index.html").as_uri())
    assert search(fresh, "клиентами") > 0
    assert fresh.js(LOCAL_RESOURCES) == []
    assert foreign(fresh, proxy) == []
    assert fresh.errors() == []


def test_offline_quiz_equals_cpython(fresh: Engine, proxy: RefusingProxy, bundle: Path) -> None:
    """The Russian quiz from file:// to a result equal to CPython's; only file:, blob: and data: used."""
    fresh.goto((bundle / "ru" / "quiz.html").as_uri())
    fresh.js("localStorage.clear()")
    fresh.goto((bundle / "ru" / "quiz.html").as_uri())
    answers, expected = cpython("ru", f"offline-{fresh.name}")
    assert_equal_to_cpython(fresh, answer_quiz(fresh, answers), expected)
    assert fresh.js(LOCAL_RESOURCES) == []
    assert foreign(fresh, proxy) == []
    assert fresh.errors() == []


PROBES = {
    "console after load": (
        "<script>setTimeout(() => console.error('probe: after load'), 1000)</script>",
        lambda engine: any("probe: after load" in e for e in engine.errors()),
    ),
    "console before load": (
        "<script>console.error('probe: before load')</script>",
        lambda engine: any("probe: before load" in e for e in engine.errors()),
    ),
    "worker console": (
        "<script>new Worker(URL.createObjectURL(new Blob([\"console.error('probe: in a worker')\"],"
        " {type: 'text/javascript'})))</script>",
        lambda engine: any("probe: in a worker" in e for e in engine.errors()),
    ),
    "request log": (
        "<img src='probe-missing.png' alt=''>",
        lambda engine: any(url.endswith("probe-missing.png") for url in engine.requests() or []),
    ),
    "request log from file://": (
        "<img src='probe-missing.png' alt=''>",
        lambda engine: any(url.endswith("probe-missing.png") for url in engine.requests() or []),
    ),
    "print emulation": (
        "<p>print</p>",
        lambda engine: engine.print_media(True) or engine.js("matchMedia('print').matches"),
    ),
}


@pytest.mark.parametrize("capability", list(PROBES))
def test_what_the_driver_reports(fresh: Engine, capability: str, tmp_path: Path) -> None:
    """What the checks above rely on the driver to report, probed on a page made to trigger it (over http,
    or as a file); a driver that cannot report it is skipped by name with the reason, so a green run never
    hides the gap."""
    if capability in fresh.cannot:
        pytest.skip(f"{fresh.name} {fresh.version}: cannot check {capability}: {fresh.cannot[capability]}")
    body, reported = PROBES[capability]
    page = tmp_path / "probe.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'><title>probe</title>{body}", encoding="utf-8")
    server, url = serve(tmp_path)
    try:
        fresh.goto(page.as_uri() if "file://" in capability else f"{url}/probe.html")
        fresh.js("new Promise((resolve) => setTimeout(() => resolve(true), 1500))")
        assert reported(fresh), f"{fresh.name}: {capability} was not reported"
    finally:
        server.shutdown()
        server.server_close()
