"""The editorial quality gate (issue 22): one test per rule, all of them at once, no false positives."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medpress.errors import BuildFailed
from medpress.markdown import MarkdownRenderer
from medpress.pipeline import BuildOptions, build
from medpress.quality import (
    BUILTIN_CLAIMS,
    CLAIM,
    CLAUSE_MARKS,
    READABILITY,
    STATISTIC,
    STRETCH_REACH,
    Counts,
    Pronunciations,
    QualityPolicy,
    Translation,
    Value,
    _around,
    check_body,
    check_values,
    claim_rules,
    counts_of,
    counts_of_each,
    crawford,
    find_claims,
    find_figures,
    flesch_kincaid,
    folded,
    gate_words,
    hyphenation_language,
    pronunciations,
    syllable_count,
    visible,
    wiener_sachtextformel,
    words_of,
)
from medpress.scaffold import article_stub

K = "content/articles/klonopin-addiction.md"
BODY_LINE = 11  # the first line of the body in an article() file with the default keys

# Plain patient prose of well over 100 words: grade about 6.
EASY = (
    "Clonazepam is a medicine for fits and for panic. It calms the brain. Many people take it for a short time "
    "and then stop. If you take it every day for more than a few weeks, your body gets used to it. Then it is "
    "hard to stop all at once. You may feel shaky, scared or unable to sleep. This is called withdrawal. It is "
    "not your fault. A doctor can help you come off it slowly. You lower the dose a little at a time, every week "
    "or two. Most people feel better when they go slowly. Ask for help early. Talk to your doctor or a nurse "
    "before you change your dose. They will make a plan with you and check how you feel along the way.\n"
)
# The same facts, written to be hard: grade well above 20.
HARD = (
    "Notwithstanding the comparatively favourable pharmacokinetic characteristics of long-acting "
    "benzodiazepines, physiological dependence consequent upon continuous administration beyond approximately "
    "four consecutive weeks necessitates individualised, clinically supervised, incrementally decremental "
    "dosage reduction schedules, particularly where concomitant psychiatric comorbidities, polysubstance "
    "consumption or antecedent discontinuation difficulties substantially complicate therapeutic "
    "decision-making and subsequent longitudinal monitoring arrangements.\n"
)


def body(*paragraphs: str) -> str:
    return "\n" + "\n".join(paragraphs)


def check_json(run, site: Path, *args: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG, *args)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def found(data: dict, rule: str) -> list[dict]:  # type: ignore[type-arg]
    return [p for p in data["problems"] if p["rule"] == rule]


# --- one test per rule -------------------------------------------------------------------------------------


def test_readability_warns_naming_the_hardest_paragraph_its_grade_and_longest_sentence(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body=body(EASY, HARD))})
    data = check_json(run, site)
    [problem] = found(data, "readability")
    assert (problem["severity"], problem["path"], problem["line"], problem["key"]) == (
        "warning", K, BODY_LINE + 3, "body")
    assert problem["message"].startswith("reads at grade ")
    assert "above the policy's 10; the hardest paragraph (grade " in problem["message"]
    assert 'its longest sentence has 49 words: "Notwithstanding the comparatively favourable' in problem["message"]
    grade = next(a["grade"] for a in data["articles"] if a["path"] == K)
    assert grade > 10 and problem["message"].startswith(f"reads at grade {grade:g},")


def test_readability_passes_plain_prose_and_follows_max_reading_grade(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body=body(EASY))})
    data = check_json(run, site)
    assert data["problems"] == []
    grade = next(a["grade"] for a in data["articles"] if a["path"] == K)
    assert 0 < grade < 6
    strict_limit = SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  max_reading_grade: 2")
    make_site({"site.yaml": strict_limit, K: article(body=body(EASY))})
    assert [p["rule"] for p in check_json(run, site)["problems"]] == ["readability"]


def test_max_reading_grade_may_be_a_decimal_like_the_grades_reported(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body=body(EASY))})
    grade = next(a["grade"] for a in check_json(run, site)["articles"] if a["path"] == K)
    for limit, rules in ((grade + 0.1, []), (grade - 0.1, ["readability"])):
        policy = f"min_sources: 1\n  max_reading_grade: {limit:.2f}"
        make_site({"site.yaml": SITE_YAML.replace("min_sources: 1", policy), K: article(body=body(EASY))})
        problems = check_json(run, site)["problems"]
        assert [p["rule"] for p in problems] == rules
    assert f"above the policy's {grade - 0.1:.2f}".rstrip("0") in problems[0]["message"]
    make_site({"site.yaml": SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  max_reading_grade: .nan")})
    result = run("check", "--site", site, *TODAY_ARG)  # no number: every comparison with it would pass
    assert result.exit_code == 1 and "max_reading_grade: must be a number, not" in result.output


def test_each_faq_answer_is_graded(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = f'\n  - q: Can I stop at once?\n    a: "{HARD.strip()}"\n  - q: Why go slowly?\n    a: "{EASY.strip()}"'
    site = make_site({K: article(faq=faq)})
    data = check_json(run, site)
    [problem] = found(data, "readability")
    assert (problem["line"], problem["key"], problem["severity"]) == (12, "faq[0].a", "warning")
    assert problem["message"].startswith("this answer reads at grade ")
    faq_grades = next(a["faq_grades"] for a in data["articles"] if a["path"] == K)
    assert faq_grades[0] > 20 and faq_grades[1] < 8


def test_claim_warns_with_the_phrase_its_line_and_a_measured_alternative(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = "## Treatment\n\nOur programme offers a GUARANTEED recovery.\n\nDetox here is completely safe.\n"
    site = make_site({K: article(body="\n" + text)})
    claims = found(check_json(run, site), "claim")
    assert [(p["line"], p["severity"], p["message"]) for p in claims] == [
        (BODY_LINE + 3, "warning", '"GUARANTEED" is an absolute claim about treatment'),
        (BODY_LINE + 5, "warning", '"completely safe" is an absolute claim about treatment'),
    ]
    assert claims[0]["hint"].startswith("promise only what the evidence supports")
    assert claims[1]["hint"].startswith("no treatment is free of risk")
    assert claims[0]["hint"].endswith("or, if it is meant, mark it <!-- claim-ok: reason -->")


@pytest.mark.parametrize("sentence, phrase", [
    ("Addiction can be cured in 30 days.", "cured"),
    ("We cure alcoholism.", "cure"),
    ("A miraculous recovery awaits.", "miraculous"),
    ("Try our instant detox.", "instant detox"),
    ("Our method has a 100% success rate.", "100% success"),
    ("It is risk-free.", "risk-free"),
    ("Addiction is completely treatable.", "completely treatable"),
    ("After this you will never relapse.", "never relapse"),
    ("Our results are guaranteeing sobriety.", "guaranteeing"),
    ("This is totally harmless.", "totally harmless"),
    ("A painless withdrawal for everyone.", "painless withdrawal"),
    # never relapse and its kin, as a clinic's page words them
    ("Relapse is impossible after our programme.", "Relapse is impossible"),
    ("Our patients never use again.", "patients never use again"),
    ("You will be free from addiction forever.", "free from addiction forever"),
    ("You will be drug-free forever after our programme.", "drug-free forever"),
    ("Our programme permanently ends addiction.", "permanently ends addiction"),
    ("Addiction can be beaten for good in 28 days.", "beaten for good"),
    ("Our treatment has a perfect track record.", "perfect track record"),
    ("Our detox is 100 percent painless.", "100 percent painless"),
])
def test_claim_finds_the_usual_kinds_whatever_the_case_and_inflection(sentence: str, phrase: str) -> None:
    findings = check_body(sentence + "\n", 1, "a.md", QualityPolicy())
    assert [p.message for p in findings.problems if p.rule == "claim"] == [
        f'"{phrase}" is an absolute claim about treatment']


def test_a_claim_ok_marker_lists_the_claim_as_a_note_and_does_not_show_on_the_page(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = ("\nThe advert said treatment was guaranteed. <!-- claim-ok: quoting the advert we warn about -->\n"
            "It also said detox was risk-free.\n")
    site = make_site({K: article(body=text)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0
    lines = result.stderr.splitlines() + result.stdout.splitlines()
    assert lines == [
        f'note: {K}:{BODY_LINE + 1}: body: "guaranteed" is acknowledged as intended: quoting the advert we warn '
        "about [claim]",
        f'warning: {K}:{BODY_LINE + 2}: body: "risk-free" is an absolute claim about treatment ('
        + BUILTIN_CLAIMS[5].hint + "; or, if it is meant, mark it <!-- claim-ok: reason -->) [claim]",
        "0 error(s), 1 warning(s), 1 note(s).",
    ]
    html = str(MarkdownRenderer().render(text).html)
    assert "claim-ok" not in html and "quoting the advert" not in html and "guaranteed" in html


def test_a_claim_wrapped_onto_the_next_line_is_found_on_its_first_line() -> None:
    text = "Our supervised detox is\ncompletely\nsafe and works\nfor everyone.\n"
    findings = check_body(text, 1, "a.md", QualityPolicy())
    assert [(p.line, p.message) for p in findings.problems] == [
        (2, '"completely safe" is an absolute claim about treatment'),
        (3, '"works for everyone" is an absolute claim about treatment')]




def test_a_line_without_a_full_stop_is_read_a_stretch_at_a_time() -> None:
    """A pasted run of keywords: each claim is judged by the words near it, not by the whole line again."""
    text = "word " * 4000
    begin, end = _around(text, 10000, 10004, CLAUSE_MARKS)
    assert 10000 - STRETCH_REACH <= begin < 10000 and 10004 < end <= 10004 + STRETCH_REACH
    assert text[begin - 1] == " " and text[end] == " "  # whole words
    line = "our detox is guaranteed and " * 2000
    claims = find_claims(line, claim_rules(QualityPolicy()))
    assert [(claim.start, claim.asserted) for claim in claims] == [(28 * n + 13, True) for n in range(2000)]

@pytest.mark.parametrize("note", [
    "Lee K, Park J. Guaranteed income and relapse among people who use opioids. Lancet 2021;6:e12-e20.",
    "White S. Permanent recovery from alcohol dependence: a 16-year follow-up. Addiction 2006;101:212-222.",
    "The myth of the miracle cure for heroin addiction. US Department of Health, 2019, p. 40.",
])
def test_a_citation_in_a_footnote_makes_no_claim_and_its_figures_are_its_own_source(note: str) -> None:
    text = f"Most people need support.[^1]\n\n[^1]: {note}\n"
    assert check_body(text, 1, "a.md", QualityPolicy()).problems == ()  # not even a warning, strict or not


def test_a_claim_of_ours_in_a_footnote_is_found() -> None:
    # A footnote is published prose: a promise moved there is still made.
    text = "Most people need support.[^1]\n\n[^1]: Our programme is a guaranteed cure for addiction. Smith J, 2024.\n"
    findings = check_body(text, 1, "a.md", QualityPolicy())
    assert [(p.line, p.rule, p.message) for p in findings.problems] == [
        (3, "claim", '"guaranteed" is an absolute claim about treatment'),
        (3, "claim", '"cure" is an absolute claim about treatment')]
    quoted = ("Most people need support.[^1]\n\n"
              "[^1]: We quote the advert: a guaranteed recovery. <!-- claim-ok: the advert we warn about -->\n")
    assert [p.severity for p in check_body(quoted, 1, "a.md", QualityPolicy()).problems] == ["note"]


def test_a_claim_ok_marker_at_the_start_of_a_line_is_a_warning_at_its_line() -> None:
    # A line that starts with <!-- is raw HTML to Markdown: the text after the marker leaves its paragraph.
    text = 'The advert we warn about said\n<!-- claim-ok: quoting it --> "instant detox".\n'
    findings = check_body(text, 1, "a.md", QualityPolicy())
    assert [(p.line, p.severity, p.rule, p.message) for p in findings.problems] == [
        (2, "note", "claim", '"instant detox" is acknowledged as intended: quoting it'),
        (2, "warning", "claim", "a claim-ok marker at the start of a line makes the line raw HTML: its text is "
                                "published outside its paragraph")]
    assert findings.problems[1].hint == "move the marker to the end of the line, after the claim"
    assert not check_body('The advert said "instant detox". <!-- claim-ok: quoting it -->\n', 1, "a.md",
                          QualityPolicy()).problems[1:]
    # In a list item or a quote, and with no claim on its line, the line is raw HTML all the same.
    for text in ('- <!-- claim-ok: quoting it --> The advert said **instant detox**.\n',
                 '1. First.\n   - <!-- claim-ok: quoting it --> The advert said "instant detox".\n',
                 '> <!-- claim-ok: quoting it --> The advert said "instant detox".\n',
                 'Our clinic is open\n<!-- claim-ok: x --> **every** day.\n'):
        problems = check_body(text, 1, "a.md", QualityPolicy()).problems
        assert [p.message for p in problems if p.severity == "warning"] == [
            "a claim-ok marker at the start of a line makes the line raw HTML: its text is published outside its "
            "paragraph"], text


def test_a_claim_ok_marker_opening_a_line_of_a_faq_answer_is_a_warning_too() -> None:
    values = [Value("faq[0].a", "Yes.\n<!-- claim-ok: audited --> Our detox is guaranteed to work.", 12,
                    markdown=True, lines=(12, 13))]
    problems, _ = check_values(values, "a.md", QualityPolicy())
    assert [(p.line, p.severity) for p in problems if p.message.startswith("a claim-ok marker")] == [(13, "warning")]


def test_one_marker_acknowledges_the_claims_of_one_sentence() -> None:
    text = ('Detox here is risk-free. The advert promised a "guaranteed cure" for addiction. '
            "<!-- claim-ok: the advert's words -->\n")
    findings = check_body(text, 1, "a.md", QualityPolicy())
    assert [(p.severity, p.message.split(" is ")[0]) for p in findings.problems] == [
        ("warning", '"risk-free"'), ("note", '"guaranteed"'), ("note", '"cure"')]


def test_a_claim_ok_marker_in_a_title_or_question_shows_on_the_page_so_is_an_error() -> None:
    values = [Value("title", "Guaranteed detox <!-- claim-ok: a brand name -->", 2),
              Value("faq[0].q", "Is recovery guaranteed? <!-- claim-ok: a question -->", 9)]
    problems, _ = check_values(values, "a.md", QualityPolicy())
    assert [(p.key, p.severity, p.rule) for p in problems] == [
        ("title", "warning", "claim"), ("title", "error", "claim"), ("faq[0].q", "error", "claim")]
    assert problems[0].hint.endswith("here a claim-ok marker would show on the page: reword it")
    assert problems[1].message == "a claim-ok marker here is not hidden: it shows on the page as text"


def test_site_claims_extend_the_list_or_replace_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = "\nOur detox is life-changing. Your recovery is guaranteed.\n"
    extended = SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  claims: [life-changing]")
    site = make_site({"site.yaml": extended, K: article(body=text)})
    assert [p["message"] for p in found(check_json(run, site), "claim")] == [
        '"guaranteed" is an absolute claim about treatment', '"life-changing" is an absolute claim about treatment']
    replaced = SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  claims: {only: [life-change]}")
    make_site({"site.yaml": replaced, K: article(body=text)})
    assert [p["message"] for p in found(check_json(run, site), "claim")] == [
        '"life-changing" is an absolute claim about treatment']


def test_unsourced_statistic_warns_for_a_figure_in_a_paragraph_that_cites_nothing(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = ("\n## Risk\n\nAbout 1 in 10 people who take it daily become dependent.\n\n"
            "The usual dose is 0.5 mg twice a day.[^1]\n\n"
            "Overdose is three times more likely with alcohol ([NIDA](https://nida.example/x)).\n\n"
            "[^1]: NHS, Clonazepam, 2023.\n")
    site = make_site({K: article(body=text)})
    [problem] = found(check_json(run, site), "unsourced-statistic")
    assert (problem["severity"], problem["line"], problem["key"]) == ("warning", BODY_LINE + 3, "body")
    assert problem["message"] == '"1 in 10" in a paragraph that cites no source'
    assert problem["hint"].startswith("cite it in the same paragraph: a footnote reference such as [^1]")


@pytest.mark.parametrize("figure", ["12%", "40 per cent", "one in five", "3 out of 4", "twice as likely",
                                    "2.5 times higher", "10 mg", "0.5-2 mg", "5 ml", "40-60%", "1.5\u20132.5%",
                                    "40 to 60 per cent"])
def test_unsourced_statistic_knows_the_kinds_of_figure(figure: str) -> None:
    findings = check_body(f"We see {figure} here.\n", 1, "a.md", QualityPolicy())
    assert [p.message for p in findings.problems] == [f'"{figure}" in a paragraph that cites no source']


def test_a_percentage_free_of_something_else_than_charge_is_a_statistic() -> None:
    text = "About 40% remained free of relapse, and 100% free of symptoms.\n"
    findings = check_body(text, 1, "a.md", QualityPolicy())
    assert [p.message for p in findings.problems] == ['"40%" and 1 more figure(s) in a paragraph that cites no source']
    findings = check_body("About 35% anonymous respondents relapsed.\n", 1, "a.md", QualityPolicy())
    assert [p.rule for p in findings.problems] == ["unsourced-statistic"]  # a word of a service, said of people


@pytest.mark.parametrize("language, text", [
    ("fr", "Le premier bilan est 100 pour cent gratuit, et 100 % confidentiel."),
    ("de", "Das erste Gespräch ist 100 Prozent kostenlos und vertraulich."),
    ("es", "La primera consulta es 100 por ciento gratuita."),
    ("pt", "A primeira consulta é 100 por cento gratuita."),
])
def test_a_percentage_of_a_service_is_no_statistic_in_any_language(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


@pytest.mark.parametrize(("text", "figure"), [("About _1 in 10_ people relapse.", "1 in 10"),
                                              ("Take _2 mg_ at night.", "2 mg"), ("Etwa *40%* der Fälle.", "40%"),
                                              # emphasis on a part of the figure
                                              ("About **1** in 10 people relapse.", "1 in 10"),
                                              ("About 1 in **10** people relapse.", "1 in 10"),
                                              ("Take **10** mg at night.", "10 mg"),
                                              ("Fentanyl is *50 times* stronger than morphine.", "50 times stronger"),
                                              ("Fentanyl is <b>50</b> times stronger.", "50 times stronger")])
def test_an_emphasised_figure_is_a_figure(text: str, figure: str) -> None:
    findings = check_body(text + "\n", 1, "a.md", QualityPolicy())
    assert [p.message for p in findings.problems] == [f'"{figure}" in a paragraph that cites no source']


@pytest.mark.parametrize(("language", "text", "phrase"), [
    ("en", "After our programme you will *never* relapse.", "never relapse"),
    ("en", "Our detox is *completely* safe.", "completely safe"),
    ("en", "We offer *instant* detox.", "instant detox"),
    ("en", "Our treatment is **100%** effective.", "100% effective"),
    ("en", "Our detox is completely <em>safe</em>.", "completely safe"),
    ("en", "Our treatment is completely&nbsp;safe.", "completely safe"),  # shown as a space
    ("en", "The detox is risk\u2011free.", "risk\u2011free"),  # a no-break hyphen, as Word puts in
    ("fr", "Notre méthode est **100 %** efficace.", "100 % efficace"),
    ("fr", "Un sevrage *sans douleur*.", "sevrage sans douleur"),
    ("de", "Ein **schmerzfreier** Entzug.", "schmerzfreier Entzug"),
])
def test_emphasis_on_a_part_of_a_claim_hides_nothing(language: str, text: str, phrase: str) -> None:
    # Editors bold the very promises they want read: the marks read as spaces, and the words still make the claim.
    body = f"Some text first.\n\n{text}\n"
    problems = check_body(body, 3, "a.md", QualityPolicy(language)).problems
    assert [(p.rule, p.message.split('"')[1], p.line) for p in problems] == [("claim", phrase, 5)]


def test_placeholder_is_an_error_in_title_summary_faq_and_body(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = "\n  - q: TBD\n    a: Lorem ipsum dolor sit amet."
    text = "\nSome text. TODO: check this dose.\n\nSee [insert link here] for more. Is tk a word? No.\n"
    site = make_site({K: article(title="Klonopin XXX", summary="FIXME", faq=faq, body=text)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    placeholders = [line for line in result.stderr.splitlines() if line.endswith("[placeholder]")]
    hint = "(write the text it stands for; a placeholder never goes live) [placeholder]"
    assert placeholders == [
        f'{K}:2: title: "XXX" is a placeholder {hint}',
        f'{K}:3: summary: "FIXME" is a placeholder {hint}',
        f'{K}:11: faq[0].q: "TBD" is a placeholder {hint}',
        f'{K}:12: faq[0].a: "Lorem ipsum" is a placeholder {hint}',
        f'{K}:15: body: "TODO" is a placeholder {hint}',  # the body starts on line 14, after the FAQ
        f'{K}:17: body: "[insert link here]" is a placeholder {hint}',
    ]


@pytest.mark.parametrize("language, text, found", [
    ("fr", "Le sevrage dure À COMPLÉTER semaines.", "À COMPLÉTER"),
    ("fr", "Le sevrage dure [à compléter] semaines.", "[à compléter]"),
    ("fr", "[Insérer ici la durée du sevrage.]", "[Insérer ici la durée du sevrage.]"),
    ("fr", "Le sevrage dure deux semaines [référence nécessaire].", "[référence nécessaire]"),
    ("fr", "À VÉRIFIER avec la Dre Tremblay.", "À VÉRIFIER"),
    ("fr", "Le sevrage dure deux semaines [citation needed].", "[citation needed]"),
    ("fr", "Le sevrage dure [insert duration].", "[insert duration]"),
    ("de", "Der Entzug dauert [Quelle fehlt] zwei Wochen.", "[Quelle fehlt]"),
    ("de", "Der Entzug dauert NOCH ZU PRÜFEN Wochen.", "NOCH ZU PRÜFEN"),
    ("de", "Der Entzug dauert [noch zu prüfen] Wochen.", "[noch zu prüfen]"),  # in brackets, in any case
    ("de", "Die Dosis: [zu ergänzen].", "[zu ergänzen]"),
    ("es", "La dosis: [por confirmar].", "[por confirmar]"),
    ("pt", "A dose: [a verificar].", "[a verificar]"),
    ("es", "La abstinencia dura [cita requerida] dos semanas.", "[cita requerida]"),
    ("es", "La abstinencia dura POR COMPLETAR semanas.", "POR COMPLETAR"),
    ("pt", "A abstinência dura [citação necessária] duas semanas.", "[citação necessária]"),
    ("pt", "A abstinência dura A COMPLETAR semanas.", "A COMPLETAR"),
    # in the quotation marks and dashes a word processor puts in, touching the word
    ("en", "The dose is \u201cTODO\u201d for now.", "TODO"),
    ("en", "The dose is \u2014TBD\u2014 for now.", "TBD"),
    ("en", "The dose (\u2018TBD\u2019) comes later.", "TBD"),
    ("en", "The dose is 'TBD' for now.", "TBD"),
    ("de", "Die Dosis ist \u201eTODO\u201c.", "TODO"),
    # an amount left to fill in, in any language
    ("en", "The usual dose is TBC.", "TBC"),
    ("en", "The usual dose is ??? a day.", "???"),
    ("en", "The usual dose is [X] mg a day.", "[X] mg"),
    ("fr", "La dose est de XX mg par jour.", "XX mg"),
    ("it", "La dose è di X ml al giorno.", "X ml"),
])
def test_a_language_s_own_placeholders_never_go_live(language: str, text: str, found: str) -> None:
    problems = check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert [(p.rule, p.severity, p.message) for p in problems] == [
        ("placeholder", "error", f'"{found}" is a placeholder')]


@pytest.mark.parametrize("language, text", [
    ("fr", "Remplissez le formulaire à compléter avant votre venue."),
    ("fr", "Votre médecin va vérifier la dose. Les résultats sont à vérifier avec lui."),
    ("de", "Die Dosis ist mit dem Arzt zu prüfen."),
    ("es", "El tratamiento está pendiente de su médico."),
    ("pt", "O formulário a completar está na receção."),
    ("it", "La TBC (tubercolosi) si cura con antibiotici."),  # TBC is a placeholder in English only
    ("en", "Really?? The XX Congress met in 2020; an X-ray showed it. Xanax helps."),
    ("en", "- [X] Book the assessment\n- [x] Bring your medicines"),  # a task list's ticked boxes
    ("en", '??? note "Side effects"\n    Drowsiness is common.'),  # pymdownx.details' collapsible block
])
def test_such_words_in_ordinary_prose_are_no_placeholders(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


def test_the_stub_new_writes_is_a_placeholder_even_without_its_todos() -> None:
    stub = article_stub("Xanax", "benzodiazepines", "Xanax").replace("TODO: ", "")
    _, text, = stub.split("\n---\n", 1)
    findings = check_body(text, 1, "a.md", QualityPolicy())
    paragraphs = [part for part in text.split("\n\n") if part.strip() and not part.lstrip().startswith("#")]
    assert len(findings.problems) == len(paragraphs) == 5  # one for each paragraph, the first of two lines too
    assert {p.message for p in findings.problems} == {"this is the stub text `medpress new` wrote"}
    summary = stub.split("summary: ", 1)[1].split("\n")[0]
    problems, _ = check_values([Value("summary", summary, 3)], "a.md", QualityPolicy())
    assert [p.rule for p in problems] == ["placeholder"]


@pytest.mark.parametrize("image, message", [
    ("![](images/pills.svg)", "the image 'images/pills.svg' has empty alt text"),
    ("![ ](images/pills.svg)", "the image 'images/pills.svg' has empty alt text"),
    ("![pills.svg](images/pills.svg)", "the image 'images/pills.svg' has only its file name as alt text ('pills.svg')"),
    ("![IMG_2034](photos/IMG_2034.jpg)", "the image 'photos/IMG_2034.jpg' has only its file name as alt text "
                                         "('IMG_2034')"),
    ("![IMG_2034](images/pharmacy.jpg)", "the image 'images/pharmacy.jpg' has a file name or the word for an image "
                                         "as alt text, not what it shows ('IMG_2034')"),
    ("![image](images/pills.svg)", "the image 'images/pills.svg' has a file name or the word for an image as alt "
                                   "text, not what it shows ('image')"),
    ("![][pills]\n\n[pills]: images/pills.svg", "the image '[pills]' has empty alt text"),
    ('<img src="images/pills.svg">', "the image 'images/pills.svg' has no alt text"),
    ('<img src="images/pills.svg" alt="">', "the image 'images/pills.svg' has empty alt text"),
    ("![pill_bottle](images/pill-bottle.png)", "the image 'images/pill-bottle.png' has only its file name as alt text "
                                               "('pill_bottle')"),
    ("![Screen Shot 2021-03-04 at 9.41.12 AM](images/pills.png)", "the image 'images/pills.png' has a file name or "
     "the word for an image as alt text, not what it shows ('Screen Shot 2021-03-04 at 9.41.12 AM')"),
    ("![WhatsApp Image 2023-05-01 at 10.15.32](images/pills.png)", "the image 'images/pills.png' has a file name or "
     "the word for an image as alt text, not what it shows ('WhatsApp Image 2023-05-01 at 10.15.32')"),
    ("![shutterstock_123456789](images/pills.png)", "the image 'images/pills.png' has a file name or the word for "
     "an image as alt text, not what it shows ('shutterstock_123456789')"),
    ("![.](images/pills.svg)", "the image 'images/pills.svg' has alt text that says nothing of what it shows ('.')"),
    ("![a](images/pills.svg)", "the image 'images/pills.svg' has alt text that says nothing of what it shows ('a')"),
    ('<img src="images/pills.svg" alt="--">', "the image 'images/pills.svg' has alt text that says nothing of what "
                                              "it shows ('--')"),
])
def test_image_alt_is_an_error(make_site, run, image: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body=f"\nText.\n\n{image}\n")})
    data = check_json(run, site)
    [problem] = found(data, "image-alt")
    assert (problem["severity"], problem["line"], problem["message"]) == ("error", BODY_LINE + 3, message)
    assert "WCAG 1.1.1" in problem["hint"] and 'role="presentation"' in problem["hint"]


@pytest.mark.parametrize("alt", ["Screenshot 2 of the NHS App showing the medicines page",
                                 "Img 1: a pharmacist counting tablets", "Unsplash photo of a nurse taking a pulse"])
def test_alt_text_that_describes_the_image_passes_whatever_word_it_starts_with(alt: str) -> None:
    assert check_body(f"![{alt}](images/pills.png)\n", 1, "a.md", QualityPolicy()).problems == ()


def test_a_decorative_image_said_so_explicitly_passes() -> None:
    text = '<img src="images/wave.svg" alt="" role="presentation">\n\n![A pharmacist counting tablets](a.jpg)\n'
    assert check_body(text, 1, "a.md", QualityPolicy()).problems == ()
    bare = '<img src="images/wave.svg" alt role="presentation">\n'  # a bare alt is alt="" in HTML
    assert check_body(bare, 1, "a.md", QualityPolicy()).problems == ()
    assert [p.message for p in check_body('<img src="images/wave.svg" alt>\n', 1, "a.md", QualityPolicy()).problems
            ] == ["the image 'images/wave.svg' has empty alt text"]


def test_a_plain_page_may_hold_no_placeholder_nor_image_without_alt(make_site, run) -> None:  # type: ignore[no-untyped-def]
    page = "---\ntitle: About us\nsummary: Who we are.\n---\nTBD\n\n![](images/team.jpg)\n"
    site = make_site({"content/pages/about.md": page})
    lines = run("check", "--site", site, *TODAY_ARG).stderr.splitlines()
    assert lines[:2] == [
        'content/pages/about.md:5: body: "TBD" is a placeholder (write the text it stands for; a placeholder '
        "never goes live) [placeholder]",
        "content/pages/about.md:7: body: the image 'images/team.jpg' has empty alt text (describe what the image "
        'shows for someone who cannot see it (WCAG 1.1.1); for a purely decorative image write <img src="..." '
        'alt="" role="presentation">) [image-alt]']


def test_a_plain_page_makes_no_promise_and_cites_its_figures(make_site, run) -> None:  # type: ignore[no-untyped-def]
    page = ("---\ntitle: About us\nsummary: A risk-free detox in Leeds.\n---\n## Who we are\n\n"
            "We guarantee a cure for your addiction.\n\n95% of our patients stay sober.\n\n"
            "No clinic can promise a cure for addiction.\n")
    french = "---\ntitle: \u00c0 propos\nsummary: Qui nous sommes.\n---\nNous garantissons une gu\u00e9rison " \
             "compl\u00e8te de votre addiction.\n"
    site = make_site({"content/pages/about.md": page, "content/pages/about.fr.md": french,
                      "site.yaml": SITE_YAML + "languages: [en, fr]\n"})
    result = run("check", "--site", site, *TODAY_ARG)
    lines = [line.split(" (")[0] for line in result.stderr.splitlines() if "content/pages/" in line]
    assert lines == [
        'warning: content/pages/about.fr.md:5: body: "garantissons" is an absolute claim about treatment',
        'warning: content/pages/about.fr.md:5: body: "gu\u00e9rison" is an absolute claim about treatment',
        'warning: content/pages/about.md:3: summary: "risk-free" is an absolute claim about treatment',
        'warning: content/pages/about.md:7: body: "cure" is an absolute claim about treatment',
        'warning: content/pages/about.md:7: body: "guarantee" is an absolute claim about treatment',
        'warning: content/pages/about.md:9: body: "95%" in a paragraph that cites no source',
    ], result.stderr
    assert "[readability]" not in result.stderr  # a reading grade is an article's


def without_hint(line: str) -> str:
    """A line of check's report without its hint and rule."""
    return line.split(" (write ")[0].split(" (describe ")[0]


