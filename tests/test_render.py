"""render_html: marks, escaping, and a real headless Chromium rendering of a seed document."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from awardie import Pipeline
from awardie.ner import NoNER
from awardie.render import highlight, render_html
from awardie.schema import Entity, Extraction

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_4a71be1a486ec816.txt"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MARK = re.compile(r'<mark class="ent ent-(\w+)" data-type="(\w+)" data-start="(\d+)" data-end="(\d+)"[^>]*>')

# Written into <body data-*> by the page itself, then read back from --dump-dom.
PROBE = """<script>(function () {
  var b = document.body, box = b.getBoundingClientRect();
  var r = document.querySelector("mark.ent").getBoundingClientRect();
  b.setAttribute("data-direction", getComputedStyle(b).direction);
  b.setAttribute("data-body-left", box.left); b.setAttribute("data-body-right", box.right);
  b.setAttribute("data-mark-left", r.left); b.setAttribute("data-mark-right", r.right);
})();</script>"""


@pytest.fixture(scope="module")
def seed_extraction() -> Extraction:
    return Pipeline(ner=NoNER()).extract(SEED.read_text(encoding="utf-8"))


def _entity(text: str, start: int, end: int, type_: str, source: str = "test") -> Entity:
    return Entity(start=start, end=end, text=text[start:end], type=type_, source=source, score=1.0)  # type: ignore[arg-type]


def test_every_entity_is_a_mark_with_its_text(seed_extraction: Extraction) -> None:
    page = render_html(seed_extraction, title="seed")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ar" dir="rtl">' in page
    assert '<meta charset="utf-8">' in page and "<title>seed</title>" in page
    marks = MARK.findall(page)
    assert len(marks) == len(seed_extraction.entities) > 10
    for e, (cls, typ, start, end) in zip(seed_extraction.entities, marks, strict=True):
        assert (cls, typ, int(start), int(end)) == (e.type, e.type, e.start, e.end)
    for e in seed_extraction.entities:
        assert re.search(MARK.pattern + re.escape(html.escape(e.text)) + "</mark>", page), e
    # legend and record tables
    assert 'class="legend"' in page and "ORGANISATION (" in page
    award = seed_extraction.awards[0]
    assert '<table class="awards">' in page and html.escape(award.winner) in page and award.source in page
    assert '<table class="people">' in page and '<table class="metrics">' in page


def test_marked_text_reads_back_as_the_text(seed_extraction: Extraction) -> None:
    body, skipped = highlight(seed_extraction.text, seed_extraction.entities)
    assert skipped == 0
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", body)) == seed_extraction.text


def test_everything_is_escaped() -> None:
    text = 'فازت <script>alert("x")</script> & شركة "الأمل" بجائزة'
    start = text.index("<script>")
    ex = Extraction(text=text, entities=(_entity(text, start, start + 8, "ORGANISATION", source='<b>"src"</b>'),))
    page = render_html(ex, title="<i>title</i>")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page and "&lt;i&gt;title&lt;/i&gt;" in page


def test_nested_and_crossing_entities() -> None:
    text = "جائزة الشيخ زايد للكتاب"
    outer = _entity(text, 0, len(text), "AWARD")
    inner = _entity(text, 6, 16, "PERSON")
    crossing = _entity(text, 12, 20, "LOCATION")
    body, skipped = highlight(text, [inner, outer, crossing])
    assert skipped == 1
    assert body.count("<mark") == 2 and body.index('data-type="AWARD"') < body.index('data-type="PERSON"')
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", body)) == text
    assert "1 overlapping entities not highlighted" in render_html(
        Extraction(text=text, entities=(outer, inner, crossing)))


def test_empty_extraction() -> None:
    page = render_html(Extraction(text="no Arabic here"))
    assert "<mark" not in page and "no Arabic here" in page


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium binary on PATH (tried: " + ", ".join(CHROMIUM_NAMES)
                + "); install it with `apt-get install -y chromium`")


def _run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--window-size=1200,2000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_headless_chromium_renders_right_to_left(seed_extraction: Extraction, tmp_path: Path) -> None:
    binary = _chromium()
    page = tmp_path / "seed.html"
    page.write_text(render_html(seed_extraction, title="seed").replace("</body>", PROBE + "</body>"),
                    encoding="utf-8")
    url = page.as_uri()

    png = tmp_path / "seed.png"
    shot = _run_chromium(binary, tmp_path / "profile-shot", f"--screenshot={png}", url)
    assert png.is_file(), shot.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real page, not a blank one
    assert int.from_bytes(data[16:20], "big") == 1200  # IHDR width

    dom = _run_chromium(binary, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    out = dom.stdout
    assert re.search(r'<html[^>]*dir="rtl"', out)
    assert len(re.findall(r"<mark\b", out)) == len(seed_extraction.entities)
    body = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', re.search(r"<body[^>]*>", out).group(0)))
    assert body["direction"] == "rtl"
    left, right = float(body["body-left"]), float(body["body-right"])
    # the first entity (5 characters into the text) sits at the right end of the first line
    assert float(body["mark-right"]) <= right
    assert float(body["mark-right"]) > left + 0.8 * (right - left), body
