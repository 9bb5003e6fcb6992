"""Generate a deterministic benchmark site: N drug articles of 1,200-1,800 words.

With images, each article shows one JPEG of its own (1200x800 by default, about
40 KB) in its body, below the first screen: assets/images/drug-NNNNN.jpg, drawn from the article's
number, so the same corpus always has the same images.
"""

from __future__ import annotations

import io
import multiprocessing
import random
import shutil
from pathlib import Path

WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list of strings
    "patient dose tolerance withdrawal taper clinician receptor symptom relapse therapy support "
    "assessment medication risk benefit sleep anxiety recovery family plan review evidence "
    "monitoring supervision treatment programme outpatient inpatient counselling guidance safety"
).split()
CATEGORIES = ["benzodiazepines", "opioids", "stimulants", "alcohol", "cannabis"]
REVIEWERS = ["dr-a", "dr-b", "dr-c", "dr-d", "dr-e"]

SITE_YAML = """\
title: Bench Clinic
tagline: Care in four cities
base_url: https://bench.example
organization:
  name: Bench Clinic
  description: A clinic used to measure build speed.
  phone: "+44 0000"
  locations: [One, Two]
review_policy:
  max_age_days: 365
  warn_within_days: 0
  min_sources: 1
categories:
{categories}
accreditations:
  - {{name: Accreditor One}}
media:
  - {{name: Gazette One}}
urgent_help:
  title: Need help now?
  text: Call the emergency services if you are in danger.
  phone: "999"
disclaimer: Not medical advice.
"""


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(rng.randint(4, 6)))


def body(rng: random.Random, target_words: int) -> str:
    parts, words, section = [], 0, 0
    while words < target_words:
        section += 1
        parts.append(f"## Section {section} on {rng.choice(WORDS)}\n")
        for _ in range(3):
            text = paragraph(rng)
            words += len(text.split())
            parts.append(text + "\n")
        if section % 2 == 0:
            parts.append("- " + "\n- ".join(sentence(rng, 6) for _ in range(5)) + "\n")
            words += 30
        if section % 3 == 0:
            rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 90)} mg | {rng.choice(WORDS)} |"
                             for _ in range(4))
            parts.append(f"| Item | Dose | Note |\n|---|---|---|\n{rows}\n")
            words += 16
        if section == 2:
            parts.append(f'!!! warning "Do not stop suddenly"\n    {sentence(rng, 14)}\n')
    return "\n".join(parts)


def picture(index: int, width: int = 1200) -> bytes:
    """A JPEG of its own for article index, width by two thirds of it: a gradient and a dozen coloured shapes."""
    from PIL import Image, ImageDraw, ImageOps

    rng = random.Random(index)
    height = width * 2 // 3
    colours = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(14)]
    image = ImageOps.colorize(Image.linear_gradient("L").resize((width, height)), colours[0], colours[1])
    draw = ImageDraw.Draw(image)
    for colour in colours[2:]:
        x, y = rng.randrange(width * 11 // 12), rng.randrange(height * 7 // 8)
        right, bottom = x + rng.randrange(width // 30, width // 3), y + rng.randrange(height // 20, height * 3 // 8)
        draw.ellipse((x, y, right, bottom), fill=colour)
    draw.text((40, 40), f"drug {index:05d}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _write_picture(job: tuple[Path, int, int]) -> None:
    folder, index, width = job
    (folder / f"drug-{index:05d}.jpg").write_bytes(picture(index, width))


def with_image(text: str, index: int) -> str:
    """The article with its image after the body's first section (below the first screen)."""
    second = text.index("\n## Section 2 ")
    figure = f"\n![A chart for drug {index:05d}](/assets/images/drug-{index:05d}.jpg)\n"
    return text[:second] + figure + text[second:]


def article(rng: random.Random, index: int, count: int, today: str) -> str:
    related = sorted({f"drug-{(index + step) % count:05d}" for step in (1, 7, 31)} - {f"drug-{index:05d}"})
    month, day = rng.randint(1, 9), rng.randint(1, 28)
    return f"""---
title: Drug {index:05d} dependence and treatment
summary: What dependence on drug {index:05d} looks like, how withdrawal is managed and how treatment works.
category: {CATEGORIES[index % len(CATEGORIES)]}
drug:
  name: Drugname{index:05d}
  generic: genericum{index:05d}
  brand_names: [Brand{index:05d}]
  drug_class: Class {index % 7}
  schedule: IV
reviewer: {REVIEWERS[index % len(REVIEWERS)]}
reviewed: 2026-{month:02d}-{day:02d}
fact_checked: true
related: [{", ".join(related)}]
faq:
  - q: How long does withdrawal from drug {index:05d} last?
    a: {sentence(rng, 20)}
  - q: Can I stop taking it on my own?
    a: {sentence(rng, 16)}
sources:
  - {{title: "Guideline {index}", publisher: NICE, url: "https://example.org/guideline/{index}", year: 2024}}
  - {{title: "Review {index}", publisher: NIDA, url: "https://example.org/review/{index}", year: 2023}}
tags: [{CATEGORIES[index % len(CATEGORIES)]}]
---
{body(rng, rng.randint(1200, 1800))}"""


def make_corpus(root: Path, count: int, seed: int = 42, today: str = "2026-11-25", images: bool = False,
                image_width: int = 1200, translations: int = 0) -> Path:
    """Write a site with count articles (each with an image of its own, if images) into root; return root.

    translations > 0 makes it a site in English and French, with a French translation
    (drug-NNNNN.fr.md, reviewed the same day as its source) of the first that many articles.
    """
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    cats = "\n".join(f"  {c}:\n    title: {c.title()}\n    help: We help with {c}.\n"
                     f"    method: [Assessment, Therapy]\n    timeline:\n      - {{when: Week 1, step: Detox}}"
                     for c in CATEGORIES)
    (root / "content/articles").mkdir(parents=True)
    (root / "content/reviewers").mkdir(parents=True)
    languages = ("languages: [en, fr]\n"
                 "site_text:\n  fr: {title: Clinique Bench, tagline: Des soins dans quatre villes}\n")
    (root / "site.yaml").write_text(SITE_YAML.format(categories=cats) + (languages if translations else ""),
                                    encoding="utf-8")
    for rid in REVIEWERS:
        (root / f"content/reviewers/{rid}.yaml").write_text(
            f"name: Dr {rid[-1].upper()} Bench\ncredentials: MD\n", encoding="utf-8")
    for index in range(count):
        text = article(rng, index, count, today)
        if images:
            text = with_image(text, index)
        (root / f"content/articles/drug-{index:05d}.md").write_text(text, encoding="utf-8")
        if index < translations:
            french = text.replace("title: Drug", "title: Médicament", 1)
            (root / f"content/articles/drug-{index:05d}.fr.md").write_text(french, encoding="utf-8")
    if images:
        folder = root / "assets/images"
        folder.mkdir(parents=True)
        with multiprocessing.Pool() as pool:
            pool.map(_write_picture, [(folder, index, image_width) for index in range(count)], chunksize=64)
    return root
