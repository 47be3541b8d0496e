"""What the command prints, checked against the result and the catalogs: the text report section by section, the
JSON envelope byte for byte, the questions as asked, and every failure in the reader's language with exit 2."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_driver import doc, run
from hypothesis import given, settings
from strategies import BANK, answer_sets

from quiz import cli
from quiz.cli import main, read_error_message, render_result, site_url_from_mkdocs
from quiz.errors import BankError, problem
from quiz.i18n import translations
from quiz.json_api import score_json
from quiz.model import Result
from quiz.scoring import score

Answers = Callable[..., dict[str, str]]


def section(report: str, title: str) -> list[str]:
    """The lines after ``title`` up to the next blank line."""
    lines = report.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


@settings(max_examples=40)
@given(answer_sets(unsure_weight=3))
def test_the_text_report_shows_the_result(chosen: dict[str, str]) -> None:
    """Verdict first (no score without a verdict), then the areas as bars of score/10 cells (halves up) with the
    score, or a dash when nothing was answered on the area, all bars in one column; dealbreakers, types and
    reasons only where the result has them."""
    result = score(BANK, chosen)
    report = render_result(result, BANK, translations("en"))
    lines = report.splitlines()
    undecided = result.band.id == "not-enough-answers"
    score_line = [] if undecided else [f"Overall risk: {result.score} out of 100"]
    head = ["", result.band.label.upper(), *score_line, result.band.verdict, f"Confidence: {result.confidence}%"]
    assert lines[: len(head) + 1] == [*head, result.summary]
    bars = section(report, "Risk by area")
    assert len(bars) == len(result.dimensions)
    columns = set()
    for line, area in zip(bars, result.dimensions, strict=True):
        label, _, rest = line.strip().partition("  ")
        assert label == area.label
        bar = rest.strip().split(" ")[0]
        filled = (2 * area.score + 10) // 20  # score / 10, halves up
        assert bar == "█" * filled + "·" * (10 - filled)
        assert line.endswith(f" {area.score:3d}" if area.answered else "   –")
        columns.add(line.index(bar))
    assert len(columns) == 1
    titles = ["Dealbreakers", "Risk by area", "Which problem clients this one resembles", "What weighed most",
              "Your action plan"]  # fmt: skip
    assert all(lines[lines.index(title) - 1] == "" for title in titles if title in lines)
    assert ("Dealbreakers" in lines) == bool(result.dealbreakers)
    if result.dealbreakers:
        assert section(report, "Dealbreakers") == [f"  ! {hit.text}" for hit in result.dealbreakers]
    types = section(report, "Which problem clients this one resembles")
    assert types == (
        [f"  - {t.label} ({t.strength}% match): {t.description}" for t in result.client_types]
        or ["  No problem-client type stands out."]
    )
    assert ("What weighed most" in lines) == bool(result.reasons)
    if result.reasons:
        assert section(report, "What weighed most") == [f"  {n}. {r.text}" for n, r in enumerate(result.reasons, 1)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_json_output_is_the_score_json_envelope(answers: Answers, lang: str) -> None:
    """The same envelope as the browser gets, keys sorted, characters as themselves."""
    text = doc(answers({"pays-on-time": "unpaid"}))
    code, out, err = run(["--answers", "-", "--json", "--lang", lang], stdin=text)
    assert (code, err) == (0, "")
    assert out == json.dumps(json.loads(score_json(text, lang)), ensure_ascii=False, sort_keys=True) + "\n"


def test_the_questions_are_asked_as_the_bank_has_them() -> None:
    """Each question with its number, its text and its numbered answers; 0 and one past the last are asked again,
    the last number and a number with spaces around it are taken."""
    first, second = BANK.questions[:2]
    typed = ["0", str(len(first.answers) + 1), f" {len(first.answers)} ", "1"] + ["1"] * (len(BANK.questions) - 2)
    code, out, _ = run(["--lang", "en"], stdin="\n".join(typed) + "\n")
    assert code == 0
    total = len(BANK.questions)
    count = len(first.answers)
    prompt = f"Your answer (1-{count}): "
    asked = [
        "How risky is this client? Think of one client and answer each question about them.",
        "",
        f"Question 1 of {total}",
        first.text,
        *(f"  {n}. {a.text}" for n, a in enumerate(first.answers, 1)),
        f"{prompt}Please type a number from 1 to {count}.",
        f"{prompt}Please type a number from 1 to {count}.",
        prompt,
        f"Question 2 of {total}",
        second.text,
    ]
    assert out.splitlines()[: len(asked)] == asked
    result = json.loads(run(["--json"], stdin="\n".join(typed) + "\n")[1])["result"]
    assert result["answered"] == total - 1  # the first question's last answer is "not sure"


def test_each_prompt_is_on_screen_before_the_answer_is_read() -> None:
    """The prompt ends without a newline, so it is flushed before reading (a terminal would show nothing)."""
    flushed: list[str] = []

    class Screen(io.StringIO):
        def flush(self) -> None:
            flushed.append(self.getvalue())

    screen = Screen()

    class Keyboard(io.StringIO):
        def readline(self, *args: object) -> str:
            assert flushed and flushed[-1] == screen.getvalue() and flushed[-1].endswith("): "), flushed[-1:]
            return "1\n"

    assert main(["--lang", "en"], stdin=Keyboard(), stdout=screen, stderr=io.StringIO(), env={}) == 0


def test_a_long_plan_is_cut_by_a_line_of_twenty(answers: Answers) -> None:
    worst = {q.id: q.answers[-3].id for q in BANK.questions} | {"abusive": "rude", "bribes": "no"}
    result = score(BANK, answers(worst))
    lines = render_result(result, BANK, translations("en")).splitlines()
    steps = lines[lines.index("Your action plan") + 1 :]
    cut = 2 * result.main_steps
    assert steps[cut : cut + 2] == ["  " + "─" * 20, "  More steps, once the first ones are done:"]
    assert [line for line in steps if line.startswith("  ─")] == ["  " + "─" * 20]


@pytest.mark.parametrize("base", ["https://x.test/sub/", "https://x.test/X"])
def test_links_join_the_base_url_the_language_and_the_topic(answers: Answers, base: str) -> None:
    _, out, _ = run(
        ["--answers", "-", "--lang", "es", "--base-url", base], stdin=doc(answers({"pays-on-time": "unpaid"}))
    )
    assert f"     → {base.rstrip('/')}/es/protect-yourself/#payment-terms" in out.splitlines()


def test_newer_answers_are_explained_for_the_terminal() -> None:
    _, _, err = run(["--answers", "-", "--lang", "ru"], stdin='{"schema_version": 99, "answers": {}}')
    ru = translations("ru")
    advice = ru.gettext("These answers were saved by a newer version of the quiz. Update the quiz and try again.")
    assert err.splitlines()[1] == f"  - {advice}"


def test_an_interrupted_run_says_so_and_exits_130() -> None:
    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:
            raise KeyboardInterrupt

    err = io.StringIO()
    code = main(["--lang", "ru"], stdin=Interrupting(), stdout=io.StringIO(), stderr=err, env={})
    assert (code, err.getvalue()) == (130, translations("ru").gettext("Interrupted.") + "\n")


def test_a_broken_bank_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its problems, each on a line, in the reader's language; with --json, as an envelope."""
    import quiz.resources

    problems = [problem("bank-missing", path="steps"), problem("bank-range", path="x.weight", value=0, low=1, high=10)]

    def broken() -> None:
        raise BankError(problems)

    monkeypatch.setattr(quiz.resources, "load_bank", broken)
    es = translations("es")
    code, out, err = run(["--answers", "-", "--lang", "es"], stdin="{}")
    assert (code, out) == (2, "")
    assert err.splitlines() == [es.gettext("The question bank is broken:")] + [f"  - {p.message(es)}" for p in problems]
    code, out, err = run(["--answers", "-", "--json", "--lang", "es"], stdin="{}")
    assert (code, err) == (2, "")
    assert json.loads(out) == {
        "ok": False,
        "errors": [{"answer": None, "code": p.code, "message": p.message(es), "question": None} for p in problems],
    }


