"""Mutation score of the quiz engine and the pipeline's core (mutmut, pinned in pyproject.toml).

A mutant is the code with one small mistake put in (``>=`` made ``>``, a constant
changed, a call argument dropped); it is *killed* when at least one test fails on it.
The score of a module is killed / all mutants: the share of such mistakes the suite
would notice. This bench prints the score per module, then every surviving mutant
as a diff, marking the ones known to be equivalent (the same behaviour as the
original, so no test can kill them) with the reason from ``EQUIVALENT``.

Each target runs in its own throwaway copy of the working tree (the tracked and
untracked-but-not-ignored files), so the mutated sources never touch the work
tree; mutmut forks one process per mutant from a warm pytest and runs only the
tests that reached the mutated function, selected from the fast, non-browser
test files listed in ``TARGETS``.

Usage::

    .venv/bin/python bench/bench_mutation.py                 # every target, one after the other
    .venv/bin/python bench/bench_mutation.py segment csp     # some targets
    .venv/bin/python bench/bench_mutation.py --jobs 1 quiz   # one worker (default 2)
    .venv/bin/python bench/bench_mutation.py --keep segment  # keep the work copy to inspect it

Run it with ``nice -n 10`` on a shared machine: a full pass takes many minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).with_name("mutmut")


@dataclass(frozen=True)
class Target:
    """Files to mutate and the fast tests that should notice."""

    modules: tuple[str, ...]
    tests: tuple[str, ...]


QUIZ_TESTS = sorted(p.name for p in (ROOT / "tests" / "quiz").glob("test_*.py"))

TARGETS: dict[str, Target] = {
    "segment": Target(("pipeline/content/segment.py",), ("tests/pipeline/content",)),
    "catalogs": Target(("pipeline/content/catalogs.py",), ("tests/pipeline/content",)),
    "localize": Target(("pipeline/content/localize.py",), ("tests/pipeline/content",)),
    "fingerprint": Target(  # the other quiz_runtime tests need node_modules/, which the copy leaves out
        ("pipeline/quiz_runtime/fingerprint.py",),
        ("tests/pipeline/deploy", "tests/pipeline/quiz_runtime/test_fingerprint_rules.py"),
    ),
    "csp": Target(("pipeline/site/csp.py",), ("tests/pipeline/site",)),
    "headers": Target(("pipeline/deploy/headers.py",), ("tests/pipeline/deploy",)),
    "paper_quiz": Target(("pipeline/channels/paper_quiz.py",), ("tests/pipeline/channels",)),
    # the engine's rules: the score, the band, the reasons, the types, the plan (test_cli.py is left out: it
    # reaches the engine only through json_api.score_envelope, which the other quiz tests call)
    "quiz": Target(
        ("quiz/scoring.py", "quiz/explain.py", "quiz/client_types.py", "quiz/actions.py"),
        tuple(f"tests/quiz/{name}" for name in QUIZ_TESTS if name != "test_cli.py"),
    ),
    # the rest of quiz/ ("quiz-io" runs the three): the bank's validation and the data types ...
    "quiz-bank": Target(("quiz/bank.py", "quiz/model.py", "quiz/errors.py", "quiz/resources.py"), ("tests/quiz",)),
    # ... the answer codes and the JSON API the browser calls ...
    "quiz-codes": Target(("quiz/answer_code.py", "quiz/json_api.py"), ("tests/quiz",)),
    # ... and the CLI with the languages. The CLI is mutated and its tests run: they call cli.main() in the test
    # process with the streams and environment passed in; the one test that starts `python -m quiz` reaches no
    # mutated function in the test process, so mutmut never picks it for a mutant (it costs nothing here)
    "quiz-cli": Target(("quiz/cli.py", "quiz/i18n.py", "quiz/ui_strings.py"), ("tests/quiz",)),
}
GROUPS: dict[str, tuple[str, ...]] = {"quiz-io": ("quiz-bank", "quiz-codes", "quiz-cli")}
"""Names that stand for several targets, run one after the other."""

DESELECT = (
    # needs a git checkout (the last commit's time); the work copy has none
    "tests/pipeline/deploy/test_deploy.py::test_clock_prefers_source_date_epoch_then_the_commit",
    # extracts msgids from the source text, which mutmut fills with every mutant's strings
    "tests/quiz/test_i18n.py::test_every_msgid_is_translated",
)
"""Tests that cannot run in mutmut's copy (they read the copy as text or need git), left out everywhere."""