def test_a_placeholder_in_any_text_an_article_shows_is_an_error(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = article(drug='{name: Chlordiazepoxide, generic: TODO, brand_names: [Librium, TBD], drug_class: "[insert '
                        'class]"}', author="FIXME", tags="[TODO]", image="{src: images/pills.svg, alt: IMG_2034}",
                   sources='\n  - {title: "TODO", publisher: "FIXME", url: "https://nida.example/x", year: 2024}')
    site = make_site({K: text, "assets/images/pills.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = [without_hint(line) for line in result.stderr.splitlines()
             if line.endswith(("[placeholder]", "[image-alt]"))]
    assert lines == [
        f'{K}:9: sources[0].publisher: "FIXME" is a placeholder',
        f'{K}:9: sources[0].title: "TODO" is a placeholder',
        f'{K}:10: drug.brand_names[1]: "TBD" is a placeholder',
        f'{K}:10: drug.drug_class: "[insert class]" is a placeholder',
        f'{K}:10: drug.generic: "TODO" is a placeholder',
        f'{K}:11: author: "FIXME" is a placeholder',
        f'{K}:12: tags[0]: "TODO" is a placeholder',
        f"{K}:13: image.alt: the image 'images/pills.svg' has a file name or the word for an image as alt text, not "
        "what it shows ('IMG_2034')",
    ]


def test_a_placeholder_tag_is_named_by_its_place_among_the_tags_as_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(tags='\n  - ""\n  - withdrawal\n  - TODO')})
    lines = [without_hint(line) for line in run("check", "--site", site, *TODAY_ARG).stderr.splitlines()]
    assert f'{K}:13: tags[2]: "TODO" is a placeholder' in lines, lines


def test_names_and_cited_titles_are_read_for_placeholders_only(make_site, run) -> None:  # type: ignore[no-untyped-def]
    source = ('\n  - {title: "Guaranteed income and relapse: 40% fewer returns", url: "https://nida.example/x"}'
              '\n  - {title: "Abstracts of the XXX Congress of the ECNP", publisher: TK, url: "https://e.example/"}')
    site = make_site({K: article(sources=source, drug="{name: Miracle-Gro, drug_class: Benzodiazepine}")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_placeholder_in_a_reviewer_s_or_author_s_page_is_an_error(make_site, run) -> None:  # type: ignore[no-untyped-def]
    reviewer = ("name: Dr Ada Lovelace\ncredentials: MD\nrole: TODO\nimage:\n  src: images/ada.svg\n  alt: ada.svg\n"
                "bio: |\n  Dr Lovelace reviews our pages.\n  She trained in London.\n  TODO add her clinic\n")
    site = make_site({"content/reviewers/dr-ada.yaml": reviewer, "assets/images/ada.svg": "<svg/>",
                      "content/reviewers/dr-ada.fr.yaml": "bio: >-\n  Elle relit nos pages.\n  À COMPLÉTER\n",
                      "content/authors/sam.yaml": "name: Sam\nbio: Writes our pages. [insert more]\n"})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [without_hint(line) for line in result.stderr.splitlines() if line.endswith("]")] == [
        'content/authors/sam.yaml:2: bio: "[insert more]" is a placeholder',
        'content/reviewers/dr-ada.fr.yaml:3: bio: "À COMPLÉTER" is a placeholder',  # each on its own line
        'content/reviewers/dr-ada.yaml:3: role: "TODO" is a placeholder',
        "content/reviewers/dr-ada.yaml:6: image.alt: the image 'images/ada.svg' has only its file name as alt text "
        "('ada.svg')",
        'content/reviewers/dr-ada.yaml:10: bio: "TODO" is a placeholder',
    ]


def test_the_text_site_yaml_has_pages_show_is_checked_in_every_language(make_site, run) -> None:  # type: ignore[no-untyped-def]
    config = (SITE_YAML.replace("help: We help people taper safely.",
                                "help: >-\n      We help people taper safely.\n      We guarantee a cure for "
                                "benzodiazepine addiction.")
              .replace("[One client at a time, Medical detox]", "[One client at a time, TODO]")
              .replace("step: Therapy}", "step: \"[insert step]\"}")
              .replace("- {name: Test Gazette}", "- {name: TBD}")
              .replace("disclaimer: This site does not replace medical advice.",
                       "disclaimer: This site does not replace medical advice. Our detox is risk-free.")
              + "languages: [en, fr]\nsite_text:\n  FR:\n    title: Clinique Test\n"  # named fr in the report
                "    urgent_help: {title: Besoin d'aide ?, text: \"\u00c0 COMPL\u00c9TER\"}\n")
    site = make_site({"site.yaml": config})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [line.split(" (")[0] for line in result.stderr.splitlines() if line.endswith("]")] == [
        'warning: site.yaml:18: categories.benzodiazepines.help: "cure" is an absolute claim about treatment',
        'warning: site.yaml:18: categories.benzodiazepines.help: "guarantee" is an absolute claim about treatment',
        'site.yaml:19: categories.benzodiazepines.method[1]: "TODO" is a placeholder',
        'site.yaml:22: categories.benzodiazepines.timeline[1].step: "[insert step]" is a placeholder',
        'site.yaml:28: media[0].name: "TBD" is a placeholder',
        'warning: site.yaml:33: disclaimer: "risk-free" is an absolute claim about treatment',
        'site.yaml:38: site_text.fr.urgent_help.text: "\u00c0 COMPL\u00c9TER" is a placeholder',
    ], result.stderr
    assert "a claim-ok marker would show on the page: reword it" in result.stderr
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0  # a preview only warns


def test_each_finding_in_site_yaml_is_on_its_own_line_however_the_value_is_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    method = ("\n      - >-\n        Folded first line,\n        folded second with TBD."  # lines 20-22
              "\n      - |\n        Literal first line.\n        Literal second line with FIXME."  # 23-25
              "\n      - 'We''re here for you,\n        every day, XXX'"  # 26-27
              "\n      - \"Say \\\"hi\\\",\n        lorem ipsum\""  # 28-29
              "\n      - \"para one\n\n        para two TODO\"")  # 30-32
    config = (SITE_YAML.replace(" [One client at a time, Medical detox]", method)
              .replace("help: We help people taper safely.",
                       "help: >-\n        We help people taper safely.\n      # TODO: say we guarantee a cure")
              .replace("  text: If you are in danger, call the emergency services.",
                       "  text: |2\n      If you are in danger,\n    call the emergency services. FIXME")
              .replace("disclaimer: This site does not replace medical advice.",
                       "disclaimer:\n  \"This site does not replace medical advice. TBD\""))
    site = make_site({"site.yaml": config})
    result = run("check", "--site", site, *TODAY_ARG)
    assert [line.split(" is a placeholder")[0] for line in result.stderr.splitlines() if line.endswith("]")] == [
        'site.yaml:22: categories.benzodiazepines.method[0]: "TBD"',
        'site.yaml:25: categories.benzodiazepines.method[1]: "FIXME"',
        'site.yaml:27: categories.benzodiazepines.method[2]: "XXX"',
        'site.yaml:29: categories.benzodiazepines.method[3]: "lorem ipsum"',
        'site.yaml:32: categories.benzodiazepines.method[4]: "TODO"',
        'site.yaml:46: urgent_help.text: "FIXME"',  # the block gives its indentation: |2
        'site.yaml:49: disclaimer: "TBD"',  # on the line below its key
    ], result.stderr  # and nothing of the comment below the help, which is no part of it


def test_the_sample_s_and_a_new_site_s_text_passes_the_checks(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("init", tmp_path / "clinic").exit_code == 0
    for site in (Path(__file__).parent.parent, tmp_path / "clinic"):
        assert "site.yaml" not in run("check", "--site", site).stderr


@pytest.mark.parametrize("front", ["colour: red\n", "title: [unclosed\n"], ids=["unknown-key", "invalid-yaml"])
def test_a_plain_page_whose_frontmatter_fails_still_has_its_body_checked_in_the_same_run(  # type: ignore[no-untyped-def]
        make_site, run, front: str) -> None:
    page = f"---\ntitle: About us\nsummary: Who we are.\n{front}---\nTBD\n\n![](images/team.jpg)\n"
    site = make_site({"content/pages/about.md": page, "content/pages/about.fr.md": page})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    found = {(line.split(":")[0], line.split(":")[1], line.split("[")[-1]) for line in result.stderr.splitlines()
             if line.endswith(("[placeholder]", "[image-alt]"))}
    assert found == {(path, line, rule) for path in ("content/pages/about.md", "content/pages/about.fr.md")
                     for line, rule in (("6", "placeholder]"), ("8", "image-alt]"))}, result.stderr
    draft = page.replace("summary:", "draft: true\nsummary:")
    (site / "content/pages/about.fr.md").unlink()
    make_site({"content/pages/about.md": draft})
    assert "[placeholder]" not in run("check", "--site", site, *TODAY_ARG).stderr  # a draft's body is its own affair


def test_a_file_without_a_frontmatter_block_has_its_text_checked_as_its_body(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = "Title of the page\n\nTODO write this ![](images/x.png)\n"
    site = make_site({"content/articles/d.md": text, "content/pages/about.md": text,
                      "content/articles/e.md": "draft: true\n\nTBD\n"})  # a draft, fences forgotten
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    found = [line.split(" body: ")[0] + " " + line.split("[")[-1] for line in result.stderr.splitlines()
             if " body: " in line]
    assert found == [f"content/{folder}:3: {rule}" for folder in ("articles/d.md", "pages/about.md")
                     for rule in ("placeholder]", "image-alt]")], result.stderr


# --- severity ---------------------------------------------------------------------------------------------


def test_strict_makes_every_rule_an_error_and_drafts_previews_show_them_as_warnings(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = "\nRecovery is guaranteed. TODO\n"
    site = make_site({K: article(body=text)})
    assert {p["rule"]: p["severity"] for p in check_json(run, site)["problems"]} == {
        "claim": "warning", "placeholder": "error"}
    make_site({"site.yaml": SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  quality: strict"),
               K: article(body=text)})
    assert {p["rule"]: p["severity"] for p in check_json(run, site)["problems"]} == {
        "claim": "error", "placeholder": "error"}
    assert {p["rule"]: p["severity"] for p in check_json(run, site, "--drafts")["problems"]} == {
        "claim": "warning", "placeholder": "warning"}


def test_a_finding_in_an_answer_written_as_a_block_names_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ("\n  - q: Can I stop at once?\n    a: >-\n      If you have taken it daily, stopping suddenly\n"
           "      brings on withdrawal in 1 in 10 people.\n  - q: What else?\n    a: |\n      First line.\n\n"
           "      Lorem ipsum.\n")
    site = make_site({K: article(faq=faq)})
    problems = check_json(run, site)["problems"]
    # the answers' keys are on lines 12 and 16; the figure is on 14, the placeholder on 19
    assert [(p["line"], p["key"], p["rule"]) for p in problems] == [
        (14, "faq[0].a", "unsourced-statistic"), (19, "faq[1].a", "placeholder")]


def test_a_finding_in_a_value_written_over_several_plain_or_quoted_lines_names_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ("\n  - q: Can I stop at once?\n    a: If you have taken it daily, stopping suddenly brings on\n"
           "      withdrawal in 1 in\n      10 people.\n  - q: What else?\n    a: \"Ask your doctor\n"
           "      first. TODO: add the helpline.\"\n  - q: And then?\n    a: Keep going\n"
           "      and TBD.  # a comment\n")
    site = make_site({K: article(faq=faq, summary="What clonazepam does, and how\n  TBD it is tapered.")})
    problems = check_json(run, site)["problems"]
    # summary: key on line 3; the answers' keys on lines 13, 17 and 20, the first's figure wrapped over lines 14
    # and 15. The comment after the last answer is not part of its value, which ends before it.
    assert [(p["line"], p["key"], p["rule"]) for p in problems] == [
        (4, "summary", "placeholder"), (14, "faq[0].a", "unsourced-statistic"), (18, "faq[1].a", "placeholder"),
        (21, "faq[2].a", "placeholder")]


def test_a_finding_in_an_answer_written_as_a_flow_mapping_names_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ('\n  - {q: "Does it work?", a: "Detox is\n      completely safe, says TODO."}'
           "\n  - {q: What else?,\n     a: 'Ask first.\n       Lorem ipsum.'}")
    site = make_site({K: article(faq=faq)})
    problems = check_json(run, site)["problems"]
    # the first answer opens on line 11, as its question does, and goes on to 12; the second's key is on 14
    assert [(p["line"], p["key"], p["rule"]) for p in problems] == [
        (12, "faq[0].a", "placeholder"), (12, "faq[0].a", "claim"), (15, "faq[1].a", "placeholder")]


def test_a_value_below_its_key_or_after_a_tab_names_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ("\n  - q:\tIs recovery likely\n      after a relapse? <!-- claim-ok asked -->\n    a: Yes, for most"
           " people.\n")
    site = make_site({K: article(summary="\n  What clonazepam does,\n  TBD how it is tapered.", faq=faq)})
    problems = check_json(run, site)["problems"]
    # summary: on line 3, its text on 4 and 5; the question's key on line 13, its marker on 14
    assert [(p["line"], p["key"], p["rule"]) for p in problems] == [
        (5, "summary", "placeholder"), (14, "faq[0].q", "claim")]


def test_an_article_whose_frontmatter_fails_is_still_checked_whole_with_the_sites_severity(make_site, run) -> None:  # type: ignore[no-untyped-def]
    strict = SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  quality: strict")
    site = make_site({"site.yaml": strict, K: article("TODO a title", reviwer="dr-ada",
                                                            body="\nRecovery is guaranteed.\n")})
    problems = check_json(run, site)["problems"]
    assert [(p["key"], p["rule"], p["severity"]) for p in problems if p["path"] == K] == [
        ("title", "placeholder", "error"), ("summary", "placeholder", "error"), ("reviwer", "", "error"),
        ("body", "claim", "error")]


@pytest.mark.parametrize("broken", ["summary: Dose: how much", "tags: [opioids, driving", "title: Twice"])
def test_an_article_whose_yaml_does_not_parse_still_has_its_body_checked(make_site, run, broken: str) -> None:  # type: ignore[no-untyped-def]
    text = article("Klonopin", body="\nTODO: the dose section.\n\n![](/assets/images/pills.svg)\n")
    text = text.replace("---\n", f"---\n{broken}\n", 1)  # a colon in a plain value, a list left open, a key twice
    site = make_site({K: text})
    problems = check_json(run, site)["problems"]
    assert [(p["line"], p["rule"], p["severity"]) for p in problems if p["rule"]] == [
        (13, "placeholder", "error"), (15, "image-alt", "error")]
    assert len([p for p in problems if not p["rule"]]) == 1  # the frontmatter's own error
    for line in ("draft: true", "draft : true  # for now", '"draft": true', "draft: !!bool true"):
        as_draft = make_site({K: text.replace("---\n", f"---\n{line}\n", 1)})
        assert [p["rule"] for p in check_json(run, as_draft)["problems"]] == [""]  # a draft's body may be unfinished


def test_a_draft_with_placeholders_passes_a_normal_check(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/soon.md": article("Soon", draft="true", body="\nTODO\n")})
    assert run("check", "--site", site, *TODAY_ARG).exit_code == 0
    preview = check_json(run, site, "--drafts")
    assert [(p["rule"], p["severity"]) for p in preview["problems"]] == [("placeholder", "warning")]


def test_github_annotations_carry_the_rule(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="\nDetox is risk-free.\n")})
    result = run("check", "--site", site, "--format", "github", *TODAY_ARG)
    assert result.stdout.startswith("::warning file=")
    assert f"{K},line={BODY_LINE + 1},title=body (claim)::" in result.stdout


# --- all at once ----------------------------------------------------------------------------------------------


SIX = {
    "content/articles/a-stub.md": article_stub("A stub", "benzodiazepines").replace("draft: true", "draft: false"),
    "content/articles/b-hard.md": article("B hard", body=body(HARD, EASY)),
    "content/articles/c-claim.md": article("C claim", body="\nOur treatment is 100% effective.\n"),
    "content/articles/d-figure.md": article("D figure", body="\nHalf of users relapse: 1 in 2 people.\n"),
    "content/articles/e-image.md": article("E image", body="\n![](x.png)\n"),
}


def test_the_six_planted_problems_show_in_one_check_run(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(SIX)
    data = check_json(run, site)
    stub = [p for p in data["problems"] if p["path"] == "content/articles/a-stub.md"]
    # The stub's review keys and its fact check and sources, all in the same run, with its placeholders.
    assert {p["key"] for p in stub if not p["rule"]} == {"reviewer", "reviewed", "fact_checked", "sources"}
    assert {p["rule"] for p in stub if p["rule"]} == {"placeholder"}
    assert {(p["path"], p["rule"]) for p in data["problems"] if p["rule"] and p["path"] != stub[0]["path"]} == {
        ("content/articles/b-hard.md", "readability"), ("content/articles/c-claim.md", "claim"),
        ("content/articles/d-figure.md", "unsourced-statistic"), ("content/articles/e-image.md", "image-alt")}


def test_a_stub_published_early_lists_its_review_problems_at_once(make_site, run) -> None:  # type: ignore[no-untyped-def]
    stub = article_stub("A stub", "benzodiazepines").replace("draft: true", "draft: false")
    site = make_site({"content/articles/a-stub.md": stub})
    lines = [line for line in run("check", "--site", site, *TODAY_ARG).stderr.splitlines()
             if not line.endswith("[placeholder]")]
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == ["reviewer", "reviewed", "fact_checked", "sources"]


# --- the build cache never loses a finding -----------------------------------------------------------------------


def test_a_warning_survives_no_change_and_incremental_rebuilds_and_goes_once_fixed(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="\nDetox is risk-free.\n")})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)

    def claims() -> list[str]:
        return [p.message for p in build(site, options).warnings if p.rule == "claim"]

    assert claims() == ['"risk-free" is an absolute claim about treatment']
    assert claims() == ['"risk-free" is an absolute claim about treatment']  # nothing changed
    other = site / "content/articles/what-are-benzodiazepines.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Text about", "More text about"), encoding="utf-8")
    assert claims() == ['"risk-free" is an absolute claim about treatment']  # another article's body edited
    (site / K).write_text(article(body="\nDetox is risk-free and guaranteed.\n"), encoding="utf-8")
    assert len(claims()) == 2  # the edited article itself
    (site / K).write_text(article(body="\nDetox is supervised.\n"), encoding="utf-8")
    assert claims() == []


