"""Strings of the quiz's browser interface (buttons, progress, result headings, failures).

They live in the ``quiz`` gettext domain with the engine's own strings, so one
catalog per language holds everything a quiz reader sees. ``N_`` only marks a
msgid for extraction; ``pipeline/quiz_runtime/form.py`` translates them at build time
and hands them to the browser in the page's ``#quiz-config`` JSON block.
Placeholders in braces are filled in by the browser code: keep them as they are.
Nothing here is imported by the scoring engine.
"""

from __future__ import annotations

from collections.abc import Callable


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark a string for extraction without translating it here."""
    return text


UI_STRINGS: dict[str, str] = {
    # Translators: the label of the progress bar above the questions.
    "progress_label": N_("Quiz progress"),
    # Translators: {number} is the current question, {total} how many there are.
    "progress": N_("Question {number} of {total}"),
    "back": N_("Back"),
    "next": N_("Next"),
    "finish": N_("See my result"),
    "choose_one": N_('Choose an answer to go on. “Not sure / does not apply” is a fine answer.'),
    "noscript": N_(
        "The result is calculated in your browser and needs JavaScript. "
        "You can still read the questions and the guidance pages."
    ),
    "loading": N_("Preparing the scoring engine…"),
    "scoring": N_("Calculating your result…"),
    "resumed": N_("Welcome back: your earlier answers have been restored."),
    "load_failed": N_(
        "The scoring engine could not be loaded. It runs entirely in your browser and needs "
        "WebAssembly and web workers: a blocked script, an old browser or a lost connection can stop it. "
        "Your answers are kept."
    ),
    "retry": N_("Try again"),
    "bad_link": N_("This share link is damaged or out of date, so its result cannot be shown."),
    "bad_answers": N_("These answers cannot be scored:"),
    "result_title": N_("Your result"),
    "shared_notice": N_("You are looking at a result someone shared with you."),
    # Translators: {score} is a whole number from 0 to 100.
    "score": N_("Overall risk: {score} out of 100"),
    # Translators: {percent} is a whole number from 0 to 100.
    "confidence": N_("Confidence: {percent}%"),
    "dimensions_title": N_("Risk by area"),
    # Translators: {name} is an area such as "Payment", {score} a number from 0 to 100.
    "dimension_bar": N_("{name}: {score} out of 100"),
    "types_title": N_("Which problem clients this one resembles"),
    # Translators: {percent} is how strongly the client matches a type, from 0 to 100.
    "match": N_("{percent}% match"),
    "no_types": N_("No problem-client type stands out."),
    "dealbreakers_title": N_("Dealbreakers"),
    "reasons_title": N_("What weighed most"),
    "plan_title": N_("Your action plan"),
    # Translators: the button that shows the steps after the first six; {count} is how many there are.
    "more_steps": N_("More steps ({count})"),
    "fewer_steps": N_("Fewer steps"),
    # Translators: printed above the steps after the first six (the CLI prints it too).
    "more_steps_title": N_("More steps, once the first ones are done:"),
    "read_more": N_("Read the guide"),
    "share_title": N_("Share this result"),
    "share_help": N_(
        "The answers are stored in the link itself, after the # sign, which browsers never send to a server."
    ),
    "copy_link": N_("Copy link"),
    "copied": N_("Link copied."),
    "print": N_("Print the action plan"),
    "edit": N_("Change my answers"),
    "start_over": N_("Start over"),
    # Translators: the heading of the box where a paper worksheet's answer code is typed in.
    "code_summary": N_("Answered on paper? Type your answer code"),
    "code_label": N_("Answer code from the worksheet"),
    # Translators: {example} is a code such as 1-ABAAB7-..., in the page's own letters.
    "code_hint": N_(
        "First the number printed on the worksheet, then each group of five letters with the number after it, "
        "for example {example}. Spaces and dashes do not matter."
    ),
    "code_submit": N_("Show my result"),
    "code_title": N_("Your answer code"),
    "code_help": N_(
        "Copy it onto your worksheet to keep this result: typed into this quiz, on any computer, it brings "
        "back the same answers."
    ),
    # Translators: {last} is the last question the code answered, {next} the question the quiz opens at.
    "code_partial": N_(
        "The code was read up to question {last}; the rest is missing, so the quiz continues at question {next}."
    ),
    # Translators: {count} answers of {total} questions were read from a share link that was cut short.
    "link_partial": N_(
        "This link lost part of its answers on the way ({count} of {total} read), so the quiz continues at "
        "question {next}."
    ),
    "clear": N_("Clear my answers on this computer"),
    "cleared": N_("Your answers have been removed from this computer."),
}
"""Browser strings by key (the key is what ``quiz-widget.js`` looks up)."""


def translate_ui_strings(gettext: Callable[[str], str]) -> dict[str, str]:
    """All UI strings through ``gettext`` (a translation's ``gettext`` method)."""
    return {key: gettext(msgid) for key, msgid in UI_STRINGS.items()}