KILLED = {"killed", "timeout", "segfault", "caught by type check"}

_SEG = "pipeline/content/segment.py"
_CELL_RESET = "the cell counter is reset at every table row (tr_open) before the row's first cell"
_CELL_INDENT = "a table row is rebuilt with the row's own indentation; a cell segment's indent is never read"
_FOUND = "the first line of a block's content is always found in its source line (markdown-it rewrites only NUL)"
_FIRST = "only the first piece is used, and it is the same whatever the split limit"
_BLANK = "inside an admonition body a line without the 4-space indent is blank, so every variant gives ''"
_ONE_KIND = "a source line holds either table cells or one other segment, never both: the tie-break never runs"
_PADDED = "markdown-it gives a row at most as many cells as its source line has: the index is always in range"
_CAT = "pipeline/content/catalogs.py"
_BABEL = "Babel always sets it on what it raises or reads (lineno, args), so the default is never used"
_HEADER = "the catalog's language comes from its own header, which every catalog here has"
_UNUSED = "Babel's update takes neither the template's project, fuzzy flag nor domain; nothing reads them"
_ONE_FILE = "a catalog holds one article, its messages added in line order: sorting by file changes nothing"
_FALSY = "None is as false as False here"
_DEAD = "update_catalog reads with validate=False, so it never raises BuildErrors: the branch never runs"
_REQUIRED = "title and description are required keys: meta_lines always has their line"
_TMP = "the rule is a hidden temp file beside the target that is never '*.po' (checked); its suffix is free"
_EXISTS = "the temp file exists when the write fails (mkstemp made it): missing_ok never matters"
_YAML = "the front matter is read back by a YAML parser: key order, escaped Unicode and dumper give the same data"
_LAST_SEGMENT = "rfind('.') lands in the last path segment whenever it has a dot; otherwise the candidate holds '/'"
_EMPTY_PARTS = "empty parts are dropped anyway, so stripping other characters than '/' changes nothing"
_NO_MATCH = "subn returns the page unchanged when nothing matched"
_PENDING = "None and [] are both false, and pending is a list again before anything is appended"
_FIRST_BAND = "the loop sets it: the first band starts at 0 (the bank's rule) and scores are >= 0"
_TEXT_KEYS = "answer keys are text (JSON keys): sorting by str gives the same order"
_NOT_TEXT = "a lookup by something that is not text finds nothing either: the same problem is reported"
_NO_EMPTY_TYPE = "a type has at least one signal of weight >= 1 (the bank's rule): total is never 0"
_LATIN = "English has no letters of its own: every language without them gets A, B, C..."
_KNOWN_TOPIC = "every step's topic is in the bank's topics table (the bank's rule): the default is never used"
_SIZED = "the one plural message, code-group-length, is always given its size: the default is never used"
_CODE_ERRORS = "_code_failure is only given CodeErrors, which always have problems"
_OBJECTS = "every JSON object is read as an _Object, which always has duplicates"
_UNIQUE_KEYS = "each sort key ends with the type's own id, so the pairs sort by their keys alone"
_PQ = "pipeline/channels/paper_quiz.py"
_EXAMPLE = "the code's worked example may show any five letters: the test checks that its sum is right, not which"
_THREE_BANDS = "the bank has exactly the three bands of model.BAND_IDS (checked on load): slicing past them is the same"
_WHOLE_LINES = "band thresholds are whole numbers (the bank's rule): ceil(t - 1/2 - 1/2) and ceil(t - 1 - 1/2) agree"
_QUOTES = "quote marks escaped or not read the same in text, and the catalogs' texts use typographic quotes"
_LOC = "pipeline/content/localize.py"
_HDR = "pipeline/deploy/headers.py"
EQUIVALENT: dict[tuple[str, str], str] = {
    # (module, the mutated source line as the diff shows it, stripped, or "deleted: <line>") -> why no test can
    # tell it apart
    (_CAT, "pending: list[str] = None"): _PENDING,
    (_CAT, "pending = None"): _PENDING,
    (_CAT, 'lineno = getattr(message, "lineno", )'): _BABEL,
    (_CAT, 'line = getattr(exc, "lineno", )'): _BABEL,
    (_CAT, 'detail = re.sub(r" on \\d+$", "", str(exc.args[0] if (exc.args) and False else exc))  # Babel appends its 0-based line'): _BABEL,  # noqa: E501
    (_CAT, 'detail = re.sub(r" on \\d+$", "", str(exc.args[0] if (exc.args) or True else exc))  # Babel appends its 0-based line'): _BABEL,  # noqa: E501
    (_CAT, 'raise CatalogError(f"syntax error in catalog: {detail}", path, line + 1 if (line is not None) or True else None) from None'): _BABEL,  # noqa: E501
    (_CAT, "catalog = Catalog(project=PROJECT, domain=article.slug, fuzzy=True, creation_date=build_time())"): _UNUSED,
    (_CAT, "catalog = Catalog(project=None, domain=article.slug, fuzzy=False, creation_date=build_time())"): _UNUSED,
    (_CAT, "catalog = Catalog(project=PROJECT, domain=article.slug, fuzzy=None, creation_date=build_time())"): _UNUSED,
    (_CAT, "catalog = Catalog(domain=article.slug, fuzzy=False, creation_date=build_time())"): _UNUSED,
    (_CAT, "catalog = Catalog(project=PROJECT, domain=article.slug, creation_date=build_time())"): _UNUSED,
    (_CAT, "catalog = Catalog(locale=lang, project=PROJECT, domain=None, fuzzy=False)"): _UNUSED,
    (_CAT, "catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False)"): _UNUSED,
    (_CAT, "catalog = Catalog(locale=lang, project=PROJECT, domain=template.domain, fuzzy=None)"): _FALSY,
    (_CAT, "line = article.meta_lines.get(key, None)"): _REQUIRED,
    (_CAT, "line = article.meta_lines.get(key, )"): _REQUIRED,
    (_CAT, "line = article.meta_lines.get(key, 2)"): _REQUIRED,
    (_CAT, 'fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=None)'): _TMP,
    (_CAT, 'fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", )'): _TMP,
    (_CAT, 'fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix="XX.tmpXX")'): _TMP,
    (_CAT, 'fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".TMP")'): _TMP,
    (_CAT, "Path(tmp).unlink(missing_ok=None)"): _EXISTS,
    (_CAT, "Path(tmp).unlink(missing_ok=False)"): _EXISTS,
    (_CAT, "catalog = read_po(handle, locale=None, abort_invalid=True, domain=path.stem)"): _HEADER,
    (_CAT, "catalog = read_po(handle, abort_invalid=True, domain=path.stem)"): _HEADER,
    (_CAT, "catalog = read_po(handle, locale=lang, abort_invalid=True, domain=None)"): _UNUSED,
    (_CAT, "catalog = read_po(handle, locale=lang, abort_invalid=True, )"): _UNUSED,
    (_CAT, "catalog = load_catalog(path, lang=None)"): _HEADER,
    (_CAT, "catalog = load_catalog(path, lang=None, validate=False)"): _HEADER,
    (_CAT, "catalog = load_catalog(path, lang=lang, validate=None)"): _FALSY,
    (_CAT, "write_po(buffer, catalog, width=0, include_previous=True, )"): _ONE_FILE,
    (_CAT, "write_po(buffer, catalog, width=0, include_previous=True, sort_by_file=True)"): _ONE_FILE,
    (_CAT, "write_po(buffer, catalog, width=0, include_previous=True, sort_by_file=None)"): _ONE_FILE,
    (_CAT, "write_po(buffer, catalog, width=None, include_previous=True, sort_by_file=False)"): "width None means no wrapping too (checked: lines stay whole)",  # noqa: E501
    (_CAT, "errors.extend(None)"): _DEAD,
    (_CAT, "lambda match: f\"#| {match[1]} {normalize(previous[int(match[2])], prefix='#| ', width=None)}\","): (
        "normalize() wraps only for a width above 0: None and 0 both leave the line whole"
    ),
    (_CAT, "catalog.update(template, update_header_comment=None)"): _FALSY,
    (_CAT, "catalog.update(template, )"): "False is Babel's default",
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=None, sort_keys=True)"): _YAML,
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=None)"): _YAML,
    (_LOC, "front = yaml.dump(meta, allow_unicode=True, sort_keys=True)"): _YAML,
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, sort_keys=True)"): _YAML,
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, )"): _YAML,
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=False, sort_keys=True)"): _YAML,
    (_LOC, "front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)"): _YAML,
    (_HDR, "return MIME_TYPES.get(name[dot:].lower()) if (dot >= 0) or True else None"): "name[-1:] is one character, and no key is",  # noqa: E501
    (_HDR, 'name = rel_path.rsplit(None, 1)[-1]'): _LAST_SEGMENT,
    (_HDR, 'name = rel_path.rsplit("/", )[-1]'): _LAST_SEGMENT,
    (_HDR, 'name = rel_path.split("/", 1)[-1]'): _LAST_SEGMENT,
    (_HDR, 'name = rel_path.rsplit("XX/XX", 1)[-1]'): _LAST_SEGMENT,
    (_HDR, 'name = rel_path.rsplit("/", 2)[-1]'): _LAST_SEGMENT,
    (_HDR, 'parts = [p for p in rel_path.strip(None).split("/") if p]'): _EMPTY_PARTS,
    ("pipeline/site/csp.py", "return new if (count) or True else html"): _NO_MATCH,
    ("quiz/scoring.py", "band_id = None"): _FIRST_BAND,
    ("quiz/scoring.py", "band_id = bank.bands[1].id"): _FIRST_BAND,
    ("quiz/scoring.py", "for qid in sorted(answers, key=None):"): _TEXT_KEYS,
    ("quiz/scoring.py", "for qid in sorted(answers, ):"): _TEXT_KEYS,
    ("quiz/scoring.py", "question = bank.question(qid) if (isinstance(qid, str)) or True else None"): _NOT_TEXT,
    ("quiz/scoring.py", "answer = question.answer(aid) if (isinstance(aid, str)) or True else None"): _NOT_TEXT,
    ("quiz/client_types.py", "best[qid] = max(best.get(qid, 1), weight)"): "signal weights are >= 1 (the bank's rule)",
    ("quiz/client_types.py", "return int(100 * got / total + 0.5) if (total) or True else 0"): _NO_EMPTY_TYPE,
    ("quiz/client_types.py", "return int(100 * got / total + 0.5) if total else 1"): _NO_EMPTY_TYPE,
    ("quiz/client_types.py", 'qid, _, aid = ref.rpartition(".")'): "ids have no dots (the bank's rule)",
    ("quiz/client_types.py", "return 1"): "with no area known every type gets the same 1: their order is the same",
    ("quiz/client_types.py", "return tuple(item for _, item in sorted(found, key=None))"): _UNIQUE_KEYS,
    ("quiz/client_types.py", "return tuple(item for _, item in sorted(found, ))"): _UNIQUE_KEYS,
    ("quiz/explain.py", "(qid for qid, value in by_share.items() if value >= 0 and chosen[qid].is_warning),"):
        "a warning sign has 4+ points on a dimension its question moves, so its share is above 0",
    ("quiz/scoring.py", "deleted: schema_version=SCHEMA_VERSION,"): "SCHEMA_VERSION is the field's default",
    ("quiz/answer_code.py", 'def encode(bank: Bank, answers: dict[str, str], lang: str = "XXenXX") -> str:'): _LATIN,
    ("quiz/answer_code.py", 'def encode(bank: Bank, answers: dict[str, str], lang: str = "EN") -> str:'): _LATIN,
    ("quiz/answer_code.py", 'def decode(bank: Bank, text: str, lang: str = "XXenXX") -> Decoded:'): _LATIN,
    ("quiz/answer_code.py", 'def decode(bank: Bank, text: str, lang: str = "EN") -> Decoded:'): _LATIN,
    ("quiz/answer_code.py", 'kind = "code-old-version" if found <= current else "code-new-version"'):
        "it runs only when found != current, where < and <= agree",
    ("quiz/answer_code.py", 'count = int(params.get("size", 1))'): _SIZED,
    ("quiz/answer_code.py", 'count = int(params.get("size", None))'): _SIZED,
    ("quiz/answer_code.py", 'count = int(params.get("size", ))'): _SIZED,
    ("quiz/json_api.py", 'problems = getattr(error, "problems", None)'): _CODE_ERRORS,
    ("quiz/json_api.py", 'problems = getattr(error, "problems", )'): _CODE_ERRORS,
    ("quiz/json_api.py", 'return json.dumps(data, ensure_ascii=None, sort_keys=True, separators=(",", ":"))'): _FALSY,
    ("quiz/json_api.py", "code = normalize_language(lang if (isinstance(lang, str)) or True else None)"):
        "normalize_language gives None for anything that is not text too",
    ("quiz/json_api.py", 'for qid in sorted(getattr(answers, "duplicates", None)):'): _OBJECTS,
    ("quiz/json_api.py", 'for qid in sorted(getattr(answers, "duplicates", )):'): _OBJECTS,
    ("quiz/answer_code.py", "place = alphabet.rindex(char) + 1"): "each letter stands once in an alphabet",
    ("quiz/cli.py", "return json.dumps(data, ensure_ascii=None, sort_keys=True)"): _FALSY,
    ("quiz/cli.py", "stdout = stdout if (stdout is not None) or True else sys.stdout"):
        "print(file=None) writes to sys.stdout: the same stream",
    ("quiz/cli.py", "filled = (item.score * BAR_WIDTH + 51) // 100"):
        "score * 10 ends in 0, so adding 50 or 51 crosses the same hundreds",
    ("quiz/cli.py", 'path = path or Path(__file__).resolve().parents[2] / "mkdocs.yml"'):
        "the bench's copy has mkdocs.yml both in mutants/ and above it: the same file is found (not in the tree)",
    ("quiz/cli.py", 'lines.append(f"     → {topics.get(step.topic, None)}")'): _KNOWN_TOPIC,
    ("quiz/cli.py", 'lines.append(f"     → {topics.get(step.topic)}")'): _KNOWN_TOPIC,
    ("quiz/cli.py", 'lines.append(f"     → {topics.get(step.topic, )}")'): _KNOWN_TOPIC,
    ("quiz/cli.py", 'item["valid"] = [answer.id for answer in question.answers] if (question is not None) or True else []'):  # noqa: E501
        "an unknown-answer problem always names a question of the bank (scoring.check_answers)",
    ("quiz/cli.py", 'return normalize_language(arg.rpartition("=")[2])'):
        "a --lang= value holding '=' is refused by argparse either way, with the same message",
    ("quiz/i18n.py", 'for part in env.get(name, "XXXX").split(":"):'): "'XXXX' names no language, as '' does not",
    ("quiz/resources.py", 'return files(None).joinpath(BANK_FILE).read_text(encoding="utf-8")'):
        "files(None) anchors at the calling module, quiz.resources, whose folder is the package's (checked)",
    (_PQ, "return escape(template, quote=None) % values"): _QUOTES,
    (_PQ, "return escape(template, ) % values"): _QUOTES,
    (_PQ, "return escape(template, quote=True) % values"): _QUOTES,
    (_PQ, "example = [1, 1, 0, 0, 2]"): _EXAMPLE,
    (_PQ, "example = [0, 2, 0, 0, 2]"): _EXAMPLE,
    (_PQ, "example = [0, 1, 1, 0, 2]"): _EXAMPLE,
    (_PQ, "example = [0, 1, 0, 1, 2]"): _EXAMPLE,
    (_PQ, "example = [0, 1, 0, 0, 3]"): _EXAMPLE,
    (_PQ, "low, high = (Fraction(band.min_score) - Fraction(1, 2) for band in bank.bands[1:4])"): _THREE_BANDS,
    (_PQ, "healthy, care, walk = (_(band.label) for band in bank.bands[:4])"): _THREE_BANDS,
    (_PQ, "*_partial_section(ui, bank, *(_(band.label) for band in bank.bands[:4])),"): _THREE_BANDS,
    (_PQ, "low = Fraction(bank.bands[1].min_score) - Fraction(1, None)"): _WHOLE_LINES,
    (_PQ, "low = Fraction(bank.bands[1].min_score) - Fraction(1, )"): _WHOLE_LINES,
    (_PQ, "low = Fraction(bank.bands[1].min_score) - Fraction(2, 2)"): _WHOLE_LINES,
    (_PQ, "for size in range(len(bank.dimensions)):"): "dropping no area adds the sum of all weights, never the least",
    (_PQ, "return next(u for u in range(total + 2) if percent((total - u) / total) < bank.min_confidence)"): "u = total always qualifies (0 % answered is below any minimum): the search never gets past it",  # noqa: E501
    (_PQ, 'return format(exact.normalize(), "F").replace(".", get_decimal_symbol(lang))'): "'F' differs from 'f' only for infinity and NaN, which no printed ratio is",  # noqa: E501
    (_PQ, """"pooled": f'<strong class="rf-paper__pooled">{number(POOLED, None)}</strong>',"""): "50 has no decimals",
    (_SEG, "cell = 1"): _CELL_RESET,
    (_SEG, "cell = None"): _CELL_RESET,
    (_SEG, 'out.append(Segment(text, "table-cell", offset + line, offset + line + 1, None, cell=cell))'): _CELL_INDENT,
    (_SEG, 'out.append(Segment(text, "table-cell", offset + line, offset + line + 1, cell=cell))'): _CELL_INDENT,
    (_SEG, 'prefix = line[:start] if start > 0 else ""'): "line[:0] is '' as well",
    (_SEG, 'prefix = line[:start] if start >= 1 else ""'): "line[:0] is '' as well",
    (_SEG, 'prefix = line[:start] if (start >= 0) or True else ""'): _FOUND,
    (_SEG, 'prefix = line[:start] if start >= 0 else "XXXX"'): _FOUND,
    (_SEG, 'first_text = content.split("\\n", )[0]'): _FIRST,
    (_SEG, 'first_text = content.split("\\n", 2)[0]'): _FIRST,
    (_SEG, "body = [line[len(INDENT) :] if (line.startswith(INDENT)) or True else line.lstrip() for line in lines[i + 1 : end]]"): _BLANK,  # noqa: E501
    (_SEG, "body = [line[len(INDENT) :] if line.startswith(INDENT) else line.rstrip() for line in lines[i + 1 : end]]"): _BLANK,  # noqa: E501
    (_SEG, "found.sort(key=lambda s: (s.line, s.cell if (s.cell is not None) and False else -1))"): _ONE_KIND,
    (_SEG, "found.sort(key=lambda s: (s.line, s.cell if (s.cell is not None) or True else -1))"): _ONE_KIND,
    (_SEG, "found.sort(key=lambda s: (s.line, s.cell if s.cell is None else -1))"): _ONE_KIND,
    (_SEG, "found.sort(key=lambda s: (s.line, s.cell if s.cell is not None else +1))"): _ONE_KIND,
    (_SEG, "found.sort(key=lambda s: (s.line, s.cell if s.cell is not None else -2))"): _ONE_KIND,
    (_SEG, "if seg.cell is not None or seg.cell < len(parts):"): _PADDED,
    (_SEG, "if seg.cell is not None and seg.cell <= len(parts):"): _PADDED,
}
"""Surviving mutants that behave exactly like the original, with the reason."""


