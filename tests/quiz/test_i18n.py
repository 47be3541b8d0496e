"""Catalogs: complete, natural-language conventions kept, correct plurals, checked on compile, merged safely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pipeline.quiz_runtime.catalogs import (
    QuizCatalogError,
    compile_quiz_catalogs,
    extract_quiz_template,
    missing_translations,
    po_path,
    update_quiz_catalogs,
)
from quiz.i18n import language_from_env, normalize_language, translations

ROOT = Path(__file__).resolve().parents[2]
PLURAL_FORMS = {
    "es": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}


def catalog(lang: str):  # noqa: ANN201 - a babel Catalog
    with po_path(ROOT, lang).open("rb") as stream:
        return read_po(stream, locale=lang)


def msgstrs(lang: str) -> list[str]:
    texts = []
    for message in catalog(lang):
        if message.id:
            texts += list(message.string) if isinstance(message.string, tuple) else [message.string]
    return texts


def test_every_msgid_is_translated() -> None:
    """Every msgid of the template has a non-fuzzy translation in es and ru."""
    assert missing_translations(ROOT) == {"es": [], "ru": []}


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_plural_forms_header(lang: str) -> None:
    """Each catalog declares the right Plural-Forms for its language."""
    assert catalog(lang).plural_forms == PLURAL_FORMS[lang]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "Найден 1 тревожный сигнал."), (2, "Найдено 2 тревожных сигнала."),
     (5, "Найдено 5 тревожных сигналов."), (11, "Найдено 11 тревожных сигналов."),
     (21, "Найден 21 тревожный сигнал."), (22, "Найдено 22 тревожных сигнала.")],
)  # fmt: skip
def test_russian_plurals(count: int, expected: str) -> None:
    """Russian uses the one/few/many forms: 1 and 21, 2 and 22, 5 and 11."""
    ru = translations("ru")
    assert (
        ru.ngettext("%(count)d warning sign found.", "%(count)d warning signs found.", count) % {"count": count}
        == expected
    )


def test_russian_plural_of_question_total() -> None:
    """'из 21 вопроса' but 'из 25 вопросов'."""
    ru = translations("ru")
    single, plural = "%(answered)d of %(total)d question answered.", "%(answered)d of %(total)d questions answered."
    assert ru.ngettext(single, plural, 21) % {"answered": 3, "total": 21} == "Отвечено на 3 из 21 вопроса."
    assert ru.ngettext(single, plural, 25) % {"answered": 3, "total": 25} == "Отвечено на 3 из 25 вопросов."


def test_spanish_uses_tu() -> None:
    """Spanish speaks to the reader as tú: no usted, su/sus as 'your', or vosotros forms."""
    pattern = re.compile(r"\b(usted|ustedes|vosotros|vuestro|vuestra|hayáis|podéis)\b", re.IGNORECASE)
    assert [text for text in msgstrs("es") if pattern.search(text)] == []


def test_russian_quotes_and_lowercase_vy() -> None:
    """Russian uses «» quotes and a lowercase 'вы' inside sentences."""
    texts = msgstrs("ru")
    assert [t for t in texts if re.search(r"[“”\"]", t)] == []
    assert [t for t in texts if re.search(r"(?<=[а-яё,:;—] )В(ы|ас|ам|ами|аш|аша|аше|аши)\b", t)] == []


def test_template_holds_bank_and_code_messages() -> None:
    """The extracted template has bank texts (with their key), code messages and the plural msgid."""
    template = extract_quiz_template(ROOT)
    payment = template.get("Payment")
    assert payment is not None and ("quiz/data/bank.toml", 14) in payment.locations
    assert template.get("Question “%(question)s” has no answer yet.") is not None
    plural = template.get("%(count)d warning sign found.")
    assert plural is not None and plural.pluralizable and plural.python_format


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "quiz", root / "quiz", ignore=shutil.ignore_patterns("__pycache__", "locale"))
    for lang in ("es", "ru"):
        target = po_path(root, lang)
        target.parent.mkdir(parents=True)
        shutil.copy(po_path(ROOT, lang), target)
    return root


def test_compile_writes_mo_into_the_package(tmp_path: Path) -> None:
    """compile_quiz_catalogs writes quiz/locale/<lang>/LC_MESSAGES/quiz-engine.mo for each language."""
    root = copy_project(tmp_path)
    written = compile_quiz_catalogs(root)
    assert [p.relative_to(root).as_posix() for p in written] == [
        "quiz/locale/es/LC_MESSAGES/quiz-engine.mo",
        "quiz/locale/ru/LC_MESSAGES/quiz-engine.mo",
    ]


def test_compile_rejects_a_placeholder_mismatch(tmp_path: Path) -> None:
    """A msgstr that drops or renames a placeholder fails with the file and its line."""
    root = copy_project(tmp_path)
    path = po_path(root, "es")
    text = path.read_text(encoding="utf-8")
    broken = text.replace('msgstr "Pregunta %(number)d de %(total)d"', 'msgstr "Pregunta %(numero)d de %(total)d"')
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(QuizCatalogError) as caught:
        compile_quiz_catalogs(root)
    line = broken.splitlines().index('msgid "Question %(number)d of %(total)d"') + 1
    assert caught.value.path == path and caught.value.line == line
    assert "%(numero)d" in str(caught.value)


def test_compile_rejects_brace_mismatch(tmp_path: Path) -> None:
    """A browser string whose {placeholder} is translated away fails too."""
    root = copy_project(tmp_path)
    path = po_path(root, "ru")
    text = path.read_text(encoding="utf-8")
    broken = text.replace('msgstr "Вопрос {number} из {total}"', 'msgstr "Вопрос {номер} из {total}"')
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(QuizCatalogError, match=r"\{номер\}"):
        compile_quiz_catalogs(root)


def test_compile_reports_po_syntax_errors_with_line(tmp_path: Path) -> None:
    """Broken PO syntax is a QuizCatalogError naming file and line."""
    root = copy_project(tmp_path)
    path = po_path(root, "es")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(30, 'msgstr "orphan" garbage')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(QuizCatalogError) as caught:
        compile_quiz_catalogs(root)
    assert caught.value.path == path and caught.value.line == 31
    assert "orphan" in str(caught.value)


def test_babel_syntax_errors_get_one_based_lines(tmp_path: Path) -> None:
    """A PO error only Babel's parser sees (msgid without msgstr) is reported at its 1-based line."""
    root = copy_project(tmp_path)
    path = po_path(root, "ru")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[30:30] = ['msgid "lonely"', 'msgid "twice"', 'msgstr ""']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(QuizCatalogError) as caught:
        compile_quiz_catalogs(root)
    assert caught.value.path == path and caught.value.line == 31  # the msgid "lonely" line
    assert str(caught.value).endswith("quiz-engine.po:31: syntax error in catalog: missing msgstr for msgid 'lonely'")