def test_a_new_finding_in_a_body_edit_is_reported(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    (site / K).write_text(article(body="\n## Overview\n\nIt is a miracle cure.\n"), encoding="utf-8")
    assert [p.rule for p in build(site, options).warnings] == ["claim"]


def test_a_body_edit_of_an_article_with_warnings_is_quick_and_reports_its_findings(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="\nDetox is risk-free.\n")})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    (site / K).write_text(article(body="\nDetox is risk-free and guaranteed.\n"), encoding="utf-8")
    report = build(site, options)
    assert report.rendered == 1  # the article alone: no full build
    assert sorted(p.message for p in report.warnings if p.rule == "claim") == [
        '"guaranteed" is an absolute claim about treatment', '"risk-free" is an absolute claim about treatment']
    (site / K).write_text(article(body="\nDetox is safe for most people when a doctor supervises it.\n"),
                          encoding="utf-8")
    report = build(site, options)
    assert report.rendered == 1 and report.warnings == []
    (site / K).write_text(article(body="\nDetox is supervised. TODO: add the timeline.\n"), encoding="utf-8")
    with pytest.raises(BuildFailed) as refused:
        build(site, options)  # an error: the full build refuses it
    assert [(p.path, p.rule, p.severity) for p in refused.value.problems] == [(K, "placeholder", "error")]


def test_a_changed_quality_policy_checks_cached_articles_again(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="\nOur detox is life-changing.\n")})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    assert build(site, options).warnings == []
    yaml = SITE_YAML.replace("min_sources: 1", "min_sources: 1\n  claims: [life-changing]")
    (site / "site.yaml").write_text(yaml, encoding="utf-8")
    assert [p.rule for p in build(site, options).warnings] == ["claim"]


# --- no false positives ------------------------------------------------------------------------------------------

CORRECT_PROSE = [
    "Take two doses in 24 hours, and one person in the family should know where the kit is.",
    "There is no cure for addiction, but it can be treated and managed.",
    "Recovery is not guaranteed, and relapse is common.",
    "No clinic can guarantee that a person will stay well.",
    "We cannot guarantee a place on the programme this month.",
    "Dependence is not something that can be cured overnight.",
    "Nothing about withdrawal is completely safe without medical supervision.",
    "Antiviral tablets can cure hepatitis C in most people.",
    "Stopping without support is not risk-free.",
    "Recovery is nothing like a miracle: it takes time.",
    "I can't believe anyone would promise a guaranteed cure.",
    "Securing a place is easy: call us. The results are accurate.",
    "About 1 in 10 people become dependent.[^1]",
    "In the UK, 15% of adults drink above the low-risk guidelines ([NHS](https://www.nhs.uk/)).",
    "The starting dose is 0.25 mg twice a day, as the [label](https://example.org/label) says.",
    "See <https://www.nhs.uk/medicines/> for doses such as 2 mg.",
    "In 2020 the FDA added a boxed warning. Take one in the morning.",
    "Call 999 if someone cannot be woken. We are open 24/7 in four cities.",
    "The 12-step programme meets on Tuesdays. Schedule IV drugs need a prescription.",
    "Most people feel better within one to two weeks.",
    "Some people need a slower taper; nobody should be rushed.",
    "It is never safe to mix opioids with alcohol.",
    "This does not mean you will never relapse.",
    "Treatment is not a miracle; steady support is what helps.",
    "Todos los pacientes reciben apoyo.",
    "In lower case, tk and xxx-large are ordinary letters.",
    "`TODO` in code is code, not text: `0.5 mg`.",
    "Your privacy is guaranteed when you call us, and same-day appointments are guaranteed.",
    "Hepatitis C can be cured with tablets, and most people recover fully.",
    "Is there a cure for benzodiazepine dependence? Treatment helps people stop.",
    "No medicine is 100% safe for everyone.",
    "Instant detox programmes do not exist, and miracle cures for addiction are a myth.",
    "Read the [NHS guidance](https://www.nhs.uk/todo-list-for-carers/) on caring.",
    "About 30% of people relapse in the first year (https://www.nhs.uk/relapse).",
    "Naloxone can bring on instant withdrawal in someone who uses opioids every day.",
    "Metronidazole cures most of these infections, but avoid drinking alcohol while you take it.",
    "Hepatitis C is fully treatable, and tablets cure it in most people.",
    "Antidepressants are not habit-forming, and depression can often be cured.",
    "Your privacy is guaranteed: we never share your test results with your employer.",
    "Overdose deaths rose most in people aged 35 to 44 in 2023.",
    "Around 1 in 10 people relapse![^1]\n\n[^1]: A source.",
    "Around 1 in 10 people relapse. See the [NHS].\n\n[NHS]: https://www.nhs.uk/",
    "- a list item\n\n```\ncode\n```\n\n    TODO in indented code after a fence that ended the list",
    "Injecting crushed tablets can cause infections; the 2 gram-negative bacteria most often found differ.",
    "Gram stains showed 3 gram-positive cocci, and Instagram posts are no advice.",
    # A negative subject however long, and a myth named as one before it is debunked.
    "There is no clinic, hospital or private programme anywhere in the country that can offer a guaranteed cure.",
    "No clinic, hospital or programme can promise a guaranteed cure.",
    "There are no medicines, therapies or programmes that offer a guaranteed cure for addiction.",
    "Nobody working in addiction medicine would ever honestly promise a guaranteed cure.",
    "No reputable doctor, nurse or counsellor will tell you that detox is completely safe.",
    "No treatment, however good, is a guaranteed cure.",
    'Myth: "Detox cures addiction." Fact: detox is only the first step.',
    "**Myth 2:** rehab guarantees recovery. **Fact:** recovery takes time and support.",
    "No one in our team will promise you a guaranteed cure.",  # the writer may be in the subject
    "No treatment we know of offers a guaranteed cure for addiction.",
    "No medicine, therapy or support group, however well run, offers a guaranteed cure for addiction.",
    "Myth four: rehab guarantees recovery. Fact: it helps many people, not all.",
    "Myth 1 of 5: rehab guarantees recovery.",
    "False belief: rehab guarantees recovery.",
    "Fiction: detox cures addiction. Fact: detox manages withdrawal.",
    "A popular myth says detox cures addiction.",
    "One myth is that rehab guarantees recovery.",
    "No medicine - not even buprenorphine - is completely safe.",
    "No treatment, whether medicine or talking therapy, is a guaranteed cure for addiction.",
    "None of the treatments we prescribe is completely safe.",
    "No study so far has shown that rapid detox is completely safe.",
    "Not one of the trials we reviewed showed that any treatment guarantees recovery.",
    "Nobody who has worked in addiction services for any length of time would describe detox as completely safe.",
    "We are not aware of any clinic, hospital or programme in the region that can offer a guaranteed cure.",
    "No patient should be told that withdrawal from alcohol is completely safe without medical supervision.",
    "No medicine makes withdrawal completely safe.",
    # What a percentage says of a service, not of people: no figure to source.
    "The first assessment is 100% free of charge, and calls are 100 per cent confidential.",
    # never relapse's kin, said of some people, denied or as advice
    "It is not impossible to relapse, and a relapse is no failure.",
    "Nobody can promise you will be sober forever.",
    "No clinic can honestly say relapse is impossible.",
    "Many people who finish treatment never drink again.",
    "Most doctors advise that you never drink again after alcohol dependence.",
    "Some of our clients never use again; others relapse and come back.",
    "A perfect record of every dose helps your doctor.",
    "The damage to the liver may be permanent.",
]


@pytest.mark.parametrize("sentence", CORRECT_PROSE)
def test_no_false_positive_on_correct_medical_prose(sentence: str) -> None:
    text = sentence + "\n\n[^1]: A source.\n" if "[^1]" in sentence and "[^1]:" not in sentence else sentence + "\n"
    assert check_body(text, 1, "a.md", QualityPolicy()).problems == ()


def test_no_false_positive_on_the_sample_site(run) -> None:  # type: ignore[no-untyped-def]
    repository = Path(__file__).resolve().parent.parent
    data = json.loads(run("check", "--site", repository, "--format", "json", "--today", "2026-12-01").stdout)
    # The one warning is meant: the sample's French fentanyl page is behind its source, within the grace period.
    assert [(p["path"], p["key"]) for p in data["problems"]] == [("content/articles/fentanyl.fr.md", "reviewed")]
    assert data["errors"] == 0
    assert all(a["grade"] is not None and a["grade"] <= 10 for a in data["articles"])


def claim_warnings(text: str, language: str = "en") -> list[str]:
    return [p.message for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems
            if p.rule == CLAIM]


# Honest prose that names a risky claim to warn against it, deny it or report it, each with a sentence in the same
# words that makes the claim: the first must give no warning, the second still must.
HONEST_AND_CLAIMED = [
    # a denial said of the claim's whole noun phrase, a drug or a disorder named in it
    ("en", "Anyone who tells you there is a guaranteed cure for heroin addiction is lying.",
     "We guarantee a cure for heroin addiction."),
    ("en", "A guaranteed cure for opioid use disorder does not exist.",
     "Our guaranteed cure for opioid use disorder means cravings do not happen."),
    ("en", "Anyone who promises you a cure for crack cocaine addiction is not telling the truth.",
     "Our clinic offers a cure for crack cocaine addiction."),
    ("en", "Any clinic that offers a guaranteed cure for alcohol dependence is misleading you.",
     "Our clinic offers a guaranteed cure for alcohol dependence."),
    ("en", "Be careful: a programme that says it can cure opioid addiction in a week is not being honest.",
     "Our programme can cure opioid addiction in a week."),
    ("en", "A cure for addiction is never guaranteed.", "A cure for addiction is what we offer."),
    ("en", "A guaranteed cure for opioid addiction does not exist.",
     "We offer a guaranteed cure for people whose treatment did not work."),
    # ... and in the other languages medpress speaks, where it says the claim is never guaranteed
    ("fr", "La guérison de la dépendance n'est jamais garantie.", "Notre programme garantit la guérison."),
    ("fr", "La guérison de la dépendance à l'héroïne n'est jamais garantie.",
     "La guérison de la dépendance à l'héroïne est garantie."),
    ("fr", "La guérison de l'alcoolisme n'est pas garantie, mais l'arrêt est possible.",
     "La guérison de l'alcoolisme est garantie, et l'arrêt est facile."),
    ("es", "La curación de la adicción no está garantizada.", "La curación de la adicción está garantizada."),
    ("de", "Eine Heilung der Sucht ist nie garantiert.", "Eine Heilung der Sucht ist garantiert."),
    ("pt", "A cura da dependência nunca é garantida.", "A cura da dependência é garantida."),
    ("es", "La curación de la adicción a la cocaína nunca está garantizada.",
     "La curación de la adicción a la cocaína está garantizada."),
    ("fr", "La guérison de la dépendance chez les jeunes adultes n'est jamais garantie.",
     "La guérison de la dépendance chez les jeunes adultes est garantie."),
    ("en", "A painless detox from benzodiazepines is not something anyone can promise.",
     "A painless detox from benzodiazepines is something we promise."),
    # what someone else, unnamed or supposed, says, offers or believes (not what the reader seeks)
    ("en", "If a clinic promises guaranteed results, ask to see its figures.",
     "If you finish the programme, we promise guaranteed results."),
    ("en", "If someone says their detox is completely safe, ask what happens when things go wrong.",
     "Our detox is completely safe."),
    ("en", "When a website promises a miracle cure, it is selling something.",
     "When you are ready, we offer a miracle cure."),
    ("en", "Should a clinic promise a 100% success rate, be suspicious.",
     "Should you join, we promise a 100% success rate."),
    ("en", "If an advert says a pill will cure your gambling addiction, it is a scam.",
     "If you take this pill, it will cure your gambling addiction."),
    ("en", "If someone promises a cure for addiction, ask for the evidence.",
     "If you want someone who promises a cure for addiction, call us."),
    ("en", "Some clinics claim that they can cure addiction in a month.", "Our clinic can cure addiction in a month."),
    ("en", "Clinics that claim to cure addiction overnight should be reported to the regulator.",
     "Our clinics cure addiction in a week."),
    ("en", "Some families believe a miracle cure for cocaine addiction exists.",
     "A miracle cure for cocaine addiction exists, and we offer it."),
    ("en", "You may have heard that rehab guarantees recovery, but it does not.", "Recovery guaranteed!"),
    ("fr", "Si une clinique promet une guérison garantie, demandez ses chiffres.",
     "Si vous venez chez nous, la guérison est garantie."),
    ("fr", "Certaines cliniques prétendent guérir l'addiction en un mois.",
     "Notre clinique peut guérir l'addiction en un mois."),
    ("fr", "Quelqu'un qui vous promet une guérison miracle vous ment.", "Nous vous promettons une guérison miracle."),
    ("es", "Si una clínica promete resultados garantizados, pida ver sus cifras.",
     "Si viene a nuestra clínica, le garantizamos resultados."),
    ("es", "Algunas clínicas afirman curar la adicción en un mes.", "Nuestra clínica cura la adicción en un mes."),
    ("de", "Wenn eine Klinik garantierte Ergebnisse verspricht, fragen Sie nach Zahlen.",
     "Wenn Sie zu uns kommen, garantieren wir Ergebnisse."),
    ("de", "Manche Kliniken versprechen eine garantierte Heilung der Sucht.",
     "Unsere Klinik verspricht eine garantierte Heilung der Sucht."),
    # what others believe, after the comma German puts before it
    ("de", "Manche Angehörige glauben, Alkoholsucht sei heilbar.",
     "Manche Angehörige glauben, Alkoholsucht sei heilbar – und sie haben recht."),
    ("de", "Einige Patienten glauben, ein kalter Entzug sei völlig ungefährlich.",
     "Einige Ärzte sagen, der Entzug hier sei völlig ungefährlich."),
    ("pt", "Se uma clínica promete resultados garantidos, peça para ver os números.",
     "Se vier à nossa clínica, garantimos resultados."),
    ("pt", "Algumas clínicas afirmam curar a dependência em um mês.", "A nossa clínica cura a dependência em um mês."),
    # a question the reader asks, told as one
    ("en", "People often ask whether addiction can be cured.", "People often ask us to cure their addiction."),
    ("en", "Many readers wonder if alcoholism can really be cured.", "Alcoholism can really be cured."),
    ("en", "Families often ask us whether heroin addiction can ever be cured.",
     "Families ask us whether we cure heroin addiction, and we do."),
    ("fr", "Beaucoup de familles se demandent si la dépendance se guérit.", "Chez nous, la dépendance se guérit."),
    ("es", "Muchas familias preguntan si la adicción tiene cura.", "Muchas familias saben que la adicción tiene cura."),
    ("pt", "Muitas famílias perguntam se a dependência tem cura.", "Muitas famílias sabem que a dependência tem cura."),
    # ... asked of the clinic, often, after a comma, or of the reader's doctor; the claim still made when the writer
    # answers yes or offers it to whoever wants it
    ("en", "Ask us whether our detox is completely safe, and we will explain the risks honestly.",
     "Ask us whether our detox is completely safe - it is."),
    ("en", "Patients often ask us if detox is completely safe.",
     "Patients ask us whether our detox is completely safe, and we say yes."),
    ("en", "Readers regularly ask us if rapid detox is risk-free.", "Ask us if you want a risk-free detox."),
    ("en", "Ask your doctor if a rapid detox is completely safe for you.",
     "Ask us whether detox can be completely safe. Here, it is."),
    ("fr", "Les patients nous demandent souvent si le sevrage est sans risque : il ne l'est pas toujours.",
     "Les familles nous demandent si notre sevrage est sans risque, et il l'est."),
    ("fr", "Demandez à votre médecin si le sevrage est sans risque pour vous.",
     "Demandez-nous si vous voulez un sevrage sans risque."),
    ("fr", "On nous demande parfois si notre cure est miraculeuse.",
     "On nous demande si notre cure est miraculeuse ? Oui."),
    ("de", "Patienten fragen uns oft, ob der Entzug völlig sicher ist – das ist er nicht immer.",
     "Patienten fragen uns oft, ob der Entzug völlig sicher ist – das ist er."),
    ("de", "Viele fragen sich, ob Alkoholsucht heilbar ist; behandelbar ist sie in jedem Fall.",
     "Sie fragen sich, ob Alkoholsucht heilbar ist? Bei uns schon."),
    ("de", "Fragen Sie Ihren Arzt, ob der Entzug für Sie völlig sicher ist.",
     "Viele fragen, ob unser Entzug völlig sicher ist – ja."),
    ("es", "Los pacientes nos preguntan a menudo si la desintoxicación es totalmente segura.",
     "Muchos nos preguntan si la desintoxicación aquí es totalmente segura, y sí lo es."),
    ("es", "Las familias se preguntan a menudo si la adicción tiene cura.",
     "¿Se pregunta si la adicción tiene cura? En nuestra clínica, sí."),
    ("pt", "Os pacientes perguntam-nos muitas vezes se a desintoxicação é totalmente segura.",
     "Muitos perguntam se a nossa desintoxicação é totalmente segura. Sim."),
    ("pt", "Pode perguntar ao seu médico se o tratamento é sem risco.",
     "Pode perguntar se o nosso tratamento é sem risco: sim."),
    # what is rarely so; not what rarely fails, nor what is rarely a problem of the writer's
    ("en", "Detox alone is rarely a cure for addiction.", "Our detox rarely fails: it is completely safe."),
    ("en", "A rapid detox is seldom completely safe.", "Our detox rarely fails and is completely safe."),
    ("en", "Miracle cures rarely work.", "Our detox never fails to cure addiction."),
    ("en", "Rehab is only rarely a miracle.", "Relapse is rarely a problem after our guaranteed cure."),
    ("fr", "Un sevrage est rarement sans risque.", "Notre sevrage échoue rarement et reste sans risque."),
    ("fr", "Le sevrage seul guérit rarement la dépendance.", "Notre cure échoue rarement : elle guérit la dépendance."),
    ("fr", "Les cures miracles fonctionnent rarement.", "Notre cure miracle échoue rarement."),
    ("de", "Ein Entzug allein ist selten eine Heilung der Sucht.", "Unsere Wunderkur versagt selten."),
    ("de", "Ein kalter Entzug ist selten völlig sicher.", "Unser Entzug scheitert selten und ist völlig sicher."),
    ("de", "Entzug allein heilt Sucht selten.", "Entzug bei uns heilt Sucht."),
    ("es", "La desintoxicación sola rara vez es una cura para la adicción.", "Nuestra cura milagrosa rara vez falla."),
    ("es", "La desintoxicación rápida raramente es totalmente segura.",
     "Nuestro método falla raramente y cura la adicción."),
    ("pt", "A desintoxicação sozinha raramente é uma cura para a dependência.",
     "O nosso método raramente falha e cura a dependência."),
    ("pt", "A desintoxicação rápida raras vezes é totalmente segura.", "A nossa cura milagrosa falha raramente."),
    # a negative subject however long, which guarantees the claim, German's verb last; not one of a boast
    ("de", "Keine seriöse Klinik kann eine Heilung der Sucht garantieren.",
     "Keine andere Klinik kann eine Heilung der Sucht garantieren."),
    ("de", "Kein seriöser Arzt wird Ihnen eine dauerhafte Heilung der Alkoholsucht garantieren.",
     "Unser Arzt wird Ihnen eine dauerhafte Heilung der Alkoholsucht garantieren."),
    ("de", "Keine seriöse Klinik wird garantieren, dass der Entzug völlig sicher ist.",
     "Kein Patient wird nach der zehntägigen ärztlich begleiteten Wunderkur rückfällig."),
    ("de", "Kein Arzt wird Ihnen sagen, dass ein Entzug völlig sicher ist.",
     "Jeder Arzt hier wird Ihnen sagen, dass unser Entzug völlig sicher ist."),
    ("de", "Keine seriöse Klinik kann garantieren, dass der Entzug völlig sicher ist.",
     "Keine Klinik kann bestreiten, dass unser Entzug völlig sicher ist."),
    ("en", "No reputable addiction clinic anywhere in the country can guarantee a cure for addiction.",
     "No other addiction clinic anywhere in the country can guarantee a cure for addiction."),
    ("fr", "Aucune clinique sérieuse ne peut garantir que le sevrage est sans risque.",
     "Aucune clinique ne peut garantir que notre sevrage est sans risque comme nous."),
    ("es", "Ninguna clínica seria puede garantizar que la desintoxicación sea totalmente segura.",
     "Ninguna otra clínica puede garantizar que la desintoxicación sea totalmente segura."),
    # a claim's phrase called so, not made
    ("en", "The so-called miracle cures sold online for alcohol addiction can be dangerous.",
     "Our so-called miracle cure for addiction works every time."),
    ("es", "La supuesta cura milagrosa de la adicción es peligrosa.",
     "Nuestra cura milagrosa de la adicción funciona."),
    ("pt", "A suposta cura milagrosa para a dependência é perigosa.",
     "A nossa cura milagrosa para a dependência funciona."),
    ("de", "Angebliche Wunderheilungen der Sucht sind gefährlich.", "Unsere Wunderheilung der Sucht wirkt."),
]