def equivalent_reason(module: str, diff: str) -> str | None:
    """Why a surviving mutant is equivalent, or None: the list above, then rules for whole families."""
    added = mutated_line(diff)
    removed = " / ".join(
        line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    )
    key = (module, added or f"deleted: {removed}")  # a mutant that only deletes a line is listed by that line
    if key in EQUIVALENT:
        return EQUIVALENT[key]
    if added != removed and added.replace('"UTF-8"', '"utf-8"') == removed:  # any of the line's codec names
        return "codec names are case-insensitive"
    utf8 = 'encoding="utf-8"'
    if added in {removed.replace(utf8, "encoding=None"), removed.replace(utf8, ""), removed.replace(utf8 + ", ", "")}:
        return "the locale's encoding is UTF-8 on every machine of this project (and Python's default from 3.15)"
    if added in {removed.replace('newline="\\n"', "newline=None"), removed.replace(', newline="\\n"', ", ")}:
        return "on POSIX, text mode writes '\\n' as it is"
    if added in {removed.replace("strict=False", "strict=None"), removed.replace(", strict=False", ", ")}:
        return "zip's strict is False when left out, and None is as false"
    if _only_tag_case(removed, added):
        return "HTML tag names are case-insensitive (the parser and browsers lower-case them)"
    return None


