"""The command line: interactive and file modes, JSON output, exit codes, localized messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_driver import doc, run

from quiz.cli import site_url_from_mkdocs
from quiz.model import Bank

Answers = Callable[..., dict[str, str]]
ROOT = Path(__file__).resolve().parents[2]


def test_answers_file_as_json(tmp_path: Path, answers: Answers) -> None:
    """--answers FILE --json prints the score_json envelope and exits 0."""
    path = tmp_path / "a.json"
    path.write_text(doc(answers({"abusive": "insults"})), encoding="utf-8")
    code, out, _ = run(["--answers", str(path), "--json"])
    assert code == 0
    assert json.loads(out)["result"]["band"]["id"] == "walk-away"


def test_answers_from_stdin_as_text_in_spanish(answers: Answers) -> None:
    """--answers - reads standard input; the text report is in the chosen language."""
    code, out, _ = run(["--answers", "-", "--lang", "es"], stdin=doc(answers({"pays-on-time": "unpaid"})))
    assert code == 0
    assert "Tu plan de acción" in out and "protect-yourself/#payment-terms" in out


def test_language_comes_from_the_environment(answers: Answers) -> None:
    """Without --lang, LANGUAGE/LC_ALL/LANG choose the language."""
    code, out, _ = run(["--answers", "-"], stdin=doc(answers()), env={"LANGUAGE": "xx:ru_RU", "LANG": "es_ES.UTF-8"})
    assert code == 0 and "Ваш план действий" in out


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A missing file gives a localized message and exit 2."""
    code, out, err = run(["--answers", str(tmp_path / "none.json"), "--lang", "es"])
    assert code == 2 and out == ""
    assert err.startswith("No se puede leer")


def test_bad_answers_exit_2_with_messages(answers: Answers) -> None:
    """Incomplete answers list every problem on stderr and exit 2."""
    chosen = answers()
    del chosen["bribes"]
    code, _, err = run(["--answers", "-"], stdin=doc(chosen))
    assert code == 2
    assert "Question “bribes” has no answer yet." in err


def test_bad_answers_as_json_exit_2() -> None:
    """With --json, bad input prints the error envelope and still exits 2."""
    code, out, _ = run(["--answers", "-", "--json"], stdin="{oops")
    assert code == 2 and json.loads(out)["ok"] is False


def test_interactive_run(bank: Bank) -> None:
    """Typing 1 to every question gives a healthy result; a wrong entry is asked again."""
    code, out, _ = run(["--lang", "en"], stdin="x\n99\n" + "1\n" * len(bank.questions))
    assert code == 0
    assert out.count("Please type a number from 1 to 7.") == 2
    assert f"Question {len(bank.questions)} of {len(bank.questions)}" in out
    assert "HEALTHY" in out


def test_interactive_json_keeps_stdout_clean(bank: Bank) -> None:
    """Interactive --json asks on stderr so stdout holds only the JSON."""
    code, out, err = run(["--json"], stdin="1\n" * len(bank.questions))
    assert code == 0 and json.loads(out)["ok"] is True and "Question 1 of" in err


def test_input_ending_early_exits_2() -> None:
    """End of input before the last question is bad input (exit 2), with a localized message."""
    code, _, err = run(["--lang", "ru"], stdin="1\n2\n")
    assert code == 2 and "Ввод закончился" in err


def test_unknown_language_option_is_a_usage_error() -> None:
    """--lang with an unsupported code is rejected by the parser with exit 2."""
    with pytest.raises(SystemExit) as caught:
        run(["--lang", "de"])
    assert caught.value.code == 2


def test_module_entry_point_never_shows_a_traceback() -> None:
    """``python -m quiz`` with garbage on stdin exits 2 with a message and no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "--answers", "-", "--lang", "es"],
        input="\ud83d garbage".encode("utf-8", "surrogatepass"), capture_output=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and proc.stderr


def test_links_are_full_urls_from_the_base_url(answers: Answers) -> None:
    """--base-url, else REDFLAGS_BASE_URL, else mkdocs.yml's site_url, makes every plan link a full URL."""
    chosen = doc(answers({"pays-on-time": "unpaid"}))
    _, out, _ = run(["--answers", "-", "--lang", "ru", "--base-url", "https://x.test/sub/"], stdin=chosen)
    assert "→ https://x.test/sub/ru/protect-yourself/#payment-terms" in out
    _, out, _ = run(["--answers", "-"], stdin=chosen, env={"REDFLAGS_BASE_URL": "https://env.test"})
    assert "→ https://env.test/en/protect-yourself/#payment-terms" in out
    _, out, _ = run(["--answers", "-"], stdin=chosen)
    site_url = site_url_from_mkdocs()
    assert site_url and f"→ {site_url.rstrip('/')}/en/protect-yourself/#payment-terms" in out


