"""Post-build checks: the quiz's run-time links to guidance pages."""

from __future__ import annotations

from pipeline.site.checks import quiz_topics, quoted_link_title_problems, topic_link_problems


def _page(root, lang, slug, html):
    path = root / lang / slug / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_missing_page_and_missing_anchor_are_reported(tmp_path) -> None:
    """A topic whose page or anchor is absent in one language is named with that language."""
    topics = {"deposit": {"page": "protect-yourself", "anchor": "payment-terms"}}
    _page(tmp_path, "en", "protect-yourself", '<h2 id="payment-terms">Payment</h2>')
    _page(tmp_path, "es", "protect-yourself", '<h2 id="other">Pago</h2>')
    problems = topic_link_problems(tmp_path, languages=("en", "es", "ru"), topics=topics)
    assert problems == [
        "[es] quiz topic 'deposit': no anchor #payment-terms on 'protect-yourself'",
        "[ru] quiz topic 'deposit': no page 'protect-yourself'",
    ]


def test_real_bank_topics_resolve_in_the_built_site(tmp_path) -> None:
    """The engine's topic table names pages and anchors; all are checked, none is empty."""
    topics = quiz_topics()
    assert topics and all(t["page"] for t in topics.values())
    problems = topic_link_problems(tmp_path, languages=("en",), topics=topics)
    assert len(problems) == len(topics)  # empty site: every one is reported


def test_quoted_link_title_must_match_the_target_heading(tmp_path) -> None:
    """«[Title](…)» and [«Title»](…) are checked against the heading; plain link text is not."""
    target = (
        '<h1>Protect yourself</h1><h2 id="ending-politely">Termina la relación con educación'
        '<a class="headerlink" href="#ending-politely">¶</a></h2>'
    )
    _page(tmp_path, "es", "protect-yourself", target)
    _page(
        tmp_path,
        "es",
        "when-to-say-no",
        "<article>"
        '<p>Lee [<a href="../protect-yourself/#ending-politely">«Cómo terminar con educación»</a>].</p>'
        '<p>Lee «<a href="../protect-yourself/#ending-politely">Termina la relación con educación</a>».</p>'
        '<p>Lee <a href="../protect-yourself/#ending-politely">cómo terminar con educación</a>.</p>'
        "</article>",
    )
    problems = quoted_link_title_problems(tmp_path, languages=("es",))
    assert problems == [
        "[es] es/when-to-say-no/index.html: link quotes «Cómo terminar con educación» but "
        "../protect-yourself/#ending-politely is headed «Termina la relación con educación»"
    ]