@pytest.mark.parametrize("language, honest, claimed", HONEST_AND_CLAIMED)
def test_prose_that_warns_against_denies_or_reports_a_claim_makes_none(language: str, honest: str,
                                                                       claimed: str) -> None:
    assert claim_warnings(honest, language) == []
    assert claim_warnings(claimed, language) != []


@pytest.mark.parametrize("language, hoped", [
    ("en", "Many patients once hoped for a miracle cure and found that recovery takes time."),
    ("en", "She had expected a risk-free detox and was shocked by the withdrawal."),
    ("en", "Some families were promised a guaranteed cure by another clinic."),
    ("en", "He had been told that detox at home was completely safe."),
    ("en", "Several clients had been sold a miracle pill before they came to us."),
    ("en", "People who hoped for an instant detox are often disappointed."),
    ("en", "Many of our patients arrived expecting a painless detox."),
    ("en", "Families often tell us they had hoped for a guaranteed cure."),
    ("en", "A man told us he was offered a risk-free detox by a website that sold him fake pills."),
    ("en", "Many families hope for a miracle cure, and we understand why."),
    ("en", "My brother believed in a miracle cure for his addiction until his third relapse."),
    ("en", "You were promised a risk-free detox elsewhere; recovery takes longer than that."),
    ("en", "Patients who hoped for a miracle cure never found one."),
    ("en", "Both had been promised a guaranteed cure elsewhere, but neither got one."),
    ("en", "Many patients arrive hoping for a miracle cure and leave with a plan instead."),
    ("en", "Families often expect an instant detox; what they get is a week of careful care."),
    ("fr", "Certains patients s'attendaient à une guérison garantie."),
    ("fr", "Beaucoup de familles espéraient une désintoxication instantanée."),
    ("fr", "On leur avait promis un sevrage sans risque dans une autre clinique."),
    ("fr", "Des patients nous racontent qu'ils croyaient au miracle."),
    ("es", "Muchas familias esperaban una cura milagrosa y se sintieron engañadas."),
    ("es", "A algunos pacientes les prometieron una desintoxicación sin riesgo en otro centro."),
    ("es", "Algunos pacientes creían en una cura milagrosa antes de venir."),
    ("de", "Viele Patienten hofften auf ein Wundermittel gegen die Sucht."),
    ("de", "Manche Familien erwarteten einen völlig sicheren Entzug."),
    ("de", "Einige Patienten glaubten an eine Wunderheilung."),
    ("pt", "Muitas famílias esperavam uma cura milagrosa."),
    ("pt", "Alguns pacientes acreditavam em um milagre antes do tratamento."),
    ("pt", "Prometeram-lhes uma desintoxicação sem risco noutra clínica."),
    ("en", "Some patients arrive believing that methadone is completely safe because a doctor prescribes it."),
    ("fr", "Beaucoup de patients arrivent en espérant un miracle."),
    ("es", "«Llegué esperando un milagro y no lo hubo. Hubo semanas duras.»"),
    ("de", "Viele Patienten kommen in der Hoffnung auf eine Wunderheilung zu uns."),
    ("pt", "Muitas famílias chegam à nossa clínica à espera de um milagre. Compreendemos essa esperança."),
])
def test_a_hope_someone_had_or_a_promise_made_to_them_elsewhere_is_no_claim(language: str, hoped: str) -> None:
    assert claim_warnings(hoped, language) == []


@pytest.mark.parametrize("language, offered", [
    ("en", "We promise a miracle cure."),
    ("en", "Patients who come to us get a guaranteed cure."),
    ("en", "Our clients expect \u2014 and get \u2014 a risk-free detox."),
    ("en", "Hoping for a miracle? Our programme is one."),
    ("en", "You can expect a completely safe detox with us."),
    ("en", "Expect a miracle cure at our clinic."),
    ("en", "Patients expect a miracle cure here."),
    ("en", "Our clients were promised a risk-free detox."),
    ("en", "Families were promised a guaranteed cure, and we delivered it."),
    ("en", "Our patients expect a risk-free detox, and that is what we give them."),
    ("en", "Clients came hoping for a miracle, and they got one."),
    ("en", "Patients expected a miracle cure, and our programme delivered it."),
    ("en", "They were promised a risk-free detox by our doctors."),
    ("en", "Patients who expect a miracle cure will find one here."),
    ("en", "Clients expect a completely safe detox, and that is exactly what they receive."),
    ("en", "People come to us expecting a miracle and leave with one."),
    ("en", "Families hoped for a miracle cure, and our programme delivered."),
    ("en", "You were promised a risk-free detox, and we keep our promises."),
    ("en", "Most people expect a painless detox, which is what our programme offers."),
    ("fr", "Nos patients espéraient un miracle : ils l'ont trouvé chez nous."),
    ("es", "Los pacientes esperaban un milagro y aquí lo encuentran."),
    ("es", "Nuestros médicos les prometieron una desintoxicación sin riesgo."),
    ("de", "Unsere Patienten erwarten eine garantierte Heilung der Sucht, und sie bekommen sie."),
    ("pt", "Os pacientes esperavam um milagre e aqui o encontram."),
    ("en", "Patients arrive believing our detox is completely safe, and it is."),
    ("es", "Los pacientes llegan esperando un milagro y aquí lo encuentran."),
    ("pt", "Os pacientes chegam à espera de um milagre e encontram-no aqui."),
])
def test_a_hope_the_writer_offers_or_says_came_true_is_a_claim(language: str, offered: str) -> None:
    assert claim_warnings(offered, language) != []


# What the exemptions for "rarely", questions and hopes let through when first written, found by a review of them.
@pytest.mark.parametrize("language, claimed", [
    ("en", "Our clients rarely relapse after the miracle cure."),
    ("en", "Patients seldom relapse after a guaranteed cure here."),
    ("en", "Side effects are rarely reported with this completely safe detox."),
    ("fr", "Les patients rechutent rarement après la cure miracle de la clinique."),
    ("fr", "Le sevrage indolore dure rarement plus d'une semaine."),
    ("fr", "Notre cure miracle déçoit rarement."),
    ("de", "Die schmerzfreie Entgiftung dauert selten länger als fünf Tage."),
    ("es", "Nuestros pacientes rara vez recaen tras la cura milagrosa."),
    ("es", "Nuestra cura milagrosa rara vez decepciona."),
    ("pt", "Os nossos pacientes raramente recaem após a cura garantida."),
    ("en", "Families often ask whether our guaranteed cure also covers alcohol."),
    ("en", "Ask your doctor if our painless detox is right for you."),
    ("fr", "Nos patients demandent souvent si notre cure miracle fonctionne aussi pour l'alcool."),
    ("de", "Viele fragen, ob unsere Wunderkur auch bei Alkohol wirkt."),
    ("de", "Patienten fragen uns oft, ob die Heilung garantiert ist. Selbstverständlich ist sie das."),
    ("es", "Nuestros pacientes nos preguntan a menudo si la desintoxicación es sin riesgo. Por supuesto que lo es."),
    ("en", "At Hartwell we believe in a permanent cure for addiction."),
    ("en", "Our founders dreamed of a painless detox, and since 2019 every patient here has had one."),
    ("en", "Patients who come to us hoping for a miracle cure are never disappointed."),
    ("en", "He had prayed for a miracle cure for ten years - our programme gave him one."),
    ("en", "Come to Hartwell expecting a painless detox - that is exactly what you will get."),
    ("en", "Patients expect a risk-free detox, and we never let them down."),
    ("fr", "Le Dr Martin leur a promis une guérison garantie et il a tenu parole."),
    ("de", "Sie erwarteten eine schmerzfreie Entgiftung, und genau das bieten wir."),
    ("es", "Los médicos de la clínica les prometieron una curación garantizada y cumplieron."),
    ("pt", "Os pacientes esperavam uma cura milagrosa e foi isso que receberam aqui."),
])
def test_a_claim_rarely_asked_or_hoped_for_that_the_page_makes_still_warns(language: str, claimed: str) -> None:
    assert claim_warnings(claimed, language) != []


@pytest.mark.parametrize("language, honest", [
    ("en", "Some clinics promise a miracle cure, but no one can give it."),
    ("en", "Some clinics promise instant detox. Nobody can deliver it."),
    ("en", "Some clinics promise a risk-free detox, which is what we question."),
    ("en", "Many families do not believe in miracle cures, and they are right."),
    ("de", "Viele Angehörige glauben nicht an eine Wunderheilung – und sie haben recht."),
    ("es", "Los pacientes a menudo nos cuentan que esperaban un milagro."),
])
def test_a_claim_denied_or_disowned_is_not_taken_up_by_what_follows(language: str, honest: str) -> None:
    assert claim_warnings(honest, language) == []


# What the writer's own yes, its place and a hope met first took for the page's claim, found by a second review.
@pytest.mark.parametrize("language, honest", [
    ("en", "Some forums say stopping benzodiazepines cold turkey is completely safe. Of course, it is not."),
    ("en", "Some clinics promise a guaranteed cure, but, of course, relapse can happen to anyone."),
    ("en", "No reputable doctor will promise a permanent cure, of course."),
    ("fr", "Aucun sevrage n'est totalement sans risque, bien sûr."),
    ("es", "Algunas webs prometen una cura milagrosa. Por supuesto, desconfíe."),
    ("de", "Kein seriöser Arzt verspricht eine Heilung der Sucht, selbstverständlich."),
    ("pt", "Nenhuma clínica séria pode garantir a cura da dependência, sem dúvida."),
    ("en", "No detox is completely safe, so close monitoring is part of the care we provide."),
    ("en", "Some clinics promise a painless detox; our doctors explain why no one keeps that promise."),
    ("en", "When websites promise a guaranteed cure, they rarely mean clinics like ours."),
    ("en", "If someone promises you a guaranteed cure, you will be disappointed."),
    ("en", "Some centres promise a miracle cure; before you pay, ask in writing what you will get."),
    ("en", "Some people say this centre offers a miracle cure. It does not; it offers careful treatment."),
    ("fr", "Certains sites affirment qu'ici en France le sevrage à domicile est sans risque."),
])
def test_a_yes_a_place_or_a_promise_kept_near_a_claim_denied_takes_up_nothing(language: str, honest: str) -> None:
    assert claim_warnings(honest, language) == []


@pytest.mark.parametrize("language, claimed", [
    ("en", "Patients who hoped for a painless detox found exactly that at Hartwell."),
    ("en", "Everyone who came to Hartwell expecting a painless detox got one."),
    ("en", "Patients who expected a miracle cure were delighted with the results at Hartwell."),
    ("en", "Patients who expect a completely painless detox will not be let down at Hartwell."),
    ("en", "Elsewhere, detox is rarely completely painless; at Hartwell it always is."),
    ("fr", "Ceux qui espéraient une cure miracle l'ont trouvée à la Clinique du Lac."),
    ("fr", "Une cure miracle rarement égalée en Europe vous attend chez nous."),
    ("fr", "Une guérison garantie se voit rarement ; chez nous, c'est la règle."),
    ("es", "Los pacientes que esperaban una cura milagrosa la encontraron en Clínica Sol."),
    ("de", "Eine schmerzfreie Entgiftung erlebt man selten, bei uns ist sie Standard."),
    ("de", "Patienten fragen oft, ob die Heilung garantiert ist. Im Haus Sonnenberg immer."),
    ("pt", "Uma desintoxicação raramente é totalmente segura, mas na Clínica Luz é sempre."),
    ("pt", "Os pacientes que esperavam uma cura milagrosa encontraram-na na Clínica Luz."),
])
def test_a_hope_met_or_a_rarity_the_page_says_it_beats_is_a_claim(language: str, claimed: str) -> None:
    assert claim_warnings(claimed, language) != []


@pytest.mark.parametrize("testimonial", [
    "Many patients say the detox is completely safe.",
    "Our clients tell us the programme is a miracle.",
    "Some people say it's a miracle, and we agree.",
    "Some clinics claim they can cure addiction; we actually do.",
    "A clinic that offers a guaranteed cure: that is us.",
])
def test_a_claim_patients_say_or_the_writer_endorses_is_made(testimonial: str) -> None:
    assert claim_warnings(testimonial, "en") != []


@pytest.mark.parametrize("language, answered", [
    ("en", "Some clinics claim they can cure addiction. We actually can."),
    ("en", "You may have heard that addiction can be cured. Here, it is."),
    ("en", "Wondering whether addiction can be cured? At our clinic, it can."),
    ("en", "Is a painless detox possible? At our centre it is."),
    ("en", "Guaranteed sobriety? That's what we deliver."),
    ("en", "Many programmes say they are completely safe; ours actually is."),
    ("en", "If a clinic promises you a risk-free detox, that clinic is ours."),
    ("en", "No one can promise a cure for addiction, but we can."),
    ("fr", "Certains disent que notre méthode est un miracle, et ils ont raison."),
    ("es", "Algunas clínicas prometen curar la adicción; nosotros sí lo hacemos."),
    ("pt", "Algumas clínicas prometem a cura da dependência. A nossa cumpre, sim."),
    ("en", "When clinics promise a cure for addiction, they usually mean us."),
    ("en", "If anyone tells you detox is risk-free, they have probably been to our centre."),
    ("en", "When people call rehab a miracle, they are talking about places like ours."),
    ("en", "Many clinics offer a guaranteed cure; ours is the one that keeps that promise."),
    ("fr", "Quand une clinique promet un sevrage sans risque, elle parle de nous."),
    ("es", "Si alguien le dice que la desintoxicación es totalmente segura, seguramente habla de nosotros."),
    ("de", "Wenn eine Klinik Ihnen eine garantierte Heilung der Sucht verspricht, sind Sie bei uns richtig."),
    ("de", "Viele Kliniken versprechen Suchtheilung – wir halten dieses Versprechen."),
    ("pt", "Algumas clínicas prometem curar a dependência; nós curamos de verdade."),
])
def test_a_claim_the_writer_answers_with_its_own_yes_is_made(language: str, answered: str) -> None:
    assert claim_warnings(answered, language) != []


@pytest.mark.parametrize("language, praised", [
    ("en", "Some doctors say the programme here is completely safe."),
    ("en", "Anyone will tell you the detox here is completely safe."),
    ("en", "Many reviewers say the detox at this centre is risk-free."),
    ("en", "People often say this clinic's method is a miracle cure."),
    ("fr", "Certains disent que le sevrage ici est sans risque."),
    ("es", "Algunos médicos dicen que el método del centro es un milagro."),
    ("de", "Manche Ärzte sagen, der Entzug in dieser Klinik sei völlig sicher."),
    ("pt", "Alguns médicos dizem que o método da clínica é um milagre."),
])
def test_a_claim_others_make_of_the_writers_place_is_made(language: str, praised: str) -> None:
    assert claim_warnings(praised, language) != []


@pytest.mark.parametrize("language, reported", [
    ("en", "Some people say a home detox is completely safe; here we explain why it is not."),
    ("en", "Some websites claim that detox at home is completely safe."),
    ("en", "Some websites claim the clinic you pick does not matter and that any detox is risk-free."),
    ("en", "Some online forums claim that detox here in the UK is completely safe at home."),
    ("es", "Hay quien dice que aquí la desintoxicación es totalmente segura. No lo es."),
    ("fr", "Certains sites affirment qu'un sevrage à domicile est sans risque."),
])
def test_a_claim_others_make_of_somewhere_else_stays_reported(language: str, reported: str) -> None:
    assert claim_warnings(reported, language) == []


@pytest.mark.parametrize("reported", [
    "Some clinics claim they can cure addiction. We do not.",
    "Is a painless detox possible? No. Withdrawal can be eased, not removed.",
    "You may have heard that detox is risk-free. We are here to explain the real risks.",
    "Some families believe detox is risk-free. It is not.",
    "Some clinics claim they can cure addiction, but we can't promise that.",
    "Some clinics claim they can cure addiction; we do not.",
])
def test_what_families_believe_or_the_writer_disowns_stays_reported(reported: str) -> None:
    assert claim_warnings(reported, "en") == []