def test_input_that_ends_early_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(["--lang", "es"], stdin="1\n")
    ended = translations("es").gettext("The input ended before every question was answered.")
    assert code == 2 and err == ended + "\n"
    assert out.endswith("): \n")  # the unanswered prompt's line is closed
    code, out, err = run(["--json", "--lang", "es"], stdin="1\n")
    assert code == 2 and json.loads(out)["errors"] == [
        {"answer": None, "code": "input-ended", "message": ended, "question": None}
    ]


@pytest.mark.parametrize(
    ("error", "english"),
    [
        (FileNotFoundError(), "Cannot read a.json: there is no such file."),
        (IsADirectoryError(), "Cannot read a.json: it is a folder, not a file."),
        (PermissionError(), "Cannot read a.json: permission denied."),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "Cannot read a.json: it is not UTF-8 text."),
        (OSError(5, "Input/output error"), "Cannot read a.json."),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es", "ru"])
def test_why_a_file_cannot_be_read(error: Exception, english: str, lang: str) -> None:
    tr = translations(lang)
    assert read_error_message("a.json", error, tr) == tr.gettext(english.replace("a.json", "%(file)s")) % {
        "file": "a.json"
    }


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'{"schema_version": 1, "answers": {"x": "\xff"}}')
    code, out, err = run(["--answers", str(path)])
    assert (code, out, err) == (2, "", f"Cannot read {path}: it is not UTF-8 text.\n")