def test_not_enough_answers_shows_no_score(bank: Bank) -> None:
    """ "Not enough answers" is no verdict: the report prints no "out of 100"."""
    code, out, _ = run(["--answers", "-"], stdin=doc({q.id: "unsure" for q in bank.questions}))
    assert code == 0 and "NOT ENOUGH ANSWERS" in out and "out of 100" not in out


@pytest.mark.parametrize("lang", ["ru", "es"])
def test_file_errors_are_entirely_localized(tmp_path: Path, lang: str) -> None:
    """A missing file or a folder is explained in the chosen language, with no English system text."""
    for target in (tmp_path / "none.json", tmp_path):
        code, _, err = run(["--answers", str(target), "--lang", lang])
        assert code == 2
        assert "No such file" not in err and "directory" not in err.lower() and "Errno" not in err
        assert err.startswith("Не удаётся" if lang == "ru" else "No se puede")


def test_json_mode_reports_every_failure_as_json(tmp_path: Path) -> None:
    """With --json, an unreadable file and input that ends early are JSON envelopes on stdout."""
    code, out, _ = run(["--answers", str(tmp_path / "none.json"), "--json", "--lang", "ru"])
    envelope = json.loads(out)
    assert code == 2 and envelope["ok"] is False and envelope["errors"][0]["code"] == "unreadable-file"
    code, out, _ = run(["--json"], stdin="1\n")
    assert code == 2 and json.loads(out)["errors"][0]["code"] == "input-ended"


def test_unknown_ids_list_the_valid_ones(bank: Bank, answers: Answers) -> None:
    """An unknown question or answer id is reported with the ids that would have been valid."""
    chosen = {**answers(), "nope": "x", "bribes": "maybe"}
    code, out, err = run(["--answers", "-"], stdin=doc(chosen))
    assert code == 2
    assert "Valid ids: " + ", ".join(q.id for q in bank.questions) in err
    assert "Valid ids: no, hinted, asked, unsure" in err
    _, out, _ = run(["--answers", "-", "--json"], stdin=doc(chosen))
    by_code = {item["code"]: item for item in json.loads(out)["errors"]}
    assert by_code["unknown-answer"]["valid"] == ["no", "hinted", "asked", "unsure"]


def test_json_syntax_errors_carry_no_english_detail() -> None:
    """Malformed JSON is located by line and column in the chosen language."""
    _, _, err = run(["--answers", "-", "--lang", "ru"], stdin='{\n  "a": oops}')
    assert "строка 2, столбец 8" in err and "Expecting" not in err


def test_newer_answers_give_terminal_advice() -> None:
    """Answers from a newer quiz are explained without the browser's "reload the page"."""
    _, _, err = run(["--answers", "-"], stdin='{"schema_version": 99, "answers": {}}')
    assert "Update the quiz" in err and "Reload" not in err


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
def test_long_plan_puts_the_first_steps_before_a_separator(bank: Bank, answers: Answers, lang: str) -> None:
    """The six most urgent steps come first; the rest follow a separator line, numbering carried on."""
    from quiz.actions import MAIN_STEPS
    from quiz.i18n import translations

    chosen = answers({q.id: q.answers[-3].id for q in bank.questions} | {"abusive": "rude", "bribes": "no"})
    code, out, _ = run(["--answers", "-", "--lang", lang], stdin=doc(chosen))
    assert code == 0
    plan = out.split(translations(lang).gettext("Your action plan"), 1)[1].splitlines()
    separator = next(i for i, line in enumerate(plan) if line.strip().startswith("─"))
    numbered = [line.strip().split(".")[0] for line in plan if line.strip()[:1].isdigit()]
    before = [line for line in plan[:separator] if line.strip()[:1].isdigit()]
    assert len(before) == MAIN_STEPS and len(numbered) > MAIN_STEPS
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]
    assert translations(lang).gettext("More steps, once the first ones are done:") in plan[separator + 1]


def test_short_plan_has_no_separator(answers: Answers) -> None:
    """A plan of six steps or fewer has no separator."""
    _, out, _ = run(["--answers", "-"], stdin=doc(answers({"pays-on-time": "reminders"})))
    assert "─" not in out and "More steps" not in out