@pytest.mark.parametrize("language, disowned", [
    ("en", "If a clinic promises a cure, call us for a second opinion."),
    ("en", "When people say rehab is a miracle, they mean it gave them their life back."),
    ("en", "If someone promises a risk-free detox, they mean well but are wrong."),
    ("en", "Some clinics promise a cure for addiction; we really do not."),
    ("en", "Many clinics offer a guaranteed cure, but no one keeps that promise."),
    ("de", "Einige Kliniken versprechen Suchtheilung – wir halten nichts von solchen Versprechen."),
    ("pt", "Algumas clínicas prometem curar a dependência; nós não."),
])
def test_a_claim_others_make_that_the_writer_does_not_take_up_stays_reported(language: str, disowned: str) -> None:
    assert claim_warnings(disowned, language) == []


def test_the_false_positives_qa_found_give_no_warning_on_a_site_and_the_claims_still_do(make_site, run) -> None:  # type: ignore[no-untyped-def]
    def claims_in(english: str, french: str) -> list[tuple[str, str]]:
        site = make_site({K: article(body="\n" + english), K.replace(".md", ".fr.md"): article(body="\n" + french),
                          "site.yaml": SITE_YAML + "languages: [en, fr]\n"})
        return sorted((p["path"].rsplit("/", 1)[1], p["message"].split('"')[1])
                      for p in found(check_json(run, site), CLAIM))

    assert claims_in("Anyone who tells you there is a guaranteed cure for heroin addiction is lying.\n\n"
                     "If a clinic promises guaranteed results, ask to see its figures.\n",
                     "La guérison de la dépendance n'est jamais garantie.\n") == []
    assert claims_in("We guarantee a cure for heroin addiction.\n\nOur detox is completely safe.\n\n"
                     "Recovery guaranteed!\n", "Notre programme garantit la guérison.\n") == sorted([
        ("klonopin-addiction.fr.md", "garantit"), ("klonopin-addiction.md", "guarantee"),
        ("klonopin-addiction.md", "cure"), ("klonopin-addiction.md", "completely safe"),
        ("klonopin-addiction.md", "guaranteed")])


# --- the grade is textstat's, and offline ------------------------------------------------------------------------

PARAGRAPHS = [EASY, HARD, "Don't stop suddenly - it isn't safe. Talk to your doctor. Ok?",
              "Withdrawal... it hurts! Does it last? Sometimes it lasts for weeks, or months, or longer."]


@pytest.mark.parametrize("text", [
    "Our painless detox means withdrawal symptoms don't happen.",
    "With our miracle treatment, cravings simply do not exist.",
    "Our guaranteed programme ensures relapse will not happen.",
    "- Guaranteed results for every client\n- Want to know more?",
    "Whether or not you have tried before, we guarantee you will stay sober.",
    # A boast of being the only one, or the best, negates nothing.
    "No other clinic offers a miracle detox like ours.",
    "Nothing else works like our miracle detox.",
    "Nobody else offers our risk-free detox.",
    "There is nothing like our instant detox.",
    "You won't find a more completely safe detox anywhere.",
    "You won't believe how fast our instant detox works.",
    # A negative word that opens a clause of its own, a boast, or a myth answered by one of ours.
    "There is no waiting list and we offer a guaranteed cure.",
    "No matter how hard it gets, recovery is guaranteed.",
    "No other clinic, hospital or programme offers a guaranteed cure like ours.",
    "No client has ever failed to recover with this guaranteed method.",
    "There is no risk at all, and the detox is completely safe.",
    "Myth: detox is hard, but our detox is completely safe.",
])
def test_a_claim_is_found_though_a_denial_question_or_negation_is_near(text: str) -> None:
    assert [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy()).problems] == ["claim"]


# A helper's copy: a negative subject that does not offer the claim, or a clause of the writer's after it; a myth
# answered by the writer in the same sentence.
@pytest.mark.parametrize("language, text", [
    ("en", "No addiction is too strong for this miracle cure."),
    ("en", "No addict is beyond help with the miracle cure."),
    ("en", "No waiting lists, no paperwork, because the detox is completely safe."),
    ("en", "No waiting list, which means you can start your instant detox today."),
    ("en", "No fuss, no pain, and recovery is guaranteed."),
    ("en", "No need to worry, the detox is completely safe."),
    ("en", "No one has ever regretted choosing the instant detox."),
    ("en", "No client of the Serenity Clinic has ever relapsed after the instant detox."),
    ("en", "None of the clients who complete the programme drink again, thanks to the guaranteed cure."),
    ("en", "Not one client who finished the programme has needed treatment again, which proves it is a guaranteed "
           "cure for addiction."),
    ("en", "There's no reason to fear detox, which is completely safe here."),
    ("en", "Myth: you need months to recover; the instant detox gets you clean in a day."),
    ("en", "Myth: relapse is inevitable, yet with the programme you will never relapse."),
    ("en", "Myth: addiction is forever \u2014 the 100% success rate of this programme proves otherwise."),
    ("en", "False: detox is dangerous, this detox is completely safe."),
    ("fr", "Mythe : le sevrage est dangereux, alors que la d\u00e9sintoxication est totalement sans danger ici."),
    ("de", "Keine Sucht ist zu stark f\u00fcr die Wunderkur der Klinik."),
    ("de", "Keine Wartezeit und die Heilung der Sucht ist garantiert."),
    ("de", "Mythos: Entzug ist gef\u00e4hrlich, doch die Entgiftung hier ist v\u00f6llig sicher."),
    ("es", "No hay lista de espera y ofrecemos una curaci\u00f3n garantizada de la adicci\u00f3n."),
    ("es", "Ninguna adicci\u00f3n es demasiado fuerte para la cura milagrosa."),
    ("pt", "Mito: a depend\u00eancia n\u00e3o tem cura; esta cl\u00ednica cura a depend\u00eancia em 30 dias."),
    ("en", "No one in our clinic fails, as our programme offers a guaranteed cure."),
    ("en", "No waiting list, we offer a guaranteed cure."),
    ("en", "No waiting list and we can offer a guaranteed cure."),
    ("en", "No clinic but ours offers a guaranteed cure."),
    ("en", "Myth four: rehab is slow, but our detox guarantees recovery."),
    ("en", "The myth is over: our detox guarantees recovery."),
    ("en", "No waiting - not even a day - for your guaranteed cure."),
    ("en", "No pain - not even a little - and a guaranteed cure."),
    ("en", "No pain means a completely safe detox."),
    ("en", "No wonder our detox is completely safe."),
    ("en", "We know of no other clinic that can offer a guaranteed cure."),
    ("en", "We are not aware of any clinic that offers a detox as completely safe as ours."),
])
def test_a_negative_subject_or_a_myth_label_hides_no_claim_of_the_writer_s(language: str, text: str) -> None:
    assert "claim" in [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems]


@pytest.mark.parametrize("language, text", [
    ("fr", "Aucune autre clinique ne propose un sevrage garanti comme le n\u00f4tre."),
    ("fr", "Personne d'autre ne propose notre cure miracle."),
    ("de", "Keine andere Klinik bietet eine garantierte Heilung wie unsere."),
    ("es", "Ninguna otra cl\u00ednica ofrece una desintoxicaci\u00f3n garantizada como la nuestra."),
    ("pt", "Nenhuma outra cl\u00ednica oferece uma desintoxica\u00e7\u00e3o garantida como a nossa."),
])
def test_a_boast_of_being_the_only_one_is_a_claim_in_every_language(language: str, text: str) -> None:
    assert [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems] == ["claim"]


@pytest.mark.parametrize("language, text", [
    ("fr", "Aucun m\u00e9dicament n'est s\u00fbr \u00e0 100\u00a0%, et le diaz\u00e9pam peut rendre somnolent."),
    ("de", "Kein Medikament ist zu 100 % sicher."),
])
def test_a_negated_hundred_percent_is_no_statistic_in_any_language(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


def test_a_sites_own_claim_phrase_is_negated_in_the_pages_language() -> None:
    policy = QualityPolicy("fr", claims=("garanti",))
    negated = check_body("Le succ\u00e8s du traitement n'est jamais garanti.\n", 1, "a.fr.md", policy)
    assert negated.problems == ()
    asserted = check_body("Le succ\u00e8s est garanti.\n", 1, "a.fr.md", policy)
    assert [p.rule for p in asserted.problems] == ["claim"]


@pytest.mark.parametrize("language, sentence, phrase", [
    ("fr", "Notre programme garantit votre rétablissement.", "garantit"),
    ("fr", "L'addiction est guérissable en quatre semaines.", "guérissable"),
    ("fr", "Un sevrage totalement sans danger.", "totalement sans danger"),
    ("fr", "Une désintoxication sans risque.", "sans risque"),
    ("fr", "Ce traitement miracle aide à arrêter.", "miracle"),
    ("fr", "Une désintoxication instantanée, chez vous.", "désintoxication instantanée"),
    ("de", "Wir garantieren Ihre Genesung.", "garantieren"),
    ("de", "Sucht ist heilbar.", "heilbar"),
    ("de", "Opioidabhängigkeit ist heilbar.", "heilbar"),  # the clinical word is a compound
    ("de", "Unsere Klinik heilt Ihre Medikamentenabhängigkeit.", "heilt"),
    ("de", "Ein völlig schmerzfreier Entzug.", "völlig schmerzfreier"),
    ("de", "Ein risikofreier Entzug in unserer Klinik.", "risikofreier"),
    ("de", "Unser Wundermittel gegen die Abhängigkeit.", "Wundermittel"),
    ("es", "Garantizamos su recuperación.", "Garantizamos"),
    ("es", "La adicción tiene cura.", "cura"),
    ("es", "Una desintoxicación completamente segura.", "completamente segura"),
    ("es", "Un tratamiento sin riesgo.", "sin riesgo"),
    ("es", "Un tratamiento milagroso.", "milagroso"),
    ("pt", "Garantimos a sua recuperação.", "Garantimos"),
    ("pt", "A dependência tem cura.", "cura"),
    ("pt", "Um tratamento sem risco.", "sem risco"),
    ("pt", "Uma desintoxicação instantânea.", "desintoxicação instantânea"),
    ("fr", "Nous gardons nos patients dans un endroit totalement sûr.", "totalement sûr"),  # people, not medicines
    ("es", "Mantenemos a nuestros pacientes en un lugar completamente seguro.", "completamente seguro"),
])
def test_medpress_claims_in_the_other_languages_it_speaks(language: str, sentence: str, phrase: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == [("claim", phrase)]
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language, builtin_claims=False)).problems == ()


@pytest.mark.parametrize("language, sentence, phrase", [
    ("fr", "100 % de nos patients restent abstinents.", "100 % de nos patients restent abstinents"),
    ("fr", "Notre programme réussit dans 100\u00a0% des cas.", "réussit dans 100 % des cas"),
    ("de", "100 % unserer Patienten bleiben abstinent.", "100 % unserer Patienten bleiben abstinent"),
    ("de", "Die Therapie wirkt in 100 % der Fälle.", "wirkt in 100 % der Fälle"),
    ("es", "El 100 % de nuestros pacientes se mantiene sobrio.", "100 % de nuestros pacientes se mantiene sobrio"),
    ("es", "El programa funciona en el 100 % de los casos.", "funciona en el 100 % de los casos"),
    ("pt", "100% dos nossos pacientes permanecem sóbrios.", "100% dos nossos pacientes permanecem sóbrios"),
])
def test_everyone_recovering_is_a_claim_in_every_language_even_with_a_source(language: str, sentence: str,
                                                                             phrase: str) -> None:
    text = f"{sentence}[^1]\n\n[^1]: Audit interne, 2024.\n"  # as "100% of our patients stay sober" in English
    problems = check_body(text, 1, "a.md", QualityPolicy(language)).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == [("claim", phrase)]


