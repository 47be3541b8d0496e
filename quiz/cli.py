"""``python -m quiz``: take the quiz in a terminal, or score a saved answer set.

Usage::

    python -m quiz [--lang es|ru|en] [--answers FILE|-] [--json] [--base-url URL]

Without ``--answers`` the questions are asked one by one (type the number of an
answer). ``--answers`` reads an answers JSON document from a file, or from
standard input with ``-``. ``--json`` prints ``score_json``'s envelope instead
of text. The language defaults to ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``.
With ``--json`` every failure is a JSON envelope on standard output too.

Links in the action plan are full URLs ``<base>/<lang>/<page>/#<anchor>``. The
base URL is ``--base-url``, else ``REDFLAGS_BASE_URL`` (the variable the site
build reads), else the ``site_url:`` line of the checkout's ``mkdocs.yml`` (read
as text: the quiz stays standard-library only and never imports ``pipeline``);
without any of them the links stay relative (``<page>/#<anchor>``).

Exit status: 0 for a result, 2 for bad input (unreadable file, malformed or
incomplete answers, broken question bank, input closed before the end), 130
when interrupted. Messages are localized and no traceback is ever shown.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import Problem, QuizError, Translations
from .i18n import LANGUAGES, language_from_env, normalize_language, translations
from .model import Bank, Result

BASE_URL_VARIABLE = "REDFLAGS_BASE_URL"
"""The environment variable the site build also reads for its public base URL."""

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
BAR_WIDTH = 10


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run the command; returns the exit status (streams and environment can be passed in for tests)."""
    import os

    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    env = os.environ if env is None else env
    lang = _lang_from_argv(argv) or language_from_env(env)
    tr = translations(lang)
    args = _parser(tr).parse_args(argv)
    lang = args.lang or lang
    tr = translations(lang)
    base_url = args.base_url or env.get(BASE_URL_VARIABLE) or site_url_from_mkdocs()
    try:
        return _run(args.answers, args.json, lang, tr, stdin, stdout, stderr, base_url)
    except KeyboardInterrupt:
        print(tr.gettext("Interrupted."), file=stderr)
        return EXIT_INTERRUPTED


def _run(
    answers_file: str | None,
    as_json: bool,
    lang: str,
    tr: Translations,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    base_url: str | None = None,
) -> int:
    from .json_api import score_envelope
    from .resources import load_bank

    _ = tr.gettext
    try:
        bank = load_bank()
    except QuizError as error:
        if as_json:
            print(_dumps(_failure([(item.code, item.message(tr)) for item in error.problems])), file=stdout)
            return EXIT_BAD_INPUT
        print(_("The question bank is broken:"), file=stderr)
        _print_problems(error.problems, tr, stderr)
        return EXIT_BAD_INPUT
    if answers_file is None:
        if not as_json:
            print(_("How risky is this client? Think of one client and answer each question about them."), file=stdout)
        answers = ask(bank, tr, stdin, stderr if as_json else stdout)
        if answers is None:
            message = _("The input ended before every question was answered.")
            if as_json:
                print(_dumps(_failure([("input-ended", message)])), file=stdout)
            else:
                print(message, file=stderr)
            return EXIT_BAD_INPUT
        text = _dumps({"schema_version": bank.schema_version, "answers": answers})
    else:
        try:
            text = _read(answers_file, stdin)
        except (OSError, UnicodeDecodeError) as error:
            message = read_error_message(answers_file, error, tr)
            if as_json:
                print(_dumps(_failure([("unreadable-file", message)])), file=stdout)
            else:
                print(message, file=stderr)
            return EXIT_BAD_INPUT
    envelope = score_envelope(text, lang)
    if not envelope["ok"]:
        envelope["errors"] = [_for_terminal(item, bank, tr) for item in envelope["errors"]]
    if as_json:
        print(_dumps(envelope), file=stdout)
    elif envelope["ok"]:
        print(render_result(Result.from_dict(envelope["result"]), bank, tr, base_url=base_url), file=stdout)
    else:
        print(_("These answers cannot be scored:"), file=stderr)
        for item in envelope["errors"]:
            print(f"  - {item['message']}", file=stderr)
            if item.get("valid"):
                print("    " + _("Valid ids: %(ids)s") % {"ids": ", ".join(item["valid"])}, file=stderr)
    return EXIT_OK if envelope["ok"] else EXIT_BAD_INPUT


