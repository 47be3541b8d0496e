"""The quality gates of ``build.py check``: clean on the real site, and each one able to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.gates import axe, catalogs, lighthouse, links, vnu
from pipeline.gates.base import html_files

pytestmark = pytest.mark.gates
ROOT = Path(__file__).resolve().parents[2]
BAD_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body>
<input type="checkbox" autocomplete="off">
<a href="missing.html">gone</a>
</body></html>
"""


def test_vnu_finds_no_error_on_any_page(built_site: Path) -> None:
    """The Nu checker reports no error on any HTML file of the built site."""
    result = vnu.run(built_site, root=ROOT)
    assert [str(f) for f in result.findings] == []
    assert len(html_files(built_site)) >= 30


def test_vnu_names_file_and_line(tmp_path: Path) -> None:
    """An invalid attribute is reported with its file and line."""
    (tmp_path / "bad.html").write_text(BAD_HTML, encoding="utf-8")
    result = vnu.run(tmp_path, root=ROOT)
    assert [(f.path, f.line) for f in result.findings] == [("site/bad.html", 4)]
    assert "autocomplete" in result.findings[0].message


def test_linkchecker_finds_no_broken_link(built_site: Path) -> None:
    """LinkChecker, started on every page, finds every link of the site valid."""
    result = links.run(built_site, root=ROOT)
    assert [str(f) for f in result.findings] == []
    assert "0 broken" in result.figures


def test_linkchecker_reports_a_broken_link(tmp_path: Path) -> None:
    """A link to a missing file is a finding on the page that holds it."""
    (tmp_path / "index.html").write_text(BAD_HTML, encoding="utf-8")
    result = links.run(tmp_path, root=ROOT)
    assert len(result.findings) == 1
    assert result.findings[0].path == "site/index.html"
    assert "missing.html" in result.findings[0].message


def test_catalogs_pass_msgfmt_and_pofilter() -> None:
    """Every .po file of the project passes msgfmt --check and the four pofilter tests."""
    result = catalogs.run(ROOT / "site", root=ROOT)
    assert [str(f) for f in result.findings] == []
    assert len(catalogs.po_files(ROOT)) >= 20


def test_catalog_problems_are_named_with_their_line(tmp_path: Path) -> None:
    """A lost printf variable, lost markup and a broken plural header are each reported at their line."""
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        '#, python-format\nmsgid "Hello %s"\nmsgstr "Hola"\n\n'
        'msgid "A <b>bold</b> word"\nmsgstr "Una palabra"\n',
        encoding="utf-8",
    )
    result = catalogs.run(tmp_path, root=tmp_path)
    got = {(f.line, f.message.split(":")[0]) for f in result.findings}
    assert (7, "pofilter printf") in got
    assert (10, "pofilter xmltags") in got
    assert any(m.startswith("msgfmt") for _, m in got)


@pytest.mark.browser
def test_axe_on_quiz_result_and_error_views(built_site: Path, browser) -> None:
    """The quiz page passes axe in its result view and its error view too.

    One language here (each view is a cold Pyodide start); ``build.py check`` runs all of them.
    """
    quiz_pages = [f for f in html_files(built_site / "en") if axe.QUIZ_FORM in f.read_text(encoding="utf-8")]
    assert len(quiz_pages) >= 1
    found, views = axe.check_pages(built_site, quiz_pages, root=ROOT, browser=browser)
    assert [str(f) for f in found] == []
    assert views == 3 * len(quiz_pages)


@pytest.mark.browser
def test_lighthouse_on_the_quiz_page(built_site: Path) -> None:
    """Lighthouse (mobile) gives the quiz page 100 in accessibility, best practices and SEO.

    Performance is reported but not asserted here: on the shared test machine its
    simulated timings swing with the load (no timing asserts in tests); ``build.py check``
    applies the 95 bar to the median of three runs.
    """
    result = lighthouse.run(built_site, root=ROOT, paths=["en/quiz/"], runs=1)
    scores = result.scores["en/quiz/"]
    print("lighthouse en/quiz/", scores)
    assert {k: scores[k] for k in ("accessibility", "best-practices", "seo")} == {
        "accessibility": 100, "best-practices": 100, "seo": 100}
    audits = result.reports["en/quiz/"][0]["audits"]
    # served as nginx serves it: every text resource compressed, nothing render-blocking left unsent compressed
    assert audits["uses-text-compression"]["score"] == 1, audits["uses-text-compression"].get("details")


def test_lighthouse_takes_the_median_of_its_runs() -> None:
    """Several runs per page: each category is judged on its (low) median, not on the best run."""
    runs = [{"performance": 97, "seo": 100}, {"performance": 88, "seo": 100}, {"performance": 99, "seo": 92}]
    assert lighthouse.median_scores(runs) == {"performance": 97, "seo": 100}
    assert lighthouse.median_scores(runs[:2]) == {"performance": 88, "seo": 100}


def test_lighthouse_relaunches_only_a_chromium_that_did_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Unable to connect to Chrome' (no page measured) is retried; any other failure is reported at once."""
    import subprocess

    calls: list[str] = []

    def fake_run(outcomes: list[tuple[int, str]]):
        def run(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
            code, stderr = outcomes[len(calls)]
            calls.append(stderr)
            return subprocess.CompletedProcess(args, code, stdout='{"audits": {}}', stderr=stderr)

        return run

    launch = (1, "Runtime error encountered: Unable to connect to Chrome")
    monkeypatch.setattr(lighthouse.subprocess, "run", fake_run([launch, launch, (0, "")]))
    assert lighthouse.audit("http://127.0.0.1:1/", root=ROOT) == {"audits": {}}
    assert len(calls) == 3
    calls.clear()
    monkeypatch.setattr(lighthouse.subprocess, "run", fake_run([(1, "PROTOCOL_TIMEOUT"), (0, "")]))
    with pytest.raises(RuntimeError, match="PROTOCOL_TIMEOUT"):
        lighthouse.audit("http://127.0.0.1:1/", root=ROOT)
    assert len(calls) == 1
    calls.clear()
    monkeypatch.setattr(lighthouse.subprocess, "run", fake_run([launch] * 3))
    with pytest.raises(RuntimeError, match="Unable to connect"):
        lighthouse.audit("http://127.0.0.1:1/", root=ROOT)
    assert len(calls) == lighthouse.LAUNCH_ATTEMPTS
