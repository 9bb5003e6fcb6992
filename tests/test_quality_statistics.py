"""The unsourced-statistic rule: what is a figure that needs a source, and what cites one."""

from __future__ import annotations

import json

import pytest
from conftest import TODAY_ARG, article

from medpress.quality import STATISTIC, QualityPolicy, check_body

K = "content/articles/klonopin-addiction.md"
BODY_LINE = 11  # the first line of the body in an article() file with the default keys


def statistics(text: str, language: str = "en") -> list[str]:
    """The figures the rule quotes in a body, each warning's first."""
    problems = check_body(text + "\n", 1, "a.md", QualityPolicy(language)).problems
    return [p.message.split('"')[1] for p in problems if p.rule == STATISTIC]


# --- a product's strength is no statistic --------------------------------------------------------------------

# Each a product's strength, which needs no source, and a dose written alike, which does.
@pytest.mark.parametrize("language, strength, dose, figure", [
    # what is written around a list item says nothing of the amounts in another
    ("en", "Buprenorphine comes as:\n\n- 2 mg tablets\n- 8 mg tablets\n- a patch you change every week",
     "- 8 mg tablets\n- Take 2 mg twice a day", "2 mg"),
    ("en", "- 8 mg tablets\n- a patch to change every week", "- 8 mg tablets to change every week", "8 mg"),
    ("en", "Forms you may be given\n- 8 mg tablets\n- 2 mg tablets", "You may be given 8 mg tablets.", "8 mg"),
    # a range of strengths, as a list of them is
    ("en", "It comes as 25 mg to 300 mg capsules.", "Take 25 mg to 300 mg a day.", "25 mg"),
    ("en", "Quetiapine comes as 25 mg-300 mg tablets.", "Take 25 mg-300 mg tablets a day.", "25 mg"),
    ("de", "Es gibt Kapseln mit 25 mg bis 300 mg.", "Nehmen Sie Kapseln mit 25 mg bis 300 mg täglich.", "25 mg"),
    # how much a volume or a unit of the product holds
    ("en", "Naloxone for injection is 2 mg in 2 ml.", "The dose is 2 mg in 2 ml.", "2 mg"),
    ("en", "Each pre-filled syringe holds 2 mg in 2 ml.", "Give 2 mg in 2 ml every 2 to 3 minutes.", "2 mg"),
    ("en", "Prenoxad is 2 mg in 2 ml solution for injection.", "Inject 2 mg in 2 ml solution.", "2 mg"),
    ("en", "Methadone 1 mg per ml oral solution is green.", "The maximum is 60 mg/30 ml in 24 hours.", "60 mg"),
    ("en", "Nyxoid gives 1.8 mg per spray.", "Give 1.8 mg per spray every 3 minutes.", "1.8 mg"),
    ("fr", "Le Nyxoid est dosé à 1,8 mg par pulvérisation.", "Prenez 1,8 mg par pulvérisation.", "1,8 mg"),
    ("fr", "Nyxoid 1,8 mg par pulvérisation, solution pour pulvérisation nasale.",
     "La posologie est de 1,8 mg par pulvérisation toutes les 2 minutes, deux fois.", "1,8 mg"),
])
def test_a_products_strength_is_no_statistic_but_a_dose_is(language: str, strength: str, dose: str,
                                                           figure: str) -> None:
    assert statistics(strength, language) == []
    assert statistics(dose, language) == [figure]


# --- shares in words and counts of people are figures --------------------------------------------------------