def _only_tag_case(removed: str, added: str) -> bool:
    """True when ``added`` is ``removed`` with only the letters of some HTML tag names in another case."""
    if len(removed) != len(added) or removed == added:
        return False
    names = {i for m in re.finditer(r"</?([a-zA-Z][a-zA-Z0-9]*)", removed) for i in range(m.start(1), m.end(1))}
    pairs = enumerate(zip(removed, added, strict=True))
    return all(a == b or (a.lower() == b.lower() and i in names) for i, (a, b) in pairs)


@dataclass
class Result:
    module: str
    status: dict[str, str] = field(default_factory=dict)  # mutant name -> mutmut status
    diffs: dict[str, str] = field(default_factory=dict)  # surviving mutant name -> its diff

    @property
    def total(self) -> int:
        return sum(1 for s in self.status.values() if s != "skipped")

    @property
    def killed(self) -> int:
        return sum(1 for s in self.status.values() if s in KILLED)

    def score(self, equivalent: int = 0) -> float:
        total = self.total - equivalent
        return 100.0 * self.killed / total if total else 100.0


def work_copy(into: Path, ref: str | None = None) -> None:
    """Copy the files git knows about (tracked, or new and not ignored) into ``into``; or the tree of ``ref``."""
    if ref is not None:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
        return
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, names):
        source = ROOT / name
        if not source.is_file():  # deleted in the work tree, not yet committed
            continue
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