def test_update_keeps_translations_and_marks_changes_fuzzy(tmp_path: Path) -> None:
    """After a bank text changes, update keeps the rest, marks the changed entry fuzzy with its previous id."""
    root = copy_project(tmp_path)
    bank = root / "quiz" / "data" / "bank.toml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            '"They pay on time, as agreed."', '"They pay on time, as agreed in writing."'
        )
    )
    update_quiz_catalogs(root)
    with po_path(root, "es").open("rb") as stream:
        es = read_po(stream, locale="es")
    changed = es.get("They pay on time, as agreed in writing.")
    assert changed is not None and changed.fuzzy and changed.string == "Paga a tiempo, como se acordó."
    text = po_path(root, "es").read_text(encoding="utf-8")
    assert '#| msgid "They pay on time, as agreed."\nmsgid "They pay on time, as agreed in writing."' in text
    assert es.get("Payment").string == "Pagos"
    assert (root / "locales" / "quiz-engine.pot").is_file()
    assert not list(po_path(root, "es").parent.glob("*.tmp"))


@pytest.mark.parametrize(
    ("value", "code"),
    [("es_ES.UTF-8", "es"), ("ru-RU", "ru"), ("EN", "en"), ("de_DE", None), ("", None), ("C", None)],
)
def test_normalize_language(value: str, code: str | None) -> None:
    """Locale names reduce to a supported language code, or None."""
    assert normalize_language(value) == code


@pytest.mark.parametrize(
    ("env", "lang"),
    [({}, "en"), ({"LANG": "ru_RU.UTF-8"}, "ru"), ({"LANGUAGE": "de:es", "LANG": "ru_RU"}, "es"),
     ({"LC_ALL": "C", "LANG": "es_MX"}, "es")],
)  # fmt: skip
def test_language_from_env(env: dict[str, str], lang: str) -> None:
    """The first supported language of LANGUAGE, LC_ALL, LC_MESSAGES, LANG wins; English otherwise."""
    assert language_from_env(env) == lang


def test_english_needs_no_catalog() -> None:
    """English returns the msgids through NullTranslations."""
    import gettext

    en = translations("en")
    assert isinstance(en, gettext.NullTranslations) and en.gettext("Payment") == "Payment"


@pytest.mark.parametrize(
    ("value", "code"),
    [("ru_RU@latin", "ru"), ("ru@latin", "ru"), ("es.UTF-8", "es"), (" es ", "es"), ("es-419", "es"),
     ("EN_us.utf8", "en"), ("r", None), ("russian", None), (None, None), (5, None)],
)  # fmt: skip
def test_normalize_language_edge_cases(value: object, code: str | None) -> None:
    assert normalize_language(value) == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("env", "lang"),
    [({"LC_MESSAGES": "ru_RU", "LANG": "es_ES"}, "ru"), ({"LC_ALL": "es", "LC_MESSAGES": "ru"}, "es"),
     ({"LANGUAGE": "de:fr", "LANG": "C"}, "en"), ({"LANGUAGE": ":ru:", "LC_ALL": "es"}, "ru")],
)  # fmt: skip
def test_language_from_env_in_gettexts_order(env: dict[str, str], lang: str) -> None:
    """LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG: the first supported language wins."""
    assert language_from_env(env) == lang


def test_a_catalog_exists_exactly_for_the_sites_languages() -> None:
    from quiz.i18n import has_catalog

    assert [lang for lang in ("en", "es", "ru", "de", "fr") if has_catalog(lang)] == ["en", "es", "ru"]


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_every_browser_string_is_translated_with_its_placeholders(lang: str) -> None:
    from quiz.ui_strings import UI_STRINGS, translate_ui_strings

    strings = translate_ui_strings(translations(lang).gettext)
    assert list(strings) == list(UI_STRINGS)
    for key, msgid in UI_STRINGS.items():
        assert strings[key] != msgid, key
        assert sorted(re.findall(r"\{\w+\}", strings[key])) == sorted(re.findall(r"\{\w+\}", msgid)), key