# Each a figure, and everyday words that look like one.
@pytest.mark.parametrize("text, figure, everyday", [
    ("Half of people who stop suddenly have withdrawal symptoms.", "Half of people", "Take half a tablet."),
    ("About half of those who stop relapse within a year.", "half of those", "Cut the tablet in half."),
    ("Half the people we see are over 60.", "Half the people", "On behalf of the team, welcome."),
    ("Half of all opioid overdose deaths involve fentanyl.", "Half of all opioid overdose deaths",
     "Its half-life is long, so sleep in the second half of the night may be better."),
    ("About two-thirds of people relapse within a year.", "two-thirds of people", "Wait a quarter of an hour."),
    ("A third of patients stop early.", "A third of patients", "In the third week, cravings ease."),
    ("Three quarters of older adults take a sleeping pill.", "Three quarters of older adults",
     "Three quarters of the tablet dissolve in a minute."),
    ("Around 3,000 people died from overdoses last year.", "3,000 people", "In 2023 people were asked about sleep."),
    ("About 450 patients took part.", "450 patients", "Two people should know where the kit is."),
    ("Nearly 1.2 million people take it.", "1.2 million people", "About 12 people meet on Tuesdays."),
])
def test_a_share_in_words_or_a_count_of_people_is_a_figure(text: str, figure: str, everyday: str) -> None:
    assert statistics(text) == [figure]
    assert statistics(everyday) == []


# --- what cites a source -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # not on the page: a reference or a link in a comment or in code
    "About 40% of people relapse. <!-- [^1] -->\n\n[^1]: NHS, 2024.",
    "About 40% of people relapse. <!-- [NHS](https://www.nhs.uk/) -->",
    "About 40% of people relapse (see `[^1]`).",
    # a link to the page itself
    "About 40% of people relapse: see [the FAQ](./#faq).",
    "About 40% of people relapse: see [the FAQ]().",
    "About 40% of people relapse: [print this page](?print=1).",
    "About 40% of people relapse: see [the FAQ](a.md#faq).",  # the file being checked
    "About 40% of people relapse: see [the FAQ](../articles/a.md).",
    "About 40% of people relapse: see [the FAQ][faq].\n\n[faq]: ./#faq",
    # a footnote's definition is its source, not a reference to it, in a list item too
    "- Take 2 mg three times a day.\n- [^1]: NHS, 2024.",
    "> Take 2 mg three times a day.\n> [^1]: NHS, 2024.",
])
def test_what_is_not_on_the_page_or_leads_to_the_page_itself_cites_nothing(text: str) -> None:
    problems = check_body(text + "\n", 1, "content/articles/a.md", QualityPolicy()).problems
    assert [p.rule for p in problems] == [STATISTIC]
    cited = text.replace("relapse", "relapse ([NHS](https://www.nhs.uk/))", 1).replace(
        "three times a day", "three times a day ([NHS](https://www.nhs.uk/))")
    assert check_body(cited + "\n", 1, "content/articles/a.md", QualityPolicy()).problems == ()


@pytest.mark.parametrize("text", [
    "About 40% of people relapse.[^1]\n\n- [^1]: Smith J. Guaranteed income and relapse, 1 in 10 cases. 2019.",
    "About 40% of people relapse.[^1]\n\n> [^1]: Smith J. Guaranteed income and relapse, 1 in 10 cases. 2019.",
    "- About 40% of people relapse.[^1]\n\n    [^1]: Smith J. Guaranteed income and relapse, 1 in 10 cases. 2019.",
])
def test_a_footnote_defined_in_a_list_item_or_a_quote_is_a_citation_too(text: str) -> None:
    # Both Markdown engines read it as a footnote: a cited title makes no claim, and its figures are its own source.
    assert check_body(text + "\n", 1, "a.md", QualityPolicy()).problems == ()


def test_a_site_checks_what_its_pages_cite(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = ("\n## Forms\n\nIt comes as:\n\n- 8 mg tablets\n- a patch you change every week\n\n"
            "## Risk\n\nAbout 3,000 people died last year. <!-- [^1] -->\n\n"
            "Half of those who stop relapse: see [the FAQ](klonopin-addiction.md#faq).\n\n[^1]: ONS, 2024.\n")
    site = make_site({K: article(body=text)})
    data = json.loads(run("check", "--site", site, "--format", "json", *TODAY_ARG).stdout)
    assert [(p["line"], p["message"]) for p in data["problems"] if p["rule"] == STATISTIC] == [
        (BODY_LINE + 10, '"3,000 people" in a paragraph that cites no source'),
        (BODY_LINE + 12, '"Half of those" in a paragraph that cites no source')]