def test_answers_that_cannot_be_scored_are_listed_with_the_valid_ids(answers: Answers) -> None:
    chosen = {**answers(), "nope": "x", "bribes": "maybe"}
    del chosen["abusive"]
    code, out, err = run(["--answers", "-", "--lang", "es"], stdin=doc(chosen))
    es = translations("es")
    bribes = BANK.question("bribes")
    assert bribes is not None
    valid = es.gettext("Valid ids: %(ids)s")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        es.gettext("These answers cannot be scored:"),
        "  - " + es.gettext("Question “%(question)s” has no answer “%(answer)s”.") % {"question": "bribes",
                                                                                     "answer": "maybe"},
        "    " + valid % {"ids": ", ".join(a.id for a in bribes.answers)},
        "  - " + es.gettext("There is no question “%(question)s”.") % {"question": "nope"},
        "    " + valid % {"ids": ", ".join(q.id for q in BANK.questions)},
        "  - " + es.gettext("Question “%(question)s” has no answer yet.") % {"question": "abusive"},
    ]  # fmt: skip


def test_the_help_speaks_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    """--lang is read before the options are parsed, in both spellings, so the help is in that language."""
    ru = translations("ru")
    helps = [
        "How risky is this client? Answer questions about one client and get a risk score, the reasons and an "
        "action plan.",
        "language of the questions and the result",
        "score an answers JSON file (- reads standard input)",
        "print the result as JSON",
        "public address of the site, for the links of the action plan",
    ]
    for argv in (["--lang", "ru", "--help"], ["--help", "--lang=ru"], ["--help", "--lang", "ru"]):
        with pytest.raises(SystemExit) as caught:
            run(argv)
        assert caught.value.code == 0
        words = " ".join(capsys.readouterr().out.split())  # the help is wrapped to the terminal
        assert words.startswith(
            "usage: python -m quiz [-h] [--lang {en,es,ru}] [--answers FILE] [--json] [--base-url URL]"
        )
        assert [text for text in helps if " ".join(ru.gettext(text).split()) not in words] == []
    with pytest.raises(SystemExit):  # "--lang" without its value: the environment's language
        run(["--help", "--lang"], env={"LANG": "es_ES.UTF-8"})
    words = " ".join(capsys.readouterr().out.split())
    assert translations("es").gettext("score an answers JSON file (- reads standard input)") in words


def test_without_arguments_the_process_streams_and_environment_are_used(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], answers: Answers
) -> None:
    monkeypatch.setattr(sys, "argv", ["quiz", "--answers", "-", "--json"])
    monkeypatch.setattr(sys, "stdin", io.StringIO(doc(answers({"abusive": "insults"}))))
    monkeypatch.setenv("LANGUAGE", "ru")
    assert main() == 0
    envelope = json.loads(capsys.readouterr().out)
    assert (envelope["result"]["lang"], envelope["result"]["band"]["id"]) == ("ru", "walk-away")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("site_name: x\nsite_url: https://a.test/sub/\n", "https://a.test/sub/"),
        ("site_url: 'https://b.test'  # the public address\n", "https://b.test"),
        ('site_url: "https://c.test/"\n', "https://c.test/"),
        ("site_name: x\n# site_url: https://d.test\n", None),
    ],
)
def test_the_site_url_is_read_from_mkdocs_yml(tmp_path: Path, text: str, url: str | None) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    assert site_url_from_mkdocs(path) == url


def test_without_a_readable_mkdocs_yml_links_stay_relative(tmp_path: Path, answers: Answers) -> None:
    assert site_url_from_mkdocs(tmp_path / "none.yml") is None
    (tmp_path / "latin1.yml").write_bytes(b"site_url: https://\xe9.test\n")
    assert site_url_from_mkdocs(tmp_path / "latin1.yml") is None
    result = Result.from_dict(json.loads(score_json(doc(answers({"pays-on-time": "unpaid"})), "en"))["result"])
    report = render_result(result, BANK, translations("en"))
    assert "     → protect-yourself/#payment-terms" in report.splitlines()
    assert cli.BASE_URL_VARIABLE == "REDFLAGS_BASE_URL"


def test_a_character_that_only_looks_like_a_number_is_asked_again() -> None:
    """'²' is a digit to str.isdigit() but no number to int(): the question is asked again, no traceback."""
    code, out, err = run(["--lang", "en", "--json"], stdin="²\n" + "1\n" * len(BANK.questions))
    assert code == 0 and json.loads(out)["ok"] is True
    assert err.count("Please type a number from 1 to") == 1


def test_without_arguments_failures_go_to_the_process_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["quiz", "--answers", "-"])
    monkeypatch.setattr(sys, "stdin", io.StringIO("{oops"))
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    assert main() == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[0] == translations("es").gettext("These answers cannot be scored:")