def ask(bank: Bank, tr: Translations, stdin: TextIO, stdout: TextIO) -> dict[str, str] | None:
    """Ask every question on ``stdout``, read numbers from ``stdin``; ``None`` if the input ends first."""
    _ = tr.gettext
    answers: dict[str, str] = {}
    total = len(bank.questions)
    for number, question in enumerate(bank.questions, start=1):
        print(file=stdout)
        print(_("Question %(number)d of %(total)d") % {"number": number, "total": total}, file=stdout)
        print(_(question.text), file=stdout)
        for index, answer in enumerate(question.answers, start=1):
            print(f"  {index}. {_(answer.text)}", file=stdout)
        count = len(question.answers)
        while True:
            print(_("Your answer (1-%(count)d): ") % {"count": count}, end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                print(file=stdout)
                return None
            choice = line.strip()
            if choice.isdecimal() and 1 <= int(choice) <= count:  # "²" passes isdigit(), not int()
                answers[question.id] = question.answers[int(choice) - 1].id
                break
            print(_("Please type a number from 1 to %(count)d.") % {"count": count}, file=stdout)
    return answers


def render_result(result: Result, bank: Bank, tr: Translations, *, base_url: str | None = None) -> str:
    """The result as plain text for a terminal; links are full URLs when ``base_url`` is given.

    "Not enough answers" is no verdict, so it shows no score either.
    """
    _ = tr.gettext
    prefix = f"{base_url.rstrip('/')}/{result.lang}/" if base_url else ""
    topics = {topic.id: f"{prefix}{topic.page}/#{topic.anchor}" for topic in bank.topics}
    undecided = result.band.id == bank.undecided.id
    score_line = [] if undecided else [_("Overall risk: %(score)d out of 100") % {"score": result.score}]
    lines = [
        "",
        f"{result.band.label.upper()}",
        *score_line,
        result.band.verdict,
        _("Confidence: %(percent)d%%") % {"percent": result.confidence},
        result.summary,
    ]
    if result.dealbreakers:
        lines += ["", _("Dealbreakers")]
        lines += [f"  ! {item.text}" for item in result.dealbreakers]
    lines += ["", _("Risk by area")]
    width = max(len(item.label) for item in result.dimensions)
    for item in result.dimensions:
        filled = (item.score * BAR_WIDTH + 50) // 100
        value = f"{item.score:3d}" if item.answered else "  –"
        lines.append(f"  {item.label:<{width}}  {'█' * filled}{'·' * (BAR_WIDTH - filled)} {value}")
    lines += ["", _("Which problem clients this one resembles")]
    if result.client_types:
        for match in result.client_types:
            strength = _("%(percent)d%% match") % {"percent": match.strength}
            lines.append(f"  - {match.label} ({strength}): {match.description}")
    else:
        lines.append("  " + _("No problem-client type stands out."))
    if result.reasons:
        lines += ["", _("What weighed most")]
        lines += [f"  {index}. {item.text}" for index, item in enumerate(result.reasons, start=1)]
    lines += ["", _("Your action plan")]
    for index, step in enumerate(result.action_plan, start=1):
        if index == result.main_steps + 1:  # the most urgent steps first, the rest after a separator
            lines += ["  " + "─" * 20, "  " + _("More steps, once the first ones are done:")]
        lines.append(f"  {index}. {step.text}")
        lines.append(f"     → {topics.get(step.topic, step.topic)}")
    return "\n".join(lines)


def _parser(tr: Translations) -> Any:
    import argparse

    _ = tr.gettext
    parser = argparse.ArgumentParser(
        prog="python -m quiz",
        description=_(
            "How risky is this client? Answer questions about one client and get a risk score, "
            "the reasons and an action plan."
        ),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the questions and the result"))
    parser.add_argument("--answers", metavar="FILE", help=_("score an answers JSON file (- reads standard input)"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.add_argument(
        "--base-url", metavar="URL", help=_("public address of the site, for the links of the action plan")
    )
    return parser


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    """``--lang`` looked up before parsing, so that the help and argument errors are localized too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return normalize_language(argv[index + 1])
        if arg.startswith("--lang="):
            return normalize_language(arg.partition("=")[2])
    return None


def site_url_from_mkdocs(path: Path | None = None) -> str | None:
    """The ``site_url:`` of the checkout's ``mkdocs.yml`` (one line, read as text), or ``None``."""
    import re

    path = path or Path(__file__).resolve().parents[1] / "mkdocs.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    return found.group(1) if found else None


def read_error_message(name: str, error: Exception, tr: Translations) -> str:
    """Why ``name`` cannot be read, entirely in the chosen language (no system text inside)."""
    _ = tr.gettext
    if isinstance(error, FileNotFoundError):
        text = _("Cannot read %(file)s: there is no such file.")
    elif isinstance(error, IsADirectoryError):
        text = _("Cannot read %(file)s: it is a folder, not a file.")
    elif isinstance(error, PermissionError):
        text = _("Cannot read %(file)s: permission denied.")
    elif isinstance(error, UnicodeDecodeError):
        text = _("Cannot read %(file)s: it is not UTF-8 text.")
    else:
        text = _("Cannot read %(file)s.")
    return text % {"file": name}


def _for_terminal(item: dict[str, Any], bank: Bank, tr: Translations) -> dict[str, Any]:
    """An envelope error as the terminal shows it: valid ids listed, no browser advice."""
    item = dict(item)
    if item.get("code") == "unknown-question":
        item["valid"] = [question.id for question in bank.questions]
    elif item.get("code") == "unknown-answer":
        question = bank.question(str(item.get("question")))
        item["valid"] = [answer.id for answer in question.answers] if question is not None else []
    elif item.get("code") == "newer-schema":
        item["message"] = tr.gettext(
            "These answers were saved by a newer version of the quiz. Update the quiz and try again."
        )
    return item


def _failure(errors: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A ``score_json``-shaped failure envelope for problems found before scoring."""
    return {
        "ok": False,
        "errors": [{"answer": None, "code": code, "message": message, "question": None} for code, message in errors],
    }


def _read(name: str, stdin: TextIO) -> str:
    if name == "-":
        return stdin.read()
    with open(name, encoding="utf-8") as stream:
        return stream.read()


def _print_problems(problems: Sequence[Problem], tr: Translations, stream: TextIO) -> None:
    for item in problems:
        print(f"  - {item.message(tr)}", file=stream)


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True)