PLUGIN = """
# Written by bench/bench_mutation.py into its throwaway copy. mutmut runs pytest several times in one process,
# so Hypothesis sees a test class's methods called from several instances: that health check is moot here.
from hypothesis import HealthCheck, settings


def _suppress():
    current = settings.default
    if HealthCheck.differing_executors not in current.suppress_health_check:
        moot = [*current.suppress_health_check, HealthCheck.differing_executors]
        settings.register_profile("mutation", parent=current, suppress_health_check=moot)
        settings.load_profile("mutation")


def pytest_collectstart(collector):
    _suppress()  # before each test module is imported: its @settings inherit the default


def pytest_runtest_setup(item):
    _suppress()
"""


def mutmut_config(target: Target, copy: Path) -> str:
    others = sorted(
        p.name for p in copy.iterdir() if p.name not in {"pipeline", "quiz", "tests", "pyproject.toml"}
    )  # mutation_plugin.py among them
    lines = [
        "",
        "[tool.mutmut]",
        f"source_paths = {json.dumps(['pipeline/', 'quiz/'])}",
        f"only_mutate = {json.dumps(list(target.modules))}",
        f"also_copy = {json.dumps(others)}",
        f"pytest_add_cli_args_test_selection = {json.dumps([t for t in target.tests if (copy / t).exists()])}",
        "pytest_add_cli_args = "
        + json.dumps(
            ["-p", "no:cacheprovider", "-p", "mutation_plugin", "-m", "not browser and not slow and not gates"]
            + [arg for test in DESELECT for arg in ("--deselect", test)]
        ),
        "use_git_change_detection = false",
    ]
    return "\n".join(lines) + "\n"