@pytest.mark.parametrize("language, sentence", [
    ("fr", "Le rétablissement n'est jamais garanti, et il n'existe pas de traitement miracle."),
    ("fr", "Nous garantissons la confidentialité de vos données."),
    ("fr", "Aucun sevrage n'est sans risque : un médecin le surveille."),
    ("de", "Sucht ist nicht heilbar, aber gut behandelbar. Kein Wunder, dass viele es schaffen."),
    ("de", "Es gibt keine Heilung für die Opioidabhängigkeit, aber eine gute Behandlung."),
    ("de", "Die Wundheilung dauert länger. Wir garantieren Ihnen Vertraulichkeit."),
    ("es", "La adicción no tiene cura, pero sí tratamiento. Garantizamos la confidencialidad."),
    ("es", "Una cura de desintoxicación dura unas semanas."),
    ("pt", "Não há cura para a dependência, mas há tratamento."),
    ("pt", "Nenhum tratamento é sem risco."),
    ("fr", "100 % des patients reçoivent un plan de soins écrit.[^1]\n\n[^1]: Audit, 2024."),  # no promise
    ("es", "El 100 % de los pacientes recibe un plan escrito.[^1]\n\n[^1]: Auditoría, 2024."),
    ("de", "100 % der Patienten werden vor der Aufnahme ärztlich untersucht.[^1]\n\n[^1]: Audit, 2024."),
    ("de", "100 % unserer Patienten sind über 18 Jahre alt.[^1]\n\n[^1]: Audit, 2024."),
    ("es", "El 100 % de nuestros pacientes siguen un plan de tratamiento individual.[^1]\n\n[^1]: Auditoría, 2024."),
    ("es", "El 100 % de los pacientes están cubiertos por el seguro público.[^1]\n\n[^1]: Auditoría, 2024."),
    ("pt", "100% dos pacientes ficam internados durante sete dias.[^1]\n\n[^1]: Auditoria, 2024."),
    ("fr", "Gardez vos médicaments dans un endroit totalement sûr, et nous gardons le reste.[^1]\n\n[^1]: A."),
    # A negative subject however long, and a myth named as one.
    ("fr", "Il n'y a aucune clinique, aucun hôpital ou programme privé dans tout le pays qui puisse offrir une "
           "guérison garantie."),
    ("fr", "Mythe : « la désintoxication guérit l'addiction »."),
    ("de", "Keine Klinik, kein Krankenhaus und kein privates Programm im ganzen Land kann eine garantierte Heilung "
           "anbieten."),
    ("de", "Mythos: Ein Entzug heilt die Sucht garantiert."),
    ("es", "Ninguna clínica, hospital o programa privado de todo el país puede ofrecer una curación garantizada."),
    ("es", "Mito: «la desintoxicación cura la adicción»."),
    ("pt", "Nenhuma clínica, hospital ou programa privado em todo o país pode oferecer uma cura garantida."),
    ("pt", "Mito: a desintoxicação cura a dependência."),
    ("de", "Keine Klinik in unserer Region kann eine garantierte Heilung versprechen."),
    ("es", "Ninguna clínica de nuestra región puede ofrecer una curación garantizada."),
    ("fr", "Mythe n° 2 : la désintoxication guérit l'addiction."),
    ("fr", "Idée fausse : la désintoxication guérit l'addiction."),
    ("de", "Mythos Nr. 2: Ein Entzug heilt die Sucht."),
    ("de", "Irrglaube: Ein Entzug heilt die Sucht."),
    ("es", "Mito n.º 2: la desintoxicación cura la adicción."),
    ("pt", "Falso mito: a desintoxicação cura a dependência."),
    ("fr", "Il n'existe aucun médicament, aucune thérapie ni aucun programme qui puisse offrir une guérison "
           "garantie de l'addiction."),
    ("pt", "Não há nenhum medicamento, terapia ou programa que ofereça uma cura garantida da dependência."),
])
def test_no_claim_in_measured_words_of_another_language(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


# Written by a reviewer for a clinic's translated pages (fixed after its first run): each is flagged.
@pytest.mark.parametrize("language, sentence", [
    ("fr", "Nous guérissons l'addiction à l'alcool."),
    ("fr", "Un patient sur trois rechute dans les six mois."),
    ("fr", "Une personne sur dix développe une dépendance aux benzodiazépines."),
    ("fr", "Le risque d'overdose est trois fois supérieur après un sevrage."),
    ("fr", "Sans suivi, le risque de rechute est multiplié par trois."),
    ("fr", "La dose habituelle est de 20 milligrammes par jour."),
    ("fr", "Ne dépassez pas 4 grammes de paracétamol par jour."),
    ("de", "Nehmen Sie höchstens 4 Gramm Paracetamol am Tag."),
    ("es", "No tome más de 4 gramos de paracetamol al día."),
    ("pt", "Não tome mais de 4 gramas de paracetamol por dia."),
    ("fr", "Notre programme fonctionne pour tout le monde."),
    ("fr", "Après notre cure, vous ne rechuterez plus."),
    ("fr", "Un programme 100\u00a0% efficace, selon notre enquête[^1]."),
    ("de", "Unsere Klinik heilt Ihre Alkoholsucht in vier Wochen."),
    ("de", "Jeder zehnte Erwachsene ist von Alkohol abhängig."),
    ("de", "Männer haben ein dreimal höheres Risiko für eine Alkoholabhängigkeit."),
    ("de", "Raucher werden doppelt so häufig rückfällig."),
    ("de", "Nach unserer Therapie werden Sie nie wieder rückfällig."),
    ("es", "Curamos la adicción en 30 días."),
    ("es", "Las mujeres tienen un riesgo dos veces mayor de dependencia a las benzodiacepinas."),
    ("es", "Los jóvenes tienen el doble de probabilidades de recaer."),
    ("es", "Dieciocho por ciento de los pacientes abandona el tratamiento."),
    ("es", "Con nuestra terapia, nunca volverá a recaer."),
    ("pt", "As nossas terapias curam a dependência do álcool."),
    ("pt", "Um a cada cinco pacientes desenvolve dependência."),
    ("pt", "A dose inicial é de 2 miligramas."),
    ("pt", "Com a nossa terapia, nunca mais vai recair."),
])
def test_what_a_reviewer_wrote_to_be_flagged_in_another_language_is(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems != ()


# And each of these, measured and correct, passes.
@pytest.mark.parametrize("language, sentence", [
    ("fr", "Le sevrage ne garantit pas, à lui seul, une abstinence durable."),
    ("fr", "Personne ne peut vous garantir une guérison, mais nous pouvons vous aider à avancer."),
    ("fr", "La désintoxication instantanée n'existe pas : un sevrage encadré prend une à deux semaines."),
    ("fr", "Chez une personne dépendante aux opioïdes, la naloxone peut déclencher un sevrage instantané."),
    ("fr", "Un sevrage du jour au lendemain peut provoquer des convulsions."),
    ("fr", "Un pourcentage important de patients rechute au cours de la première année."),
    ("fr", "Une fois plus à l'aise avec le traitement, vous pourrez espacer les consultations."),
    ("fr", "Un bilan sur trois jours précède le sevrage."),
    ("de", "Eine Entgiftung allein garantiert keine dauerhafte Abstinenz."),
    ("de", "Niemand kann Ihnen eine Heilung garantieren, aber wir begleiten Sie auf dem Weg."),
    ("de", "Ein Wundermittel gegen Sucht gibt es nicht."),
    ("de", "Eine Heilung im engeren Sinn gibt es bei einer Sucht nicht, wohl aber eine wirksame Behandlung."),
    ("de", "Ein schmerzfreier Entzug ist leider nicht möglich, aber Medikamente lindern die Beschwerden."),
    ("de", "Naloxon kann bei Menschen, die von Opioiden abhängig sind, sofortige Entzugserscheinungen auslösen."),
    ("de", "Nach dem Entzug beginnt auch der Heilungsprozess der Leber."),
    ("de", "Lassen Sie Ihre Leberwerte regelmäßig von einer Ärztin oder einem Arzt kontrollieren."),
    ("de", "Und es ist nicht einmal so, dass ein Rückfall alles zunichtemacht."),
    ("de", "Eine hundertprozentige Sicherheit gibt es bei keinem Medikament."),
    ("es", "Nadie puede garantizar el éxito de un tratamiento, pero podemos ayudarle."),
    ("es", "Ni la medicación ni la terapia garantizan por sí solas la abstinencia."),
    ("es", "Los milagros no existen: la recuperación lleva tiempo."),
    ("pt", "Ninguém pode garantir o sucesso de um tratamento, mas podemos ajudar."),
    ("pt", "Nem a medicação nem a terapia garantem, por si sós, a abstinência."),
    ("pt", "A desintoxicação sem risco não existe; por isso é feita com supervisão médica."),
])
def test_what_a_reviewer_wrote_to_pass_in_another_language_does(language: str, sentence: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert [p.message for p in problems if p.rule != READABILITY] == []


def test_lorem_ipsum_and_the_stub_are_placeholders_in_any_language() -> None:
    stub = "Lorem ipsum dolor sit amet.\n\nOne or two sentences on what the reader will learn.\n"
    assert [p.rule for p in check_body(stub, 1, "a.fr.md", QualityPolicy("fr")).problems] == [
        "placeholder", "placeholder"]


@pytest.mark.parametrize("language, sentence", [
    ("es", "Llame aunque no est\u00e9 seguro: todo el mundo puede ayudar."),
    ("de", "Fragen Sie Ihre Krankenkasse, zum Beispiel die TK oder die AOK."),
    ("fr", "Une cure de sevrage, \u00e0 l'h\u00f4pital ou en clinique, aide \u00e0 traiter l'addiction."),
    ("fr", "Il n'existe pas de traitement miracle."),
])
def test_no_false_positive_from_english_words_in_another_language(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


@pytest.mark.parametrize("language, sentence", [
    ("en", "We guarantee the confidentiality of your treatment."),
    ("en", "Your personal data is completely safe with us."),
    ("de", "Ihre Daten sind bei uns absolut sicher und werden nicht an Dritte weitergegeben."),
    ("de", "Die Vertraulichkeit Ihrer Behandlung ist gesetzlich garantiert."),
    ("fr", "La confidentialit\u00e9 de votre traitement est garantie par le secret m\u00e9dical."),
    ("es", "Garantizamos la confidencialidad de su tratamiento."),
    ("pt", "Garantimos a confidencialidade do seu tratamento."),
])
def test_a_promise_of_privacy_is_no_claim_about_treatment(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


@pytest.mark.parametrize("sentence", [
    "It is completely safe to call us; we will not call the police.",
    "Calling us is completely safe and anonymous.",
    "Our helpline is a completely safe place to talk.",
    "Calling is free and completely safe.",
    "Talking to us is risk-free and confidential.",
    "You can call us risk-free.",
])
def test_a_safe_way_to_reach_the_service_is_no_claim_about_treatment(sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy()).problems == ()


@pytest.mark.parametrize("sentence, phrase", [
    ("Calling us is the first step to a completely safe detox.", "completely safe"),
    ("It is completely safe to stop taking it at once.", "completely safe"),
    ("Call us for a risk-free detox.", "risk-free"),
    ("Talking to us is the start of a risk-free recovery.", "risk-free"),
    ("Speaking to a nurse is completely safe, and so is our detox.", "completely safe"),
    ("It is completely safe to call us and stop drinking at once.", "completely safe"),
    ("Our helpline is a completely safe detox.", "completely safe"),
    ("Speaking with our doctors is completely safe treatment.", "completely safe"),
    ("Contact our detox risk-free.", "risk-free"),
    ("Writing our prescriptions is completely safe.", "completely safe"),
])
def test_a_claim_beside_a_call_to_the_service_is_still_found(sentence: str, phrase: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy()).problems
    assert [p.message for p in problems] == [f'"{phrase}" is an absolute claim about treatment']


def test_a_confidential_programme_that_guarantees_recovery_still_makes_a_claim() -> None:
    problems = check_body("Our confidential programme guarantees recovery.\n", 1, "a.md", QualityPolicy()).problems
    assert [p.message for p in problems] == ['"guarantees" is an absolute claim about treatment']


# Claims a reviewer of the checks wrote as a clinic's copywriter would, missed before: each is found, with its phrase.
@pytest.mark.parametrize("language, sentence", [
    ("fr", "Donnez une cuill\u00e8re de 5 ml trois fois par jour."),
    ("fr", "Prenez une cuill\u00e8re de 5 ml le soir."),
    ("de", "Nehmen Sie dreimal t\u00e4glich einen L\u00f6ffel mit 5 ml."),
    ("pt", "Tome uma colher de 5 ml tr\u00eas vezes por dia."),
    ("es", "Tome una cuchara de 5 ml tres veces al d\u00eda."),
])
def test_a_count_of_measures_is_a_dose_in_every_language(language: str, sentence: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert [p.rule for p in problems] == ["unsourced-statistic"]


@pytest.mark.parametrize("language, sentence, phrase", [
    ("en", "With our aftercare, you won\u2019t relapse.", "won\u2019t relapse"),  # a word processor's apostrophe
    ("en", "A risk\u00a0free detox.", "risk free"),  # and its no-break space
    ("en", "Our success rate is 100%.[^1]", "success rate is 100%"),  # a source makes no promise measured
    ("en", "100% of our patients stay sober.[^1]", "100% of our patients stay"),
    ("en", "Success rate: 100%.[^1]", "Success rate: 100%"),
    ("en", "Our patients recover in 100% of cases.[^1]", "recover in 100% of cases"),
    ("en", "Since 2015, our clients have recovered in 100% of cases.[^1]", "have recovered in 100% of cases"),
    ("en", "Our treatment is one hundred percent effective.", "one hundred percent effective"),
    ("en", "Our clinic cures alcoholics for good.", "cures"),
    ("en", "We can cure your alcohol problem.", "cure"),
    ("en", "Get cured of heroin in our clinic.", "cured"),
    ("en", "This is a curative treatment for opioid dependence.", "curative"),
    ("en", "Recovery: guaranteed.", "guaranteed"),
    ("en", "Results you can count on, guaranteed!", "guaranteed"),
    ("en", "There is no doubt that our programme cures addiction.", "cures"),
    ("en", "With our follow-up, you will never relapse.", "never relapse"),  # a service named: no guarantee of one
    ("en", "Avoid clinics that promise quick fixes; we guarantee recovery.", "guarantee"),  # the warning is not it
    ("en", "To avoid relapse, our miracle programme works.", "miracle"),
    ("fr", "Notre taux de r\u00e9ussite est de 100 %.", "taux de r\u00e9ussite est de 100 %"),
    ("fr", "Nous gu\u00e9rissons les alcooliques.", "gu\u00e9rissons"),
    ("fr", "R\u00e9tablissement : garanti.", "garanti"),
    ("fr", "Taux de r\u00e9ussite : 100 %.", "Taux de r\u00e9ussite : 100 %"),
    ("de", "Erfolgsquote: 100 %.", "Erfolgsquote: 100 %"),
    ("es", "Tasa de \u00e9xito: 100 %.", "Tasa de \u00e9xito: 100 %"),
    ("de", "Unsere Erfolgsquote liegt bei 100 Prozent.", "Erfolgsquote liegt bei 100 Prozent"),
    ("de", "Alkoholiker werden bei uns geheilt.", "geheilt"),
    ("de", "Dauerhafte Suchtheilung in 4 Wochen.", "Suchtheilung"),
    ("de", "Wir machen Sie in 7 Tagen suchtfrei, garantiert!", "garantiert"),
    ("es", "Curaci\u00f3n definitiva de la drogadicci\u00f3n.", "Curaci\u00f3n"),
    ("es", "Nuestro programa cur\u00f3 a miles de personas con adicci\u00f3n.", "cur\u00f3"),
    ("es", "Dejar\u00e1s de beber para siempre, garantizado.", "garantizado"),
    ("pt", "A toxicodepend\u00eancia \u00e9 cur\u00e1vel.", "cur\u00e1vel"),
    ("pt", "O nosso programa curou milhares de pessoas com depend\u00eancia.", "curou"),
    ("pt", "A nossa taxa de sucesso \u00e9 de 100 %.", "taxa de sucesso \u00e9 de 100 %"),
    ("en", "Ignore the doubters: addiction can be cured.", "cured"),  # a warning against others' doubt
    ("en", "Don't believe it? Addiction can be cured here.", "cured"),
    ("en", "Our detox keeps you completely safe.", "completely safe"),
    # abuse, misuse and drug-free in each language, and questions that sell
    ("en", "Our clinic can cure alcohol abuse.", "cure"),
    ("en", "Our programme cures substance misuse in weeks.", "cures"),
    ("en", "We guarantee you will be drug-free in 10 days.", "guarantee"),
    ("fr", "Nous gu\u00e9rissons l'abus d'alcool.", "gu\u00e9rissons"),
    ("fr", "Notre cure gu\u00e9rit l'alcoolod\u00e9pendance.", "gu\u00e9rit"),
    ("de", "Wir heilen Alkoholmissbrauch.", "heilen"),
    ("de", "Wir garantieren ein drogenfreies Leben.", "garantieren"),
    ("es", "Curamos el abuso de alcohol.", "Curamos"),
    ("es", "Garantizamos una vida libre de drogas.", "Garantizamos"),
    ("pt", "Curamos o abuso de \u00e1lcool.", "Curamos"),
    ("en", "Want a risk-free detox? Book now.", "risk-free"),
    ("en", "Looking for a painless detox? Call us today.", "painless detox"),
    ("en", "Our detox is the only way to be completely safe.", "completely safe"),
    ("en", "With our programme you will never relapse.", "never relapse"),
    # a claim in the quotation marks or dashes a word processor puts in, touching the word
    ("en", "Our \u201cguaranteed\u201d recovery programme works.", "guaranteed"),
    ("en", "Our 'guaranteed' recovery programme works.", "guaranteed"),
    ("en", "Our \u2018guaranteed\u2019 recovery programme works.", "guaranteed"),
    ("en", "Our recovery is \u2014guaranteed\u2014 for life.", "guaranteed"),
    ("de", "Unser \u201egarantierter\u201c Erfolg in der Suchttherapie.", "garantierter"),
    ("fr", "Notre programme \u00abgaranti\u00bb de sevrage.", "garanti"),
    ("es", "\u00bfQuieres una recuperaci\u00f3n garantizada? Llama hoy.", "garantizada"),
    # what an outside editor's review found missed: a cure after a colon or a comma, a hyphenated detox
    ("en", "Alcohol dependence: cured in 30 days at our clinic.", "cured"),
    ("en", "Heroin addiction: we cure it in a month.", "cure"),
    ("en", "Alcohol dependence, cured in 30 days at our clinic.", "cured"),
    ("en", "Heroin addiction: our programme cures it.", "cures"),
    ("en", "In other words, we guarantee recovery.", "guarantee"),  # "words" names none of the claim's
    ("en", "We keep our word: guaranteed recovery.", "guaranteed"),
    ("en", "Book our instant-detox weekend and be clean by Monday.", "instant-detox"),
    ("en", "A painless-detox programme.", "painless-detox"),
])
def test_a_copywriters_claims_are_found(language: str, sentence: str, phrase: str) -> None:
    text = sentence + "\n\n[^1]: A source.\n" if "[^1]" in sentence else sentence + "\n"
    problems = check_body(text, 1, "a.md", QualityPolicy(language)).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == [("claim", phrase)]


# And measured sentences of ordinary medical prose that the same review found flagged: each passes.
@pytest.mark.parametrize("language, sentence", [
    ("en", "Addiction can\u2019t be cured, but it can be treated."),
    ("en", "Recovery isn\u2019t guaranteed, even with the best care."),
    ("en", "No medicine, including methadone, is completely safe."),
    ("en", "No one, not even the most experienced doctor, can guarantee that treatment will work."),
    ("en", "Nobody (not your doctor, not us) can guarantee recovery."),
    ("en", "We can't, and won't, promise a cure for addiction."),
    ("en", "Detox at home is far from risk-free, and rapid detox is anything but risk-free."),
    ("en", "It is a myth that addiction can be cured with willpower alone."),
    ("en", "A cure for addiction has not been found."),
    ("en", "Claims that addiction can be cured are not supported by evidence."),
    ("en", "Anyone who says addiction can be cured is wrong."),
    ("en", "Anyone who says you will never relapse is not telling you the truth."),
    ("en", "Anyone who promises a guaranteed cure is lying to you."),
    ("en", "Clinics that promise 100% success are telling you lies."),
    ("en", "Don\u2019t believe anyone who says addiction can be cured."),
    ("en", "Store the tablets somewhere completely safe, out of children's reach."),  # storage, not treatment
    ("en", "Make sure the cupboard is completely safe from children."),
    ("en", "Keep your medicines in a completely safe place, away from children."),
    ("en", "Lock the tablets away where they are completely safe from children."),
    ("fr", "Gardez vos médicaments dans un endroit totalement sûr."),
    ("fr", "Rangez vos médicaments dans un lieu absolument sûr."),
    ("es", "Guarde sus medicamentos en un lugar completamente seguro."),
    ("pt", "Guarde os seus medicamentos num local completamente seguro."),
    # the reader told to keep a medicine named as such, not "medicines": storage still
    ("fr", "Gardez la naloxone dans un endroit totalement sûr."),
    ("fr", "Gardez les trousses dans un endroit totalement sûr, hors de portée des enfants."),
    ("es", "Guarde la metadona en un lugar completamente seguro, fuera del alcance de los niños."),
    ("pt", "Guarde a metadona num local completamente seguro."),
    ("de", "Bewahren Sie Ihre Medikamente an einem völlig sicheren Ort auf."),
    ("en", "Ignore anyone who tells you addiction can be cured overnight."),
    ("en", "Ignore anyone who says unsupervised detox is risk-free."),  # "uns" is German for us, not "unsupervised"
    ("en", "Do not believe a clinic that says you will never relapse."),
    ("en", "Do not believe a clinic that says addiction can be cured."),
    ("en", "Don't trust a clinic that calls its detox risk-free."),
    ("en", "Alcohol dependence: there is no cure, but treatment works."),
    ("en", "Heroin addiction: the infection was cured, but the dependence remained."),
    ("en", "Relapse, cured or not, is part of many people's story."),
    ("en", "Drinking, guaranteed to make anxiety worse the next day, is a common way to cope."),
    # a claim's words named as words
    ("en", "Be cautious of words like \u201ccure\u201d or \u201cguaranteed\u201d in adverts."),
    ("en", "Be cautious of words like \"cure\" or \"guaranteed\" in adverts."),
    ("en", "A clinic that uses the term \u201cmiracle cure\u201d is not being honest."),
    ("en", "So-called \u201cmiracle\u201d detox kits are sold online."),
    ("en", "Ask whether the clinic guarantees results; a good clinic will say it cannot."),
    ("en", "We guarantee that your treatment stays confidential."),
    ("en", "We guarantee to call you back within one working day to talk about treatment."),
    ("en", "| Service | What we offer |\n|---|---|\n| Call back on the same day | Guaranteed |\n"
           "| Detox | Supervised by a doctor |"),
    ("en", "Book two follow-up visits: one in two weeks and one in three months."),
    ("en", "Do not take more than 8 in 24 hours. It causes seizures in 1 in 1,000 hours of use."),
    ("en", "Store methadone 1 mg/ml oral solution in its original bottle."),
    ("en", "Morphine 10 mg/5 ml oral solution is sold as Oramorph."),  # the BNF's way with oral solutions
    ("en", "Oramorph is a 10mg/5ml oral solution."),
    ("en", "Buprenorphine comes as 2 mg and 8 mg tablets."),
    ("en", "Alprazolam comes as 0.25 mg, 0.5 mg and 1 mg tablets."),
    ("en", "Alprazolam comes as 0.25 mg, 0.5 mg, 1 mg and 2 mg tablets."),
    ("fr", "Le comprimé de 0,5 mg est blanc et ovale."),
    ("fr", "L'alprazolam existe en comprimés de 0,25 mg, 0,5 mg et 1 mg."),
    ("fr", "Votre place dans le programme est garantie."),
    ("fr", "Les comprimés sont dosés à 0,25 mg, 0,5 mg et 1 mg."),
    ("en", "The tablets come in 0.25 mg, 0.5 mg, 1 mg, 2 mg and 3 mg strengths."),
    ("en", "Hydrocortisone 1% cream can ease the itch."),
    # a drink's strength and its container's size, and strengths with the form's own words between
    ("en", "A pint of 5% beer has almost 3 units of alcohol."),
    ("en", "Most spirits, such as vodka and gin, are 40% ABV."),
    ("en", "A 750 ml bottle of wine holds about 10 units."),
    ("fr", "Une bière à 5 % ou un vin à 12 % vol. contiennent de l'alcool."),
    ("de", "Ein Bier mit 5 % Alkohol."),
    ("en", "Nyxoid is a 1.8 mg nasal spray that anyone can give."),
    ("en", "Morphine is also made as 10 mg modified-release tablets."),
    ("en", "Suboxone comes as 8 mg/2 mg sublingual tablets."),
    ("en", "Suboxone comes as 2 mg/0.5 mg and 8 mg/2 mg sublingual tablets."),  # a list of pairs
    ("en", "Espranor 8 mg oral lyophilisate is one brand."),
    ("en", "Diazepam 2 mg/5 ml oral suspension is for children."),
    ("en", "You may be prescribed a 25 microgram/hour fentanyl patch."),
    ("fr", "La buprénorphine existe en comprimés sublinguaux de 0,4 mg, 2 mg et 8 mg."),
    ("de", "Nyxoid 1,8 mg Nasenspray und Tramadol 50 mg Hartkapseln sind verschreibungspflichtig."),
    ("en", "Use the 5 ml oral syringe that comes with the medicine."),  # a device's size, not a dose
    ("en", "Use the 5 ml oral dosing syringe, or a 5 ml or 10 ml plastic syringe, or the 5 ml medicine spoon."),
    ("fr", "Utilisez la seringue doseuse de 5 ml fournie avec le flacon."),
    ("es", "Use la jeringa de 5 ml que viene con el frasco."),
    ("pt", "Use a seringa de 5 ml que vem com o frasco."),
    ("de", "Verwenden Sie die Spritze mit 5 ml aus der Packung."),
    ("en", "Wash the 5 ml oral syringe after every use, and use a 1 ml and a 5 ml syringe or a 5 ml, 10 ml or "
           "20 ml syringe."),
    ("fr", "Utilisez la cuill\u00e8re-mesure de 5 ml."),
    ("de", "Verwenden Sie den Messl\u00f6ffel mit 5 ml oder die Dosierspritze mit 5 ml."),
    ("en", "In a 2019 study, liver function recovered in 100% of patients within six weeks.[^1]"),  # a result
    ("fr", "La d\u00e9sintoxication instantan\u00e9e n\u2019existe pas : le sevrage prend des jours."),
    ("fr", "Le sevrage \u00e0 domicile est loin d'\u00eatre sans risque."),
    ("fr", "Nous garantissons que votre traitement reste confidentiel."),
    ("fr", "Ne prenez pas plus de 4 sur 24 heures. Au jour 3 sur 10, les sympt\u00f4mes sont souvent les plus forts."),
    ("de", "Kein Medikament, auch nicht Methadon, ist v\u00f6llig sicher."),
    ("de", "Eine Heilung der Sucht ist nicht garantiert, und die Entgiftung ist keineswegs risikofrei."),
    ("de", "Heilen kann man Sucht nicht, aber man kann lernen, mit ihr zu leben."),
    ("de", "Die Krankenkasse garantiert die \u00dcbernahme der Kosten f\u00fcr die Entgiftung."),
    ("de", "Am Tag 3 von 10 sind die Entzugserscheinungen oft am st\u00e4rksten."),
    ("es", "Ning\u00fan medicamento, ni siquiera la metadona, es totalmente seguro."),
    ("es", "Las heridas por consumo inyectado se curan mejor con higiene."),
    ("es", "La curaci\u00f3n de la hepatitis C es posible aunque haya consumo de drogas."),
    ("es", "La tarjeta sanitaria garantiza el acceso gratuito al tratamiento."),
    ("pt", "Nenhum medicamento, nem mesmo a metadona, \u00e9 totalmente seguro."),
    ("pt", "O SNS garante o acesso gratuito ao tratamento da depend\u00eancia."),
    ("pt", "Fa\u00e7a uma pausa de 1 em cada 7 dias."),
    # Advice on choosing a clinic warns against the claims it names.
    ("en", "Be wary of any clinic that promises a cure for addiction."),
    ("en", "If a clinic promises guaranteed results, look elsewhere. Beware of miracle cures."),
    ("fr", "M\u00e9fiez-vous des centres qui promettent de gu\u00e9rir l'addiction."),
    ("de", "Seien Sie vorsichtig bei Kliniken, die eine Heilung der Sucht versprechen."),
    ("es", "Desconf\u00ede de los centros que prometen curar la adicci\u00f3n."),
    ("pt", "Desconfie das cl\u00ednicas que prometem curar a depend\u00eancia."),
    ("en", "Be careful with websites that say their detox is completely safe."),
    ("en", "Watch out for clinics that offer a guaranteed cure."),
    ("en", "Do not trust anyone who promises you will never relapse."),
    ("en", "Do not believe a clinic that promises a cure for addiction."),
    ("en", "Stay away from any service promising instant detox."),
    ("fr", "Ne faites pas confiance aux sites qui vous promettent un sevrage sans risque."),
    # Public-health advice, and a statement about some people rather than a promise to the reader.
    ("en", "If you are pregnant, the only way to be completely safe is not to drink."),
    ("en", "Some people never relapse; others relapse several times before they stay well."),
    # A guaranteed appointment or place is a service in every language, as in English.
    ("fr", "Un rendez-vous vous est garanti sous 48 heures pour commencer votre sevrage."),
    ("de", "Ihr Therapieplatz ist garantiert, sobald die Krankenkasse zugestimmt hat."),
    ("de", "Ein Aufnahmetermin f\u00fcr die Entgiftung ist garantiert."),
    ("es", "Le garantizamos una cita en 48 horas para empezar la desintoxicaci\u00f3n."),
    ("pt", "Garantimos uma consulta em 48 horas para iniciar a desintoxica\u00e7\u00e3o."),
    ("en", "Is there a guaranteed cure for addiction? No: treatment helps many people stop."),
    # A French-first site's review: its ways of warning against a claim.
    ("fr", "C'est un mythe de croire que la dépendance se guérit."),
    ("fr", "Il est faux de dire que la dépendance se guérit en une semaine."),
    ("fr", "Demandez si la clinique garantit des résultats."),
    ("fr", "Si une clinique promet une guérison garantie, cherchez ailleurs."),
    ("fr", "Un sevrage sans risque, ça n'existe pas."),
    ("en", "It is wrong to say that addiction can be cured in a week."),
    ("fr", "Le Rivotril existe en comprimés de 0,5 mg ou de 2 mg."),
    # A second code review: products named every way, a time of day further on, capitals, a link's text.
    ("fr", "L'alprazolam est disponible sous forme de comprimés de 0,25 mg, 0,5 mg et 1 mg."),
    ("fr", "Les petits comprimés de 0,5 mg sont blancs."),
    ("de", "Alprazolam gibt es als Tabletten zu 0,25 mg, 0,5 mg und 1 mg."),
    ("pt", "O alprazolam está disponível em comprimidos de 0,25 mg, 0,5 mg e 1 mg."),
    ("es", "El alprazolam se presenta en forma de comprimidos de 0,25 mg, 0,5 mg y 1 mg."),
    ("en", "Zopiclone comes as 3.75 mg and 7.5 mg tablets for trouble sleeping at night."),
    ("fr", "Le zolpidem existe en comprimés de 5 mg et de 10 mg contre les insomnies du soir."),
    ("fr", "## POINTS À VÉRIFIER AVANT DE CONDUIRE"),
    ("de", "WICHTIG: VOR DER EINNAHME ZU PRÜFEN."),
    ("es", "IMPORTANTE: PUNTOS A VERIFICAR ANTES DE CONDUCIR."),
    ("pt", "O resultado está PENDENTE."),
    ("es", "Puede [completar el cuestionario](https://who.example/q) de la OMS.[^1]\n\n[^1]: OMS, 2024."),
    ("en", "You can [insert your own notes](https://clinic.example/notes) before the visit."),
])
def test_measured_prose_a_review_found_flagged_passes(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


# What a review of those fixes found they had let through: each still makes a claim.
@pytest.mark.parametrize("language, sentence", [
    ("en", "Guaranteed results at a fraction of the cost."),  # a service word elsewhere in the clause
    ("en", "We guarantee lasting recovery and quick access to a bed."),
    ("en", "Guaranteed sobriety with lifelong follow-up."),
    ("en", "We cure addiction and the infections that come with it."),
    ("de", "Wir heilen Sucht und seelische Wunden."),
    ("en", "Our programme guarantees recovery and keeps you anonymous."),
    ("en", "Our clinic promises to cure your addiction and help you avoid relapse."),  # a warning word after
    ("en", "Avoid relapse with guaranteed results."),
    ("en", "Avoid relapse: our advertised programme cures addiction."),
    ("en", "You are not alone, and in our clinic, your addiction is cured."),  # no aside: a clause of its own
    ("en", "Never give up, even today, our detox is risk-free."),
    ("en", "Forget the myths about addiction and discover our guaranteed recovery programme."),
    ("en", "Our team asks whether you drink and then cures your addiction."),
    ("de", "Unsere Therapie heilt Ihre Sucht ganz sicher nicht mit Medikamenten allein, sondern ganzheitlich."),
    ("de", "Wir garantieren Erfolg wo andere nicht helfen."),
    ("en", "Look out for our new programme, which offers a guaranteed cure for addiction."),
    ("en", "Avoid relapse with a programme that offers a guaranteed cure for addiction."),
    ("fr", "Nous offrons une guérison garantie à la place de la dépendance."),
    ("fr", "Notre traitement est sans danger et complètement sûr."),
    ("fr", "Ce programme est sans douleur et complètement sûr."),
    ("fr", "Notre sevrage est totalement sécuritaire."),
    ("en", "Our detox is without risk and completely safe."),
    ("en", "Avoid relapse with the clinic that offers a guaranteed cure."),
    ("en", "Avoid relapse with our partner clinics that offer a guaranteed cure."),
    ("fr", "Fuyez la dépendance grâce à notre clinique qui propose une guérison garantie."),
    ("en", "Whether you relapse we guarantee a cure."),
])
def test_a_claim_is_found_beside_the_words_that_excuse_others(language: str, sentence: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert CLAIM in [p.rule for p in problems]


def test_a_service_guarantee_beside_treatment_is_still_none() -> None:
    for sentence in ("After detox, a nurse will phone you within a day, guaranteed.",
                     "If you come for treatment, we will see you the same day, guaranteed."):
        assert check_body(sentence + "\n", 1, "a.md", QualityPolicy()).problems == ()


@pytest.mark.parametrize("language, sentence", [
    ("fr", "1 Québécois sur 8 prend une benzodiazépine."),
    ("fr", "Un Canadien sur huit prend une benzodiazépine."),
    ("fr", "Un aîné sur quatre prend un somnifère."),
    ("fr", "Une personne âgée sur quatre prend un somnifère."),
    ("en", "One Canadian in eight takes a benzodiazepine."),
    ("en", "1 in 8 older adults takes a sleeping pill."),
])
def test_n_in_m_of_a_people_is_a_figure(language: str, sentence: str) -> None:
    assert [p.rule for p in check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems] == [STATISTIC]


def test_a_dose_to_take_is_still_a_figure_beside_a_products_strength() -> None:
    for language, sentence in (("fr", "Prenez un comprimé de 0,5 mg le soir."), ("fr", "Prenez 0,5 mg le soir."),
                               ("en", "Take 0.5 mg, 1 mg or 2 mg at night."),
                               ("fr", "La dose habituelle est d'un comprimé de 0,5 mg au coucher."),
                               ("fr", "Commencez par un comprimé de 0,25 mg au coucher."),
                               ("fr", "Il faut prendre chaque soir un comprimé de 0,5 mg."),
                               ("de", "Nehmen Sie abends eine Tablette zu 1 mg."),
                               ("es", "La dosis inicial es un comprimido de 0,5 mg por la noche."),
                               ("en", "The usual starting dose is a tablet of 0.25 mg at bedtime."),
                               ("en", "Take it as a 0.5 mg tablet at night."),
                               ("en", "Take 10 mg/5 ml twice a day.")):
        assert [p.rule for p in check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems] \
            == [STATISTIC], sentence
    for sentence in ("Take two 5 mg tablets a day.", "Give 5 mg/kg once.", "Take 60 mg/day.",
                     "Take one 8 mg tablet under the tongue.", "Do not take more than three 10 mg tablets.",
                     "Take 10 ml oral solution when needed.", "About 1 in 1,000 people have a seizure.",
                     "Take 10 mg modified-release tablets twice a day.", "Drink two 500 ml bottles of water a day.",
                     "About 40% of drinkers relapse.", "A fourfold increase in overdose deaths followed.",
                     "There was a 3-fold rise in deaths.", "The risk rises 5-fold with alcohol.",
                     "Do not take more than 4 g of paracetamol in 24 hours.",
                     "Do not take more than 4 grams of paracetamol in 24 hours.",
                     "A dose of 10 ml can cause drowsiness."):  # can, the verb, is no container
        assert [p.rule for p in check_body(sentence + "\n", 1, "a.md", QualityPolicy()).problems] == [STATISTIC]


def test_a_sites_own_phrase_with_punctuation_is_found() -> None:
    policy = QualityPolicy(claims=("#1 rehab", "No.1 clinic", "A+ rehab", "(truly) unique"))
    for sentence, phrase in (("We are the #1 rehab in Kent.", "#1 rehab"), ("Ask our No.1 clinic.", "No.1 clinic"),
                             ("Rated A+ rehab by patients.", "A+ rehab"), ("It is (truly) unique.", "(truly) unique")):
        problems = check_body(sentence + "\n", 1, "a.md", policy).problems
        assert [p.message.split('"')[1] for p in problems] == [phrase]


def test_a_claim_ok_marker_may_be_spelt_with_a_space_or_an_underscore() -> None:
    for marker in ("<!-- claim ok: quoting the advert -->", "<!-- CLAIM_OK: quoting the advert -->"):
        problems = check_body(f"Our detox is risk-free. {marker}\n", 1, "a.md", QualityPolicy()).problems
        assert [(p.severity, p.message) for p in problems] == [
            ("note", '"risk-free" is acknowledged as intended: quoting the advert')]


@pytest.mark.parametrize("language, sentence, figure", [
    ("fr", "Quarante pour cent des patients rechutent.", "Quarante pour cent"),
    ("fr", "Vingt-cinq pour cent des patients rechutent.", "Vingt-cinq pour cent"),
    ("fr", "Le risque touche 1 sur 10 patients.", "1 sur 10"),
    ("fr", "Le risque est trois fois plus élevé.", "trois fois plus"),
    ("de", "Vierzig Prozent der Patienten werden rückfällig.", "Vierzig Prozent"),
    ("de", "Einer von zehn Patienten wird rückfällig.", "Einer von zehn"),
    ("de", "Das Risiko ist dreimal so hoch.", "dreimal so"),
    ("es", "Cuarenta por ciento de los pacientes recaen.", "Cuarenta por ciento"),
    ("es", "Uno de cada diez pacientes recae.", "Uno de cada diez"),
    ("es", "El riesgo es tres veces más alto.", "tres veces más"),
    ("pt", "Quarenta por cento dos doentes recaem.", "Quarenta por cento"),
    ("pt", "Um em cada dez doentes recai.", "Um em cada dez"),
    ("pt", "O risco é três vezes mais alto.", "três vezes mais"),
])
def test_a_figure_in_another_languages_words_is_a_figure(language: str, sentence: str, figure: str) -> None:
    problems = check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems
    assert [p.message for p in problems] == [f'"{figure}" in a paragraph that cites no source']
    cited = check_body(sentence[:-1] + "[^1].\n\n[^1]: A source.\n", 1, "a.md", QualityPolicy(language)).problems
    assert cited == ()


@pytest.mark.parametrize("language, sentence", [
    ("fr", "Prenez-le deux fois par jour, 24 heures sur 24 si besoin."),
    ("de", "Nehmen Sie es zweimal täglich, im Alter von 65 Jahren seltener."),
    ("de", "Rufen Sie 0800 111 0 111 von 8 bis 20 Uhr an."),  # hours, "from 8 to 20", after a phone number
    ("de", "Rufen Sie 0800 111 0 111 von 8.30 Uhr bis 20 Uhr an."),
    ("de", "Rufen Sie 0800 111 0 111 von 8:30  bis 20 Uhr an."),
    ("es", "Tómelo dos veces al día."),
    ("pt", "Tome-o duas vezes ao dia."),
    ("en", "Il est deux fois plus probable: 40 pour cent."),  # French words in an English text are not its figures
])
def test_no_figure_in_another_languages_everyday_words(language: str, sentence: str) -> None:
    assert check_body(sentence + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


def test_another_language_still_has_its_placeholders_in_capitals() -> None:
    findings = check_body("TODO: traducir. Todo el mundo.\n", 1, "a.md", QualityPolicy("es"))
    assert [p.message for p in findings.problems] == ['"TODO" is a placeholder']


@pytest.mark.parametrize("text, line, rule", [
    ("- Keep a naloxone kit at home.\n\n    TODO: add the local helpline number.\n", 3, "placeholder"),
    ("Relapse is common.[^1]\n\n[^1]: NHS, 2024.\n\n    TODO: find the page number.\n", 5, "placeholder"),
    ("## Relapse\nAbout 40% of people relapse within a year.\n", 2, "unsourced-statistic"),
    ("About 40% of people relapse. ![A chart of relapse rates](images/chart.png)\n", 1, "unsourced-statistic"),
    ("About 30% relapse. See [Tapering](#tapering) below.\n", 1, "unsourced-statistic"),
    ("Forty per cent of people relapse.\n", 1, "unsourced-statistic"),
    ("Take 5 millilitres twice a day.\n", 1, "unsourced-statistic"),
    ("Eleven in 100 people relapse.\n", 1, "unsourced-statistic"),
    ("Seventeen per cent of people relapse.\n", 1, "unsourced-statistic"),
    ("About 1 in\n10 people relapse.\n", 1, "unsourced-statistic"),  # a figure wrapped onto the next line
    ("About one person in ten relapses.\n", 1, "unsourced-statistic"),  # who it counts, between its numbers
    ("One patient out of five stops early.\n", 1, "unsourced-statistic"),
    ("Relapse is three\ntimes more likely.\n", 1, "unsourced-statistic"),
    ("Take 10\nmg a day.\n", 1, "unsourced-statistic"),
    ("Seventy per cent of people relapse.\n", 1, "unsourced-statistic"),
    ("It makes relapse thirteen times more likely.\n", 1, "unsourced-statistic"),
    ("Fourteen in 100 people relapse.\n", 1, "unsourced-statistic"),
    ("It makes relapse a hundred times more likely.\n", 1, "unsourced-statistic"),
    ("One in every five people relapse.\n", 1, "unsourced-statistic"),
    ("1 out of every 4 patients drops out.\n", 1, "unsourced-statistic"),
    ("There is a 1-in-10 chance of a seizure.\n", 1, "unsourced-statistic"),
    ("People who drink are 3x more likely to fall.\n", 1, "unsourced-statistic"),
    ("Relapse rates fell by 12 percentage points.\n", 1, "unsourced-statistic"),
    ("Fentanyl is 50 times stronger than heroin.\n", 1, "unsourced-statistic"),
    ("Some people take ten times the usual dose.\n", 1, "unsourced-statistic"),
    ("Fentanyl is twice as potent as morphine.\n", 1, "unsourced-statistic"),
    ("Give one 5 ml spoon three times a day.\n", 1, "unsourced-statistic"),  # a dose, measured with a spoon
    ("Take 10 ml with a spoon.\n", 1, "unsourced-statistic"),
    ("Give two 5 ml spoons at night.\n", 1, "unsourced-statistic"),  # a count of measures is a dose
    ("Use a 5 ml spoon three times a day.\n", 1, "unsourced-statistic"),
    ("About 40% relapse, [as explained below][more].\n\n[more]: #treatment\n", 1, "unsourced-statistic"),
    ("About 40% relapse. Call [0800 123 4567](tel:08001234567).\n", 1, "unsourced-statistic"),  # no source
    ("About 30% relapse. [Email us](MAILTO:help@example.org).\n", 1, "unsourced-statistic"),
    ("About 12% relapse. Call [our helpline][phone].\n\n[phone]: tel:0800123\n", 1, "unsourced-statistic"),
    ("Some text.\nLorem\nipsum dolor.\n", 2, "placeholder"),
    ("As shown [citation\nneeded].\n", 1, "placeholder"),
    ("Call the helpline on +44 20 XXXX XXXX.\n", 1, "placeholder"),
])
def test_what_a_reader_would_see_is_checked_however_it_is_written(text: str, line: int, rule: str) -> None:
    problems = check_body(text, 1, "a.md", QualityPolicy()).problems
    assert [(p.line, p.rule) for p in problems][:1] == [(line, rule)]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_counts_and_grades_are_textstats(text: str) -> None:
    from textstat.backend import counts, metrics

    ours = counts_of(text, "en_US")
    assert ours.words == counts.count_words(text)
    assert ours.sentences == counts.count_sentences(text)
    assert ours.syllables == counts.count_syllables(text, "en_US")
    assert flesch_kincaid(ours) == pytest.approx(metrics.flesch_kincaid_grade(text, "en_US"))
    assert counts_of_each(["", text, "Two words."], "en_US") == [Counts(), ours, counts_of("Two words.", "en_US")]


# Text as bodies hold it: ASCII punctuation, the characters the tables map, and letters and marks beyond ASCII.
TRANSLATED_TEXT = st.text(alphabet=st.sampled_from([*"ab .,!?'-#%|\n\t",
    "\u2019", "\u02bc", "\u00a0", "\u2007", "\u202f", "\u2010", "\u2011", "\u00ad", "\u200b", "\ufeff",
    "\u00e9", "\u2013", "\u00ab", "\u00b5", "\u0627", "\U0001f600"]), max_size=40)


@settings(max_examples=300)
@given(TRANSLATED_TEXT)
def test_a_translation_gives_what_str_translate_gives_on_any_text(text: str) -> None:
    from medpress.quality import ENDS, GATE_PUNCTUATION, INNER_PUNCTUATION, PUNCTUATION, TYPOGRAPHY, WITHOUT_INVISIBLE

    for translation in (TYPOGRAPHY, WITHOUT_INVISIBLE, ENDS, GATE_PUNCTUATION):
        assert translation.apply(text) == text.translate(translation.table)
    for removal in (PUNCTUATION, INNER_PUNCTUATION):
        assert removal.apply(text) == removal.pattern.sub("", text)


def test_a_removal_of_many_kinds_of_symbol_gives_what_re_sub_gives() -> None:
    from medpress.quality import PUNCTUATION

    text = " ".join(f"word{chr(0x2190 + n)}" for n in range(64))  # 64 arrows: more than are replaced one by one
    assert PUNCTUATION.apply(text) == PUNCTUATION.pattern.sub("", text) == " ".join(["word"] * 64)


def test_a_translation_maps_only_to_ascii_or_nothing() -> None:
    with pytest.raises(ValueError):
        Translation({ord("a"): "\u00e9"})
    with pytest.raises(ValueError):
        Translation({ord("a"): "ab"})


def test_a_body_is_counted_in_one_pass_as_each_paragraph_alone() -> None:
    texts = [*PARAGRAPHS, "It is 0.25 mg, e.g. twice a day!) Then stop.", "We're here (24/7) - ok?\nYes."]
    assert counts_of_each(texts, "en_US") == [counts_of(text, "en_US") for text in texts]


def test_the_syllable_dictionary_is_textstats_word_for_word() -> None:
    from textstat.backend.utils import get_cmudict

    reference = get_cmudict("en_US")
    looked_up = Pronunciations(pronunciations().text)
    tabled = Pronunciations(pronunciations().text)
    tabled.table = tabled._table()
    for word, phones in reference.items():
        expected = sum(1 for phone in phones[0] if phone[-1].isdigit())
        assert looked_up._look_up(word) == expected == tabled.syllables(word), word
    assert looked_up._look_up("qqzx") is None and tabled.syllables("qqzx") is None
    assert len(tabled.table) == len(reference)


def test_numbers_and_words_cmudict_lacks_count_as_textstat_counts_them() -> None:
    from textstat.backend.utils import get_pyphen

    words = [str(n) for n in (0, 7, 12, 99, 365, 2024, 100000)] + ["counselling", "programme", "clonazepam"]
    assert all(syllable_count(word, "en_US") == len(get_pyphen("en_US").positions(word)) + 1 for word in words)


def test_a_quick_rebuild_grades_an_edited_body_without_loading_pyphen(tmp_path: Path) -> None:
    from medpress.content import parse_article

    body = EASY + "\n\nClonazepam comes as 0.5 mg tablets.[^1]\n\n[^1]: The label.\n"
    before = parse_article(K, article(body=body), QualityPolicy())
    assert before is not None and before.quality is not None
    assert "clonazepam" in dict(before.quality.hyphenated)  # CMUdict lacks it; pyphen counted it
    (tmp_path / "before.pickle").write_bytes(pickle.dumps(before))
    script = textwrap.dedent("""
        import pickle, sys
        from medpress.quality import QualityPolicy, with_body
        before = pickle.loads(open("before.pickle", "rb").read())  # as the build cache gives it back
        after = with_body(before, BODY + "\\nClonazepam is taken twice a day.\\n", QualityPolicy())
        assert "pyphen" not in sys.modules, "pyphen was loaded"
        assert after.quality.grade is not None and after.quality.hyphenated == before.quality.hyphenated
        print("graded", after.quality.grade)
    """).replace("BODY", repr(body))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("graded")


def test_german_and_spanish_use_their_own_formulas_as_textstat_computes_them() -> None:
    from textstat.backend import metrics

    german = "Die Behandlung der Abhängigkeit beginnt mit einem Gespräch. Danach planen wir gemeinsam."
    spanish = "El tratamiento empieza con una conversación. Después planificamos juntos el camino."
    assert wiener_sachtextformel(counts_of(german, "de")) == pytest.approx(
        metrics.wiener_sachtextformel(german, 1, "de"))
    assert crawford(counts_of(spanish, "es")) == pytest.approx(metrics.crawford(spanish, "es"))
    assert hyphenation_language("en") == "en_US" and hyphenation_language("fr") == "fr"
    assert hyphenation_language("xx") is None


EASE_TEXTS = {
    "fr": "Arrêter ce médicament d'un coup peut être dangereux. Votre médecin vous aide à baisser la dose peu à peu.",
    "it": "Smettere il farmaco all'improvviso può essere pericoloso. Il medico ti aiuta a ridurre la dose piano piano.",
    "nl": "Ineens stoppen met dit middel kan gevaarlijk zijn. Uw arts helpt u de dosis langzaam te verlagen.",
    "ru": "Резко бросать это лекарство опасно. Врач поможет вам снижать дозу постепенно.",
}


@pytest.mark.parametrize("language", sorted(EASE_TEXTS))
def test_a_language_with_its_own_reading_ease_in_textstat_is_graded_by_it(language: str) -> None:
    from textstat.backend import metrics

    from medpress.quality import reading_ease

    text = EASE_TEXTS[language]
    assert reading_ease(counts_of(text, hyphenation_language(language) or ""), language) == pytest.approx(
        metrics.flesch_reading_ease(text, language))


def test_a_reading_ease_means_the_grade_textstat_gives_it_and_harder_is_higher() -> None:
    from medpress.quality import grade_from_ease

    # textstat's text_standard: 90-100 is grade 5, 80-90 is 6, 60-70 is 8 and 9, 50-60 is 10, under 30 is 13.
    assert [grade_from_ease(ease) for ease in (95, 85, 65, 55, 25)] == [5, 6, 8.5, 10, 13]
    eases = [120 - step * 2.5 for step in range(100)]
    grades = [grade_from_ease(ease) for ease in eases]
    assert grades == sorted(grades) and len(set(grades)) == len(grades)


# Plain and convoluted prose, each sentence of our own and repeated to well over 100 words.
PLAIN_AND_CONVOLUTED = {
    "it": ("Smettere il farmaco all'improvviso può essere pericoloso. Il medico ti aiuta a ridurre la dose poco "
           "alla volta. Quasi tutti stanno meglio dopo qualche settimana. Chiedi aiuto se ti senti male. ",
           "L'interruzione improvvisa della somministrazione farmacologica determina frequentemente "
           "manifestazioni sintomatologiche caratterizzate da significativa compromissione dell'omeostasi "
           "neurofisiologica, richiedendo conseguentemente un'attenta valutazione multidisciplinare. "),
    "pt": ("Parar o remédio de uma vez pode ser perigoso. O seu médico ajuda a baixar a dose aos poucos. Quase "
           "todos se sentem melhor depois de algumas semanas. Peça ajuda se você se sentir mal. ",
           "A interrupção abrupta da administração farmacológica determina frequentemente manifestações "
           "sintomatológicas caracterizadas por significativo comprometimento da homeostase neurofisiológica, "
           "requerendo consequentemente uma cuidadosa avaliação multidisciplinar. "),
}


@pytest.mark.parametrize("language", sorted(PLAIN_AND_CONVOLUTED))
def test_plain_italian_and_portuguese_read_plain_and_convoluted_prose_does_not(language: str) -> None:
    plain, convoluted = (text * 6 for text in PLAIN_AND_CONVOLUTED[language])
    policy = QualityPolicy(language=language)
    plain_grade = check_body(plain, 1, "a.md", policy).grade
    convoluted_grade = check_body(convoluted, 1, "a.md", policy).grade
    assert plain_grade is not None and plain_grade <= 8
    assert convoluted_grade is not None and convoluted_grade > 12


def test_words_are_what_a_reader_sees() -> None:
    text = "**Call** [our team](https://x.example/a.b) now.[^1] <!-- claim-ok: x --> `code`"
    assert words_of(visible(text)) == ["Call", "our", "team", "now"]


def test_grading_never_reaches_the_network(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import socket
        attempts = []
        def refuse(*args, **kwargs):
            attempts.append(args)
            raise OSError("network is cut off in this test")
        socket.socket = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from medpress.quality import QualityPolicy, check_body
        findings = check_body(TEXT, 1, "a.md", QualityPolicy())
        assert findings.grade is not None and findings.grade > 10, findings
        assert attempts == [], attempts
        print("graded offline", findings.grade)
    """).replace("TEXT", repr(HARD + "\n" + EASY))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("graded offline")


FIGURE_TOKENS = ["1", "10", "one", "in", "out", "of", "per", "cent", "percent", "percentage", "points", "%", "mg",
                 "5mg", "ml", "tablets", "times", "more", "3x", "-fold", "twice", "as", "likely", "1-in-10", "sur",
                 "fois", "plus", "von", "mal", "häufiger", "µg", "0,5", "taper", "people", "\n", ",", ".", "(", ")",
                 "/", "g", "4g", "fold", "fourfold", "beer", "abv", "bottle", "nasal", "spray", "hour", "bière", "à"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_TOKENS), max_size=30), st.sampled_from(["en", "fr", "de"]),
       st.sampled_from(["", " "]))
@example(["1", "g", "%"], "en", "")  # "1 g%": a unit of one letter in a word the gate keeps whole
@example(["take", "1", "g-dose"], "en", " ")
@example(["take", "1", "g's", "worth"], "en", " ")
def test_the_gate_finds_every_figure_the_rule_finds(tokens: list[str], language: str, joiner: str) -> None:
    # Where figures may be is told from the text's words and without telling a strength from a dose:
    # that may find more, never less.
    low = folded(joiner.join(tokens) if joiner else " ".join(tokens).replace(" %", "%"))
    assert set(find_figures(low, language)) <= set(find_figures(low, language, gate_words(low), strengths=False))


# What a review of the emphasis, strength, storage and warning changes found they had broken, each now as before.
@pytest.mark.parametrize(("text", "expected"), [
    ("Take 8/2 mg of Suboxone each day.", ("unsourced-statistic", "2 mg")),  # a combination product's dose
    ("Take 2 mg/0.5 mg and 8 mg/2 mg tablets twice a day.", ("unsourced-statistic", "2 mg")),
    ("Take two 30/500 mg tablets every 4 to 6 hours.", ("unsourced-statistic", "500 mg")),
    ("Adults: 20 mg/10 ml every 4 hours.", ("unsourced-statistic", "20 mg")),  # per 5 ml, but no form: a dose
    ("The maximum is 60 mg/30 ml in 24 hours.", ("unsourced-statistic", "60 mg")),
    ("Our locked detox unit is completely safe.", ("claim", "completely safe")),
    ("Recover somewhere completely safe.", ("claim", "completely safe")),
    ("Methadone is completely safe from children to older adults.", ("claim", "completely safe")),
    ("Our clinic is a completely safe place to detox.", ("claim", "completely safe")),
    ("We keep you in a completely safe place throughout your detox.", ("claim", "completely safe")),  # people,
    ("We keep our patients in a completely safe place during withdrawal.", ("claim", "completely safe")),  # not pills
    ("Our detox unit is locked, so the residents are completely safe from others.", ("claim", "completely safe")),
    ("We guarantee recovery: we are not lying.", ("claim", "guarantee")),
    ("Our guaranteed programme is lying in wait for you.", ("claim", "guaranteed")),
    ("Keep coming: our programme is completely safe.", ("claim", "completely safe")),
    ("Our detox is completely painless and we store your medicines somewhere completely safe.",
     ("claim", "completely painless")),
    ("Ignore anyone who says recovery is impossible, because our programme guarantees it.", ("claim", "guarantees")),
    ("Don't believe anyone who says addiction is for life \u2013 with us you will never relapse.",
     ("claim", "never relapse")),
    ("Never trust anyone who says you can't change, our treatment is 100% effective.", ("claim", "100% effective")),
])
def test_a_claim_or_figure_near_an_exception_is_still_found(text: str, expected: tuple[str, str]) -> None:
    problems = check_body(text + "\n", 1, "a.md", QualityPolicy()).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == [expected]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "What you get:\n\n* Aftercare for as long as you need it, absolutely\n* Safe, supervised withdrawal"),
    ("de", "Wir garantieren eine unabhängige Beratung."),  # independent, not dependent
    ("de", "Die Nebenwirkungen sind dosisabhängig und heilen meist ohne Folgen ab."),
])
def test_no_claim_across_list_items_nor_in_words_that_only_look_like_addiction(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


def test_a_claim_does_not_run_across_a_paragraph_break_in_an_answer() -> None:
    answer = Value("faq[0].a", "Withdrawal can be hard. We make it completely\n\nsafe to ask for help.", 5, True)
    assert check_values([answer], "a.md", QualityPolicy())[0] == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("After our programme you will never&nbsp;relapse.", ("claim", "never relapse")),
    ("You will [never](/facts) relapse.", ("claim", "never relapse")),
    ("About 1&nbsp;in&nbsp;10 people relapse.", ("unsourced-statistic", "1 in 10")),
    ("About **1**\nin 10 people relapse.", ("unsourced-statistic", "1 in 10")),  # emphasis at a line's end
])
def test_what_reads_as_a_space_reads_so_on_every_line(text: str, expected: tuple[str, str]) -> None:
    problems = check_body(text + "\n", 1, "a.md", QualityPolicy()).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Our detox is complete&shy;ly safe.", [("claim", "completely safe")]),
    ("It is complete&#173;ly safe, and complete&#xAD;ly painless.", [("claim", "completely safe"),
                                                                     ("claim", "completely painless")]),
    ("Guaran&#116;eed recovery.", [("claim", "Guaranteed")]),
    ("Guaran&ZeroWidthSpace;teed recovery.", [("claim", "Guaranteed")]),
    ("A 100&percnt; success rate.", [("claim", "100% success")]),
    ("Relapse affects 40&#37; of people.", [("unsourced-statistic", "40%")]),
    ("Tom &amp; Jerry, &lt;b&gt; and &copy; 2024 are no claim.", []),
])
def test_a_character_reference_reads_as_the_character_a_browser_shows(text: str,
                                                                        expected: list[tuple[str, str]]) -> None:
    problems = check_body(f"Another paragraph.\n\n{text}\n", 3, "a.md", QualityPolicy()).problems
    assert [(p.rule, p.message.split('"')[1]) for p in problems] == expected
    assert {p.line for p in problems} <= {5}


def test_alt_text_in_words_that_the_file_is_also_named_after_passes() -> None:
    text = "![Naloxone kit](images/naloxone-kit.png)\n\n![Naloxone nasal spray](images/naloxone-nasal-spray.png)\n"
    assert check_body(text, 1, "a.md", QualityPolicy()).problems == ()
    [problem] = check_body("![naloxone-kit](images/naloxone-kit.png)\n", 1, "a.md", QualityPolicy()).problems
    assert problem.message == "the image 'images/naloxone-kit.png' has only its file name as alt text ('naloxone-kit')"


def test_an_image_in_a_comment_is_not_shown_so_needs_no_alt_text_but_a_todo_there_is_still_unfinished() -> None:
    text = "Text.\n\n<!-- ![](images/pills.png) old picture, removed -->\n\n<!-- old\n![](images/old.png)\n-->\n"
    assert check_body(text, 1, "a.md", QualityPolicy()).problems == ()
    [problem] = check_body("<!-- TODO: a new picture -->\n", 1, "a.md", QualityPolicy()).problems
    assert problem.rule == "placeholder"


@pytest.mark.parametrize("language", ["es", "pt"])
@pytest.mark.parametrize("line", ['!!! danger "TODO EL MUNDO PUEDE SUFRIR UNA SOBREDOSIS"', "## TODO SOBRE EL XANAX",
                                  "**ATENÇÃO: TODO O MEDICAMENTO TEM RISCOS.**"])
def test_todo_in_a_line_of_capitals_is_the_word_for_all_in_spanish_and_portuguese(language: str, line: str) -> None:
    assert check_body(line + "\n", 1, "a.md", QualityPolicy(language=language)).problems == ()
    for note in ("TODO: revisar la dosis.", "TODO: REVISAR LA DOSIS", "Texto. TODO"):
        [problem] = check_body(note + "\n", 1, "a.md", QualityPolicy(language=language)).problems
        assert problem.message == '"TODO" is a placeholder'
    assert check_body(line + "\n", 1, "a.md", QualityPolicy(language="fr")).problems != ()


@pytest.mark.parametrize(("text", "rule", "quoted"), [
    ("\u200bTODO here.", "placeholder", "TODO"),  # a zero-width space pasted before it
    ("We offer a guaran\u00adteed cure.", "claim", "guaranteed"),  # soft hyphens from a word processor
    ("Our detox is com\u00adpletely safe.", "claim", "completely safe"),
    ("About 40\u2060% of   people relapse.", STATISTIC, "40%"),  # a word joiner, and a run of spaces
])
def test_what_shows_as_nothing_hides_no_finding(text: str, rule: str, quoted: str) -> None:
    [problem] = [p for p in check_body(f"Intro.\n\n{text}\n", 1, "a.md", QualityPolicy()).problems if p.rule == rule]
    assert (problem.line, problem.message.split('"')[1]) == (3, quoted)


# A second helper's sentences, each judged wrongly by 0f8b287: clinic copy that hides a claim behind a negative
# subject, an aside or a comparison with ours; and measured prose about what no study showed, or a myth.
@pytest.mark.parametrize("language, text", [
    ('en', 'No one leaves our programme without a guaranteed cure for their addiction.'),
    ('en', 'No addiction can withstand our miracle cure.'),
    ('en', 'No craving survives our instant detox.'),
    ('en', 'Nobody ever relapses after our miracle cure.'),
    ('en', 'No detox is as completely safe as ours.'),
    ('en', 'There are no risks, no side effects and no relapses with our completely safe detox.'),
    ('en', 'No pills, no pain and no relapse with our guaranteed programme.'),
    ('en', 'No clinic can promise a guaranteed cure - except ours.'),
    ('en', 'No programme anywhere offers a 100% success rate, but ours does.'),
    ('en', 'No one else in the country can offer you a guaranteed cure like we can.'),
    ('en', 'No one besides us can promise a cure for addiction.'),
    ('en', 'No clinic except ours offers a miracle cure for addiction.'),
    ('en', 'Nobody walks out of our clinic without being completely cured of their addiction.'),
    ('en', 'We are not aware of any other clinic in Europe that can promise you a completely safe detox.'),
    ('en', 'We are not aware of any other programme that delivers a guaranteed recovery the way ours does.'),
    ('en', 'We are not aware of any clinic that can offer a guaranteed cure as ours does.'),
    ('en', 'We know of no clinic besides ours that can promise a guaranteed cure.'),
    ('en', 'We know of no clinic, other than our own, that offers a risk-free detox.'),
    ('en', "We don't know of a single clinic that can promise a cure for addiction like we do."),
    ('en', 'I know of no program that gives results as guaranteed as ours.'),
    ('en', 'No medicine - not even the newest - works like our miracle cure.'),
    ('en', 'No addiction, however severe, resists our miracle cure.'),
    ('en', 'No craving, however strong, survives our instant detox.'),
    ('en', 'No pain - not even for a moment - during our completely safe detox.'),
    ('en', 'No cravings – not even one – after our miracle cure.'),
    ('en', 'No relapse - not even among heavy drinkers - since our cure for alcoholism works.'),
    ('en', 'No patient – not even the toughest case – needs more than our miracle cure.'),
    ('en', 'No addiction - however severe - can resist our miracle cure.'),
    ('en', 'No withdrawal symptoms, not even mild ones, thanks to our instant detox.'),
    ('en', 'Nobody, not even you, is beyond our miracle cure.'),
    ('en', 'No patient, whether young or old, leaves without a guaranteed cure.'),
    ('en', 'No study has shown that our detox is anything but completely safe.'),
    ('fr', 'Aucune addiction ne résiste à notre cure miracle.'),
    ('de', 'Keine Sucht widersteht unserer Wunderkur.'),
    ('pt', 'Nenhum vício resiste à nossa cura milagrosa.'),
])
def test_a_claim_behind_a_negative_subject_an_aside_or_a_comparison_with_ours_is_found(language: str,
                                                                                     text: str) -> None:
    assert "claim" in [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems]


@pytest.mark.parametrize("language, text", [
    ('en', 'None of the medicines licensed for opioid dependence, including methadone and buprenorphine, is '
     'completely safe in overdose.'),
    ('en', 'Nobody at this service will tell you that stopping benzodiazepines suddenly is completely safe.'),
    ('en', 'No honest clinic will claim that its detox is risk-free.'),
    ('en', 'There is no medicine, however new, that is completely safe for everyone.'),
    ('en', 'There are no addiction treatments on the market today that are completely safe.'),
    ('en', 'No rehab centre in this country, to the best of our knowledge, publishes a 100% success rate that '
     'has been independently checked.'),
    ('en', 'No addiction specialist we have spoken to, in the NHS or in private practice, believes that detox '
     'alone cures addiction.'),
    ('en', 'No trial - however large - has found that rapid detox is risk-free.'),
    ('en', 'No clinic — not even the most expensive private one — can guarantee that you will never relapse.'),
    ('en', 'No published study, to our knowledge, has shown that ultra-rapid detox is completely safe.'),
    ('en', 'No published trial has ever demonstrated that rapid opioid detox under anaesthesia is completely safe.'),
    ('en', 'No systematic review to date has concluded that naltrexone implants are completely safe.'),
    ('en', 'No controlled trial has confirmed that ibogaine is a miracle cure for opioid addiction.'),
    ('en', 'No study so far has established that any medicine can cure addiction.'),
    ('en', 'No study has shown it to be completely safe.'),
    ('en', 'There is no good evidence that any detox programme is completely safe for pregnant women.'),
    ('en', 'Nobody has yet shown that buprenorphine is completely safe in pregnancy.'),
    ('en', 'No reviewer of the evidence, however sympathetic, has claimed that detox cures addiction.'),
    ('en', 'We are not aware of any trial showing that ibogaine is a miracle cure for opioid addiction.'),
    ('en', 'I am not aware of a single rehab centre whose results show a 100% success rate.'),
    ('en', 'Neither the 12-week course nor the longer programme was shown to be completely safe.'),
    ('en', 'One of the most harmful myths about addiction is that it can be cured in a week.'),
    ('en', 'Myth: “If I finish rehab, I will never relapse.” Fact: relapse is common and can be managed.'),
    ('en', 'Myth: with enough willpower, anyone can be cured of addiction.'),
    ('fr', "Aucune étude publiée à ce jour n'a montré que le sevrage rapide est totalement sûr."),
    ('fr', "Mythe : « avec de la volonté, on guérit de l'addiction »."),
    ('de', 'Keine seriöse Studie hat bisher gezeigt, dass ein Schnellentzug völlig sicher ist.'),
    ('es', 'Ningún estudio publicado hasta la fecha ha demostrado que la desintoxicación rápida sea totalmente '
     'segura.'),
    ('pt', 'Nenhum estudo mostrou até hoje que a desintoxicação rápida seja totalmente segura.'),
    ('pt', 'Não conhecemos nenhuma clínica que possa oferecer uma cura garantida para a dependência.'),
])
def test_what_no_study_showed_and_a_quoted_myth_make_no_claim(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


# A third helper's sentences, each judged wrongly by aa20c16: the writer excepted in every language; and a
# clinic's measured words about its own practice, or a negated claim followed by what it does offer.
@pytest.mark.parametrize("language, text", [
    ('fr', 'Aucune clinique ne peut vous promettre une guérison garantie, sauf la nôtre.'),
    ('de', 'Niemand außer uns kann Ihnen einen völlig sicheren Entzug bieten.'),
    ('fr', "Aucun sevrage n'est totalement sans danger, sauf le nôtre."),
    ('de', 'Kein Entzug ist völlig sicher – außer unserem.'),
    ('es', 'Ninguna desintoxicación es totalmente segura, excepto la nuestra.'),
    ('pt', 'Nenhuma desintoxicação é totalmente segura, exceto a nossa.'),
])
def test_a_boast_that_excepts_the_writer_is_a_claim_in_every_language(language: str, text: str) -> None:
    assert "claim" in [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems]


@pytest.mark.parametrize("language, text", [
    ('en', 'No patient of ours is told that detox is risk-free.'),
    ('en', 'Not one of our nurses would describe rapid detox as completely safe.'),
    ('en', 'Nobody leaves our programme with a promise of a guaranteed cure; they leave with a plan.'),
    ('en', 'No one leaves our clinic believing that recovery is guaranteed.'),
    ('en', 'No detox is completely safe, but ours is closely supervised.'),
    ('es', 'Ninguno de nuestros médicos le prometerá una cura garantizada para la adicción.'),
    ('pt', 'Nenhum dos nossos médicos lhe vai prometer uma cura garantida para a dependência.'),
    ('en', 'No detox is completely safe, but ours is monitored around the clock.'),
    ('en', 'No medicine is risk-free, but ours come with clear leaflets.'),
    ('en', 'No one can offer a guaranteed cure for addiction, but we can offer support.'),
    ('en', 'No detox is risk-free, but we do everything we can to make ours safer.'),
    ('en', 'No programme is a guaranteed cure for addiction, as ours shows: a third of our patients relapse.[^1]'
     '\n\n[^1]: Our audit of 2024.'),  # a share in words is a figure, which needs its source
    ('en', 'No detox is completely safe, even one as carefully run as ours.'),
])
def test_a_clinic_saying_what_it_does_not_promise_makes_no_claim(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


# A fourth helper's sentences, each judged wrongly by c7de95b: a claim denied then made, ours likened or excepted in
# the other languages; and what no one would call the writer's own.
@pytest.mark.parametrize("language, text", [
    ('en', "We don't promise miracles — we deliver them."),
    ('fr', 'Nous ne promettons pas de miracles, nous les réalisons.'),
    ('en', 'None of our doctors will promise you a cure for addiction — they will deliver one.'),
    ('fr', "Aucune clinique ne guérit l'addiction comme nous."),
    ('de', 'Kein Entzug ist völlig sicher – unserer schon.'),
    ('de', 'Keine Klinik heilt Sucht so wie wir.'),
    ('es', 'Ninguna desintoxicación es totalmente segura, pero la nuestra sí.'),
    ('es', 'Ninguna clínica cura la adicción como nosotros.'),
    ('pt', 'Nenhum tratamento é totalmente seguro, mas o nosso é.'),
    ('pt', 'Nenhuma clínica cura a dependência como nós.'),
])
def test_a_claim_denied_then_made_or_likened_to_ours_is_found(language: str, text: str) -> None:
    assert "claim" in [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems]


@pytest.mark.parametrize("language, text", [
    ('en', 'There is no evidence that our detox is completely safe, and we say so.'),
    ('en', 'We are not aware of any evidence that our programme is a guaranteed cure.'),
    ('en', 'No one would call our detox completely safe, and neither do we.'),
])
def test_what_no_one_would_call_the_writers_own_makes_no_claim(language: str, text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


# A fifth helper's sentences, each judged wrongly by e0d844a: 'comme nous' meaning 'as we saw', 'like ours' in an
# aside, something else delivered; and 'we can' after a semicolon.
@pytest.mark.parametrize("language, text", [
    ('fr', "Aucun traitement ne guérit l'addiction comme nous l'avons vu plus haut ; il aide à la contrôler."),
    ('fr', "Personne ne guérit de l'addiction comme nous l'espérions autrefois, du jour au lendemain et pour "
     'toujours.'),
    ('de', 'Keine Behandlung heilt Sucht so einfach wie wir früher dachten.'),
    ('es', 'Ningún tratamiento cura la adicción como nosotros quisiéramos, pero muchos ayudan a controlarla.'),
    ('pt', 'Nenhum tratamento cura a dependência como nós gostaríamos, mas muitos ajudam a controlá-la.'),
    ('en', 'No treatment is completely safe — not even one like ours.'),
    ('en', 'No detox is completely safe (not even in a service like ours), so a nurse checks on you every few hours.'),
    ('en', 'No detox programme is completely safe and that includes one as carefully staffed as ours.'),
    ('en', 'We do not promise a guaranteed cure for addiction; we deliver evidence-based care and honest follow-up.'),
    ('en', "We can't promise you'll never relapse, but we will deliver every appointment and every prescription "
     'on time.'),
    ('en', 'Our doctors will never promise a cure for addiction — they will deliver honest, evidence-based care '
     'instead.'),
    ('fr', "Nous ne promettons pas la guérison de l'addiction ; nous réalisons avec vous un suivi régulier et "
     'un plan de prévention des rechutes.'),
    ('de', 'Wir versprechen keine Heilung der Sucht – wir liefern Ihnen stattdessen ehrliche Informationen und '
     'eine gute Nachsorge.'),
    ('es', 'No prometemos la curación de la adicción; nosotros entregamos información clara y un plan de seguimiento.'),
])
def test_likened_to_ours_only_right_after_the_claim_and_delivered_only_when_it_is_the_claim(language: str,
                                                                                             text: str) -> None:
    assert check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems == ()


@pytest.mark.parametrize("language, text", [
    ('en', 'None of our rivals can offer a guaranteed cure for addiction; we can.'),
    ('es', 'No te prometemos milagros; te los entregamos.'),
])
def test_a_claim_denied_of_others_and_made_after_a_semicolon_is_found(language: str, text: str) -> None:
    assert "claim" in [p.rule for p in check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems]
