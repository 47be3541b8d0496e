"""The quiz in Debian's Chromium: keyboard flow, engine parity, resume, share links, failures."""

from __future__ import annotations

import json
import random
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from quiz.json_api import bank_json, score_json
from tests.browser.conftest import PageLog
from tests.browser.quiz.conftest import LANGS

pytestmark = pytest.mark.browser
RESULT = ".rf-quiz__result"
ALERT = ".rf-quiz__problems [role=alert]"
FOCUS = "[document.activeElement.tagName, document.activeElement.matches(':focus-visible')]"
SLOW = 90_000  # ms: a cold Pyodide start on a busy 2-core machine


def bank(lang: str) -> dict:
    return json.loads(bank_json(lang))


def strings(page) -> dict[str, str]:
    return json.loads(page.locator("#quiz-config").text_content())["strings"]


def random_answers(rng: random.Random, lang: str = "en") -> dict[str, str]:
    return {q["id"]: rng.choice(q["answers"])["id"] for q in bank(lang)["questions"]}


def engine(answers: dict[str, str], lang: str, schema_version: int = 1) -> dict:
    return json.loads(score_json(json.dumps({"schema_version": schema_version, "answers": answers}), lang))


def open_quiz(context, url: str, lang: str, fragment: str = ""):
    page = context.new_page()
    log = PageLog(page)
    page.goto(f"{url}/{lang}/quiz/{fragment}")
    return page, log


