"""The workshop zip from file://: unzipped into a temp folder, opened with no server.

Every request that is not ``file:`` (or the ``blob:``/``data:`` URLs a page makes
itself) is aborted and recorded; the flow must make none and log no console error.
The zip is built once per session.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

LOCAL = ("file:", "blob:", "data:")


class OfflineLog:
    """Console errors and aborted non-file requests of one context."""

    def __init__(self, context: object) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: object) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def watch(self, page: object) -> object:
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page


@pytest.fixture
def offline(browser: object) -> Iterator[tuple[object, OfflineLog]]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    log = OfflineLog(ctx)
    yield log.watch(ctx.new_page()), log
    ctx.close()


def test_zip_is_sorted_with_fixed_timestamps(offline_zip: Path) -> None:
    """Entries are sorted, under one top folder, with one timestamp: the zip is reproducible."""
    with zipfile.ZipFile(offline_zip) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert {name.split("/", 1)[0] for name in names} == {offline_zip.stem}
    assert len({info.date_time for info in infos}) == 1


def test_links_end_in_html(bundle: Path) -> None:
    """No directory URL is left in the chooser or the language switcher (file:// has no index lookup)."""
    chooser = (bundle / "index.html").read_text(encoding="utf-8")
    for lang in ("es", "ru", "en"):
        assert f'href="{lang}/index.html"' in chooser
    page = (bundle / "ru" / "when-to-say-no.html").read_text(encoding="utf-8")
    assert 'href="./../es/when-to-say-no.html"' in page
    assert "unpkg.com" not in page
    assert (bundle / "ru" / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()


def test_quiz_pages_allow_blob_workers_and_carry_the_classic_runtime(bundle: Path) -> None:
    """Only the quiz pages add ``blob:`` to worker-src; the runtime is classic scripts only, with no
    build-machine path in it (two builds give the same bytes)."""
    from pipeline.quiz_runtime.file_bundle import DATA_SCRIPTS, KEEP_WORKER, KEPT

    quiz = (bundle / "es" / "quiz.html").read_text(encoding="utf-8")
    assert "worker-src 'self' blob:;" in quiz
    assert 'type="module"' not in quiz and "modulepreload" not in quiz
    assert quiz.index(KEEP_WORKER) < quiz.index("iframe-worker-shim.js")
    assert "blob:" not in (bundle / "es" / "when-to-say-no.html").read_text(encoding="utf-8")
    (runtime,) = (bundle / "_quiz").iterdir()
    names = {path.name for path in runtime.iterdir()}
    expected = {*KEPT, *DATA_SCRIPTS, KEEP_WORKER, "quiz-widget-file.js", "quiz-file-runtime.js"}
    assert names == expected
    for name in ("quiz-widget-file.js", "quiz-file-runtime.js"):
        text = (runtime / name).read_text(encoding="utf-8")
        assert "redflags-quizfile-" not in text and "/tmp/" not in text, name


def _search(page: object, query: str) -> int:
    field = page.locator(".md-search__input")
    # The index loads in the shim's frame; until it is ready Material shows "initializing"
    # (up to 30 s: on the loaded 2-core machine 10 s was once not enough for the English index).
    for _ in range(120):
        field.fill(query)
        page.wait_for_timeout(250)
        if page.locator(".md-search-result__item").count():
            break
    return page.locator(".md-search-result__item").count()


def test_chooser_russian_page_switch_and_search(bundle: Path, offline: tuple[object, OfflineLog]) -> None:
    """Chooser -> Russian, the same page switched to Spanish, a stemmed search hit in each language."""
    page, log = offline
    page.goto((bundle / "index.html").as_uri())
    page.locator("a[lang=ru]").click()
    page.wait_for_url("**/ru/index.html")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.goto((bundle / "ru" / "when-to-say-no.html").as_uri())
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.rf-lang-link[lang=es]").click()
    page.wait_for_url("**/es/when-to-say-no.html")
    assert page.locator("html").get_attribute("lang") == "es"
    # Inflected forms that only a language's own stemmer maps onto the indexed words.
    for lang, query in (("es", "clientes"), ("ru", "клиентами"), ("en", "clients")):
        page.goto((bundle / lang / "index.html").as_uri())
        assert _search(page, query) > 0, f"no search hit for {query!r} in {lang}"
    assert log.blocked == []
    assert log.errors == []


def test_no_module_script_is_left_and_the_embed_page_shows_its_snippet(
    bundle: Path, offline: tuple[object, OfflineLog]
) -> None:
    """``file://`` refuses module scripts: none is left, and the embed page falls back to its static snippet."""
    left = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*.html") if 'type="module"' in p.read_text("utf-8")]
    assert left == []
    page, log = offline
    page.goto((bundle / "en" / "embed.html").as_uri())
    assert "data-redflags-quiz" in page.locator("pre code").first.text_content()
    page.wait_for_load_state("load")
    assert log.blocked == []
    assert log.errors == []


SLOW = 90_000  # ms: a cold Pyodide start on a busy 2-core machine


def _open_quiz(page: object, bundle: Path, lang: str) -> None:
    page.goto((bundle / lang / "quiz.html").as_uri())
    page.locator("fieldset[data-question] input").first.focus()  # the first interaction starts the runtime


def _runtime(page: object) -> str | None:
    return page.locator("[data-rf-quiz]").get_attribute("data-runtime")


def _quiz_worker(page: object) -> object:
    (worker,) = [w for w in page.workers if w.url.startswith("blob:")]
    return worker


QUIZ_LANG = "ru"


@pytest.fixture(scope="module")
def finished_quiz(bundle: Path, browser: object) -> Iterator[tuple[object, OfflineLog, dict]]:
    """The Russian quiz answered to its result over file:// (one cold Pyodide start for the tests below)."""
    from playwright.sync_api import expect

    from quiz.json_api import bank_json, score_json

    rng = random.Random("offline-quiz")
    answers = {q["id"]: rng.choice(q["answers"])["id"] for q in json.loads(bank_json(QUIZ_LANG))["questions"]}
    expected = json.loads(score_json(json.dumps({"schema_version": 1, "answers": answers}), QUIZ_LANG))["result"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    log = OfflineLog(ctx)
    page = log.watch(ctx.new_page())
    _open_quiz(page, bundle, QUIZ_LANG)
    for question, answer in answers.items():
        page.locator(f'fieldset[data-question="{question}"] input[value="{answer}"]').check()
        page.locator("[data-action=next]").click()
    expect(page.locator(".rf-quiz__result")).to_be_visible(timeout=SLOW)
    yield page, log, expected
    ctx.close()


def test_quiz_from_file_url_equals_the_cpython_engine_and_prints_the_plan(
    bundle: Path, finished_quiz: tuple[object, OfflineLog, dict]
) -> None:
    """The whole quiz over file://: the Python engine in a classic blob: worker, result equal to CPython's;
    in print the action plan stays and the controls go."""
    from playwright.sync_api import expect

    page, log, expected = finished_quiz
    assert _runtime(page) == "ready"
    expect(page.locator(".rf-quiz__band")).to_have_text(expected["band"]["label"])
    expect(page.locator(".rf-quiz__score")).to_contain_text(str(round(expected["score"])))
    steps = page.locator(".rf-quiz__plan li").all_inner_texts()
    assert len(steps) == len(expected["action_plan"])
    assert all(shown.startswith(step["text"]) for shown, step in zip(steps, expected["action_plan"], strict=True))
    hrefs = page.locator(".rf-quiz__plan a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:  # the plan links other pages of the bundle as files
        target = (bundle / QUIZ_LANG / href.split("#")[0]).resolve()
        assert target.suffix == ".html" and target.is_file(), href
    page.emulate_media(media="print")
    expect(page.locator(".rf-quiz__plan")).to_be_visible()
    for control in (".rf-quiz__actions", ".rf-quiz__share", ".rf-quiz__nav", ".rf-quiz__progress"):
        expect(page.locator(control)).to_be_hidden()
    page.emulate_media(media="screen")
    assert log.blocked == []
    assert log.errors == []


def test_file_shim_answers_exactly_the_files_pyodide_asks_for(
    bundle: Path, finished_quiz: tuple[object, OfflineLog, dict]
) -> None:
    """The fetch replacement in the worker carries exactly what pinned Pyodide asked for, and refuses the rest
    with a clear message (an upgrade that asks for another file fails here)."""
    from pipeline.quiz_runtime.file_bundle import SHIM_FILES

    page, log, _ = finished_quiz
    shim = _quiz_worker(page).evaluate("self.redflagsFileShim")
    assert sorted(shim["requested"]) == sorted(shim["files"]) == list(SHIM_FILES)
    assert shim["base"].startswith(bundle.as_uri()) and shim["base"].endswith("/")
    refused = _quiz_worker(page).evaluate(
        """(urls) => Promise.all(urls.map((url) => fetch(url).then(() => "answered", (error) => error.message)))""",
        [
            shim["base"] + "pyodide-lock.json",
            shim["base"] + "../pyodide.asm.wasm",
            "https://cdn.example.org/pyodide.asm.wasm",
        ],
    )
    for message in refused:
        assert "is not one of the bundle's files" in message, refused
    assert log.blocked == []  # refused before any request was made
    assert log.errors == []


@pytest.mark.parametrize("lang", ["es", "ru", "en"])
def test_a_worksheets_answer_code_gives_the_engines_result_over_file_url(
    bundle: Path, browser: object, lang: str
) -> None:
    """Issue 19: the code a participant writes on the bundle's printed worksheet (its version and letters, the
    check numbers added by hand), typed into the bundle's quiz: a slip gets the engine's message naming the
    group; the right code gives CPython's result and shows the same code; "clear my answers" leaves no quiz key."""
    from playwright.sync_api import expect

    from quiz.json_api import bank_json, decode_code_json, encode_code_json, score_json
    from tests.pipeline.channels.paper_sheet import Worksheet

    rng = random.Random(f"code-{lang}")
    bank = json.loads(bank_json(lang))
    answers = {q["id"]: rng.choice(q["answers"])["id"] for q in bank["questions"]}
    worksheet = Worksheet((bundle / lang / "paper-quiz.html").read_text(encoding="utf-8"))
    places = {letter: n for n, letter in enumerate(worksheet.key, start=1)}
    ticks = [
        worksheet.letter_of(num, next(a["text"] for a in q["answers"] if a["id"] == answers[q["id"]]))
        for num, q in enumerate(bank["questions"], start=1)
    ]
    groups = [ticks[start - 1 : end] for start, end in worksheet.strips]
    code = " ".join([worksheet.version, *("".join(g) + " " + str(sum(places[x] for x in g)) for g in groups)])
    document = json.dumps({"schema_version": 1, "answers": answers})
    assert json.loads(decode_code_json(code, lang))["answers"] == answers  # the worksheet's code is the engine's
    expected = json.loads(score_json(document, lang))["result"]
    # a slip: question 6 (the first of group 2) typed with another of its letters, so group 2 does not add up
    sixth = groups[1][0]
    other = worksheet.key[places[sixth] % len(bank["questions"][5]["answers"])]
    slip = code.replace(" " + "".join(groups[1]) + " ", " " + other + "".join(groups[1][1:]) + " ", 1)
    assert slip != code
    (error,) = json.loads(decode_code_json(slip, lang))["errors"]
    assert error["group"] == 2
    message = error["message"]

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    log = OfflineLog(ctx)
    page = log.watch(ctx.new_page())
    try:
        page.goto((bundle / lang / "quiz.html").as_uri())
        t = json.loads(page.locator("#quiz-config").text_content())["strings"]
        page.get_by_text(t["code_summary"]).click()
        field = page.get_by_label(t["code_label"])
        field.fill(slip)
        page.locator("[data-action=code]").click()
        expect(page.locator(".rf-quiz__code-problems [role=alert]")).to_have_text(message, timeout=SLOW)
        expect(page.locator(".rf-quiz__result")).to_be_hidden()
        # a code cut short: its two complete groups are kept and the quiz opens at question 11
        field.fill(" ".join(code.split(" ")[:5]))
        page.locator("[data-action=code]").click()
        partial = t["code_partial"].replace("{last}", "10").replace("{next}", "11")
        expect(page.locator(".rf-quiz__status")).to_have_text(partial, timeout=SLOW)
        eleventh = bank["questions"][10]["id"]
        expect(page.locator(f"fieldset[data-question='{eleventh}']")).to_be_visible()
        tenth = bank["questions"][9]
        expect(page.locator(f'input[name="{tenth["id"]}"][value="{answers[tenth["id"]]}"]')).to_be_checked()
        field.fill(code.lower() if lang != "ru" else code)
        page.locator("[data-action=code]").click()
        expect(page.locator(".rf-quiz__result")).to_be_visible(timeout=SLOW)
        expect(page.locator(".rf-quiz__band")).to_have_text(expected["band"]["label"])
        expect(page.locator(".rf-quiz__score")).to_contain_text(str(round(expected["score"])))
        own_code = json.loads(encode_code_json(document, lang))["code"]
        expect(page.locator(".rf-quiz__code-value")).to_have_text(own_code)
        assert page.evaluate("Object.keys(localStorage).some((k) => k.startsWith('redflags-quiz'))")
        page.locator("[data-action=clear]").click()
        expect(page.locator(".rf-quiz__status")).to_have_text(t["cleared"])
        keys = page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        assert not [key for key in keys if "quiz" in key], keys
        expect(page.locator(".rf-quiz__result")).to_be_hidden()
        assert page.locator("fieldset[data-question] input:checked").count() == 0
        page.reload()  # nothing comes back
        expect(page.locator(".rf-quiz__status")).to_have_text("")
        assert page.locator("fieldset[data-question] input:checked").count() == 0
        assert log.blocked == []
        assert log.errors == []
    finally:
        ctx.close()