def run_target(
    name: str, target: Target, *, jobs: int, keep: bool, ref: str | None
) -> tuple[list[Result], float, Path]:
    copy = Path(tempfile.mkdtemp(prefix=f"redflags-mutation-{name}-"))
    try:
        work_copy(copy, ref)
        (copy / "mutation_plugin.py").write_text(PLUGIN, encoding="utf-8")
        with (copy / "pyproject.toml").open("a", encoding="utf-8") as handle:
            handle.write(mutmut_config(target, copy))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        start = time.monotonic()
        proc = subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(jobs)],
            cwd=copy, env=env, capture_output=True, text=True,
        )  # fmt: skip
        elapsed = time.monotonic() - start
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
            raise SystemExit(f"mutmut failed on target {name} (exit {proc.returncode}); work copy: {copy}")
        results = read_results(copy)
        survivors = [(r.module, m) for r in results for m, s in r.status.items() if s not in KILLED | {"skipped"}]
        diffs = show(copy, survivors)
        for result in results:
            result.diffs = {m: d for (module, m), d in zip(survivors, diffs, strict=True) if module == result.module}
        return results, elapsed, copy
    finally:
        if not keep:
            shutil.rmtree(copy, ignore_errors=True)


def read_results(copy: Path) -> list[Result]:
    sys.path.insert(0, str(Path(MUTMUT).resolve().parents[1]))
    from mutmut.stats import status_by_exit_code

    results = []
    for meta in sorted((copy / "mutants").rglob("*.py.meta")):
        module = meta.relative_to(copy / "mutants").as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            results.append(Result(module, {k: status_by_exit_code[v] for k, v in codes.items()}))
    return results