def answer_by_keyboard(page, picks: list[int]) -> None:
    """Tab (past the skip link, header and menu) into the first question; then per question:
    Space, ArrowDown x pick, Enter."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('fieldset[data-question]')"):
            break
    else:
        raise AssertionError("Tab never reached the first question")
    for pick in picks:
        page.keyboard.press("Space")
        for _ in range(pick):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")


def answer_by_clicking(page, answers: dict[str, str], count: int | None = None) -> None:
    items = list(answers.items())[:count]
    for index, (question, answer) in enumerate(items):
        page.locator(f'fieldset[data-question="{question}"] input[value="{answer}"]').check()
        if index < len(items) - 1 or count is None:
            page.locator("[data-action=next]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_quiz_shows_the_engine_result(context, quiz_url, lang) -> None:
    """Tab/Space/arrows/Enter through every question; the verdict, score and plan are the engine's."""
    questions = bank(lang)["questions"]
    rng = random.Random(f"keyboard-{lang}")
    picks = [rng.randrange(len(q["answers"])) for q in questions]
    answers = {q["id"]: q["answers"][pick]["id"] for q, pick in zip(questions, picks, strict=True)}
    expected = engine(answers, lang)["result"]
    page, log = open_quiz(context, quiz_url, lang)
    t = strings(page)
    expect(page.locator(".rf-quiz__count")).to_have_text(t["progress"].format(number=1, total=len(questions)))
    answer_by_keyboard(page, picks)
    result = page.locator(RESULT)
    expect(result).to_be_visible(timeout=SLOW)
    expect(page.locator(".rf-quiz__band")).to_have_text(expected["band"]["label"])
    expect(page.locator(".rf-quiz__score")).to_contain_text(str(round(expected["score"])))
    # focus on the result's heading, ringed: the reader came by keyboard
    assert page.evaluate(FOCUS) == ["H2", True]
    links = page.locator(".rf-quiz__plan a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links and all(re.fullmatch(r"\.\./[\w/-]+/(#[\w-]+)?", href) for href in links), links
    assert log.errors == []
    assert log.foreign(quiz_url) == []


def test_worker_results_equal_cpython_for_random_answer_sets(context, quiz_url) -> None:
    """>= 50 random answer sets (and a few invalid ones) through the client: same JSON as CPython."""
    rng = random.Random(20261123)
    cases = []
    for index in range(60):
        lang = LANGS[index % 3]
        answers = random_answers(rng, lang)
        if index % 10 == 9:  # invalid sets too: the errors must match as well
            answers.pop(next(iter(answers)))
            answers["no-such-question"] = "x"
        cases.append({"lang": lang, "set": {"schema_version": 1, "answers": answers}})
    page, log = open_quiz(context, quiz_url, "en")
    got = page.evaluate(
        """async (cases) => {
            const base = JSON.parse(document.getElementById("quiz-config").textContent).quizBase;
            const { createQuizClient } = await import(new URL(base + "quiz-client.js", location.href));
            const client = createQuizClient(new URL(base + "quiz-worker.js", location.href));
            const out = [];
            for (const c of cases) out.push(JSON.stringify(await client.score(c.set, c.lang)));
            out.push(JSON.stringify(await client.bank("ru")));
            client.close();
            return out;
        }""",
        cases,
    )
    for case, text in zip(cases, got, strict=False):
        assert json.loads(text) == json.loads(score_json(json.dumps(case["set"]), case["lang"])), case
    assert json.loads(got[-1]) == bank("ru")
    assert sum(json.loads(text)["ok"] for text in got[:-1]) >= 50
    assert log.errors == []
    assert log.foreign(quiz_url) == []


def test_resume_after_reload_and_start_over(context, quiz_url) -> None:
    """Answers survive a reload (progress and result); "Start over" clears them."""
    answers = random_answers(random.Random(7), "es")
    page, log = open_quiz(context, quiz_url, "es")
    answer_by_clicking(page, answers, count=3)
    page.reload()
    t = strings(page)
    expect(page.locator(".rf-quiz__status")).to_have_text(t["resumed"])
    expect(page.locator(".rf-quiz__count")).to_contain_text("3")
    first = next(iter(answers.items()))
    assert page.locator(f'fieldset[data-question="{first[0]}"] input[value="{first[1]}"]').is_checked()
    rest = dict(list(answers.items())[2:])
    answer_by_clicking(page, rest)
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    band = page.locator(".rf-quiz__band").text_content()
    page.reload()
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    assert page.locator(".rf-quiz__band").text_content() == band == engine(answers, "es")["result"]["band"]["label"]
    page.emulate_media(media="print")  # the print stylesheet: the plan stays, buttons and share box go
    expect(page.locator(".rf-quiz__plan")).to_be_visible()
    expect(page.locator(".rf-quiz__actions")).to_be_hidden()
    expect(page.locator(".rf-quiz__share")).to_be_hidden()
    page.emulate_media(media="screen")
    page.locator("[data-action=restart]").click()
    expect(page.locator(RESULT)).to_be_hidden()
    expect(page.locator(".rf-quiz__count")).to_contain_text("1")
    assert page.locator("input[type=radio]:checked").count() == 0
    assert page.evaluate("localStorage.getItem('redflags-quiz')") is None
    assert log.errors == []
    assert log.foreign(quiz_url) == []


def test_share_link_in_a_new_context_shows_the_same_result(browser, quiz_url) -> None:
    """The link in the result view, opened in a fresh browser context, recomputes the same result."""
    answers = random_answers(random.Random(11), "ru")
    first = browser.new_context()
    page, _ = open_quiz(first, quiz_url, "ru")
    answer_by_clicking(page, answers)
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    link = page.locator(".rf-quiz__share-url").input_value()
    shown = page.locator(".rf-quiz__verdict").inner_text()
    first.close()
    assert link.startswith(f"{quiz_url}/ru/quiz/#quiz=1:")
    second = browser.new_context()
    try:
        page = second.new_page()
        log = PageLog(page)
        page.goto(link)
        expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
        assert page.locator(".rf-quiz__verdict").inner_text() == shown
        expect(page.locator(RESULT)).to_contain_text(strings(page)["shared_notice"])
        # focus on the heading for screen readers, but no keyboard ring round it: nobody tabbed there
        assert page.evaluate(FOCUS) == ["H2", False]
        assert page.evaluate("localStorage.getItem('redflags-quiz')") is None
        assert log.errors == []
        assert log.foreign(quiz_url) == []
    finally:
        second.close()


PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"


def _fragment(pairs: list[tuple[str, str]], version: int = 1) -> str:
    return f"#quiz={version}:" + ",".join(f"{quote(q, safe='')}={quote(a, safe='')}" for q, a in pairs)


def test_unreadable_links_show_the_damaged_message_and_run_nothing(context, quiz_url) -> None:
    """Links that carry no usable answer (huge, bad encoding, garbage, newer schema, only unknown ids): the
    localized "damaged" message, no result, no payload run."""
    valid = list(random_answers(random.Random(3), "es").items())
    tampered = {
        "huge": _fragment([(f"q{i}", "a" * 50) for i in range(2000)]),
        "bad encoding": "#quiz=1:%E0%A4%A=x",
        "newer schema": _fragment(valid, version=99),
        "garbage": "#quiz=<svg/onload=window.__pwned=1>",
        "only unknown ids": _fragment([(PAYLOAD_IMG, PAYLOAD_IMG), ("no_such_question", "x")]),
    }
    page, log = open_quiz(context, quiz_url, "es")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    t = strings(page)
    for name, fragment in tampered.items():
        page.evaluate("document.querySelector('.rf-quiz__problems').replaceChildren()")
        page.evaluate("h => { location.hash = h; }", fragment)
        alert = page.locator(ALERT)
        expect(alert, name).to_be_visible(timeout=SLOW)
        expect(alert, name).to_have_text(t["bad_link"])
        expect(page.locator(RESULT), name).to_be_hidden()
    assert page.locator(".rf-quiz img, .rf-quiz script, .rf-quiz svg[onload]").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert log.errors == []
    assert log.foreign(quiz_url) == []


@pytest.mark.parametrize("lang", LANGS)
def test_partial_links_keep_their_answers_and_open_at_the_first_missing_question(context, quiz_url, lang) -> None:
    """A link cut short, or with a bad pair, loads what it carries and says so in one line; no internal id shown."""
    valid = list(random_answers(random.Random(8), lang).items())
    q0, a0 = valid[0]
    cut = _fragment(valid)
    cut = cut[: cut.index(quote(valid[17][0], safe="")) + 5]  # cut inside the 18th pair, as a chat app would
    partial = {
        "cut in the middle": (cut, 17, 18),
        "unknown answer": (_fragment([(q0, "nope"), *valid[1:]]), 24, 1),
        "payload answer": (_fragment([(q0, PAYLOAD_IMG), *valid[1:]]), 24, 1),
        "unknown question": (_fragment([*valid[:-1], ("no_such_question", "x")]), 24, 25),
        "duplicate with two answers": (_fragment([(q0, a0), (q0, "other"), *valid[1:]]), 24, 1),
    }
    page, log = open_quiz(context, quiz_url, lang)
    t = strings(page)
    for name, (fragment, count, first_missing) in partial.items():
        page.evaluate("h => { location.hash = h; }", fragment)
        status = page.locator(".rf-quiz__status")
        expected = t["link_partial"].format(count=count, total=len(valid), next=first_missing)
        expect(status, name).to_have_text(expected, timeout=SLOW)
        expect(page.locator(RESULT), name).to_be_hidden()
        expect(page.locator(f"fieldset[data-question='{valid[first_missing - 1][0]}']"), name).to_be_visible()
        carried = {q: a for q, a in valid if page.locator(f'input[name="{q}"][value="{a}"]').is_checked()}
        assert len(carried) == count, name
        text = page.locator(".rf-quiz").inner_text()
        assert "nope" not in text and "no_such_question" not in text and "<img" not in text, name
        page.evaluate("document.querySelector('.rf-quiz__status').textContent = ''")
    assert page.locator(".rf-quiz img").count() == 0
    assert log.errors == []


def test_questions_render_without_javascript(browser, quiz_url) -> None:
    """With JavaScript off every question and answer is visible, with the noscript note."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{quiz_url}/es/quiz/")
        questions = bank("es")["questions"]
        fieldsets = page.locator("fieldset[data-question]")
        assert fieldsets.count() == len(questions)
        for index in range(fieldsets.count()):
            expect(fieldsets.nth(index)).to_be_visible()
        expect(page.locator("legend").first).to_contain_text(questions[0]["text"])
        assert page.locator("[data-rf-quiz] input[type=radio]").count() == sum(len(q["answers"]) for q in questions)
        expect(page.locator("noscript p, .rf-quiz__form > p.rf-quiz__alert").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("failure", ["blocked", "corrupt"])
def test_loader_failure_shows_message_and_retry_works(context, quiz_url, failure) -> None:
    """The wasm blocked, or served corrupt (a proxy's error page): a localized message with a retry
    button; answers kept; retry succeeds. Pyodide only logs a failed instantiation and never
    settles, so the corrupt case hangs unless the worker watches for that (quiz-worker.js)."""
    blocked = []

    def block(route) -> None:
        blocked.append(route.request.url)
        if failure == "blocked":
            route.abort()
        else:
            route.fulfill(status=200, content_type="application/wasm", body=b"<html>proxy error</html>")

    context.route("**/pyodide.asm.wasm", block)
    answers = random_answers(random.Random(9), "en")
    page, log = open_quiz(context, quiz_url, "en")
    t = strings(page)
    answer_by_clicking(page, answers)
    alert = page.locator(ALERT)
    expect(alert).to_contain_text(t["load_failed"], timeout=SLOW)
    assert blocked
    saved = json.loads(page.evaluate("localStorage.getItem('redflags-quiz')"))
    assert saved["answers"] == answers
    context.unroute("**/pyodide.asm.wasm")
    page.locator("[data-action=retry]").click()
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    expect(page.locator(".rf-quiz__band")).to_have_text(engine(answers, "en")["result"]["band"]["label"])
    assert log.foreign(quiz_url) == []


@pytest.mark.parametrize("lang", LANGS)
def test_long_plan_shows_six_steps_then_more_steps(context, quiz_url, lang) -> None:
    """A long plan shows its most urgent steps; the rest open behind "more steps" and are all printed."""
    answers = {q["id"]: q["answers"][-3]["id"] for q in bank(lang)["questions"]} | {"abusive": "rude", "bribes": "no"}
    expected = engine(answers, lang)["result"]
    main, plan = expected["main_steps"], expected["action_plan"]
    assert main == 6 < len(plan)
    page, log = open_quiz(context, quiz_url, lang, _fragment(list(answers.items())))
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    t = strings(page)
    first = page.locator(".rf-quiz__plan > ol > li")
    expect(first).to_have_count(main)
    assert first.all_inner_texts()[0].startswith(plan[0]["text"])
    toggle = page.locator("[data-action=more-steps]")
    more = page.locator(".rf-quiz__more-steps")
    expect(toggle).to_have_text(t["more_steps"].format(count=len(plan) - main))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(more).to_be_hidden()
    page.emulate_media(media="print")  # on paper: every step, after a separator, and no button
    expect(more).to_be_visible()
    expect(page.locator(".rf-quiz__more-title")).to_have_text(t["more_steps_title"])
    expect(toggle).to_be_hidden()
    page.emulate_media(media="screen")
    toggle.click()
    expect(more).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text(t["fewer_steps"])
    rest = more.locator("ol > li")
    expect(rest).to_have_count(len(plan) - main)
    assert rest.all_inner_texts()[0].startswith(plan[main]["text"])
    assert more.locator("ol").get_attribute("start") == str(main + 1)
    toggle.click()
    expect(more).to_be_hidden()
    assert log.errors == []