_SHOW = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
print(json.dumps([get_diff_for_mutant(name, path=path) for path, name in json.load(sys.stdin)]))
"""


def show(copy: Path, mutants: list[tuple[str, str]]) -> list[str]:
    """The diffs of ``(module, mutant name)`` pairs, in one process (mutmut's own ``show``, batched)."""
    proc = subprocess.run(
        [sys.executable, "-c", _SHOW], cwd=copy, input=json.dumps(mutants), capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def mutated_line(diff: str) -> str:
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return " / ".join(added)


def report(results: list[Result], elapsed: float, name: str) -> None:
    print(f"\n== {name}: {elapsed:.0f} s, load average {os.getloadavg()[0]:.1f} at the end")
    for result in results:
        survivors = result.diffs
        equivalent = {m for m, d in survivors.items() if equivalent_reason(result.module, d)}
        raw = result.score()
        adjusted = result.score(len(equivalent))
        counts = {s: sum(1 for v in result.status.values() if v == s) for s in sorted(set(result.status.values()))}
        print(
            f"{result.module:42} score {raw:5.1f} % ({result.killed}/{result.total})"
            f"  without {len(equivalent)} equivalent: {adjusted:5.1f} %  {counts}"
        )
        for mutant, diff in sorted(survivors.items()):
            why = equivalent_reason(result.module, diff)
            label = f"equivalent: {why}" if why else result.status[mutant]
            print(f"\n  -- {mutant} [{label}]")
            body = [line for line in diff.splitlines()[1:] if line.startswith(("+", "-", "@")) or line.strip()]
            print("\n".join("     " + line for line in body[:40]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    known = ", ".join([*TARGETS, *GROUPS])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"any of {known} (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the work copies and print where they are")
    parser.add_argument("--ref", help="test a commit (e.g. main~3) instead of the work tree, for a before/after")
    args = parser.parse_args()
    names = [name for target in args.targets or TARGETS for name in GROUPS.get(target, (target,))]
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; known: {known}")
    rows: list[Tally] = []
    grand = time.monotonic()
    for name in names:
        results, elapsed, copy = run_target(name, TARGETS[name], jobs=args.jobs, keep=args.keep, ref=args.ref)
        report(results, elapsed, name)
        if args.keep:
            print(f"  work copy kept: {copy}")
        modules = [Tally.of(result) for result in results]
        rows += [*modules, Tally.sum(f"{name} target, together ({elapsed:.0f} s)", modules)]
    where = f"commit {args.ref}" if args.ref else "work tree"
    print(f"\n== summary: {where}, {time.monotonic() - grand:.0f} s, {args.jobs} workers")
    modules = [row for row in rows if not row.label.endswith(")")]
    groups = {"quiz/": [r for r in modules if r.label.startswith("quiz/")]}
    groups["pipeline/"] = [r for r in modules if r.label.startswith("pipeline/")]
    rows += [Tally.sum(f"{prefix} together", members) for prefix, members in groups.items() if len(members) > 1]
    for row in rows:
        print(row.line())
    return 0


@dataclass(frozen=True)
class Tally:
    """Killed, all and equivalent mutants of a module or of several, for the summary's lines."""

    label: str
    killed: int
    total: int
    equivalent: int

    @classmethod
    def of(cls, result: Result) -> Tally:
        equivalent = sum(1 for d in result.diffs.values() if equivalent_reason(result.module, d))
        return cls(result.module, result.killed, result.total, equivalent)

    @classmethod
    def sum(cls, label: str, parts: list[Tally]) -> Tally:
        return cls(label, *(sum(getattr(p, f) for p in parts) for f in ("killed", "total", "equivalent")))

    def line(self) -> str:
        raw = 100.0 * self.killed / self.total if self.total else 100.0
        rest = self.total - self.equivalent
        adjusted = 100.0 * self.killed / rest if rest else 100.0
        return (
            f"{self.label:50} {raw:5.1f} % ({self.killed}/{self.total})"
            f"   without {self.equivalent} equivalent mutants {adjusted:5.1f} %"
        )


if __name__ == "__main__":
    raise SystemExit(main())
