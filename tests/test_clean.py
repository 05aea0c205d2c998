"""clean: chrome out with a record of what and why; story text, titles, outlets right."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.clean import clean_source, mark_duplicates
from newsfuse.ingest import read_paths
from newsfuse.model import Removed, Source

DEMO = Path(__file__).parent.parent / "examples" / "missiles"


def src(text: str, **kw: object) -> Source:
    return Source(index=0, name="t.txt", text=text, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo() -> list[Source]:
    return [clean_source(s) for s in read_paths([str(DEMO)])]


# --- the demo cluster --------------------------------------------------------------------

DEMO_REMOVED = [
    [
        Removed("An NPR member station", "outlet line"),
        Removed("Play Live Radio", "player chrome"),
        Removed("Next Up:", "player chrome"),
        Removed("0:00 0:00", "player chrome"),
        Removed("Available On Air Stations", "player chrome"),
        Removed("Copyright 2021 NPR. To see more, visit", "copyright line"),
        Removed(
            "Eyder Peralta is NPR's East Africa correspondent based in Nairobi, Kenya.",
            "author bio",
        ),
    ],
    [
        Removed("The Associated Press", "outlet line"),
        Removed("Please let us know if you're having issues with commenting.", "comment prompt"),
    ],
    [],
    [
        Removed("Subscribe to Latin Post!", "newsletter prompt"),
        Removed("Sign up for our free newsletter for the Latest coverage!", "newsletter prompt"),
    ],
    [
        Removed("Syrian War, War and Conflict", "section label"),
        Removed("Leave a Comment", "comment prompt"),
        Removed(
            "Your email address will not be published. Required fields are marked *",
            "comment prompt",
        ),
    ],
]

DEMO_TITLES = [
    "U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran",
    "Report: Russia Crashes Syria-Bound Missiles into Iran",
    "Russian Missiles Aimed At Syria Reportedly Hit Iran",
    "Russia, Syria News: Russian Cruise Missiles Land in Iran, Pentagon Says",
    "US Claims Russian Missiles Hit Iran Instead of Syria",
]

# Real sentences of the stories, including short lead-ins that look a little like chrome.
DEMO_KEPT = [
    [
        "Michele reports:",
        "Tom reports that the missiles landed in a rural area of Iran.",
        "CNN, which first reported the story, said it is still unclear if they caused any "
        "damage. The network reports:",
        "The New York Times reports that official state media in Iran also cast doubt on the "
        "American claim. The paper reports:",
        "In a post on Facebook, the Russian Ministry of Defense said that they make all their "
        "missile strikes public in near real time.",
        "prolonging Syria's civil war.\"",
    ],
    [
        "At least four Russian missiles reportedly crashed into Iran instead of Syria.",
        "From Military Times:",
        "I don’t know if they will.”",
    ],
    [
        "The reports could embarrass the Russian government.",
        "It is not clear if there were any Iranian casualties from the bombing.",
        "A Pentagon spokesperson declined to comment on the incident.",
        "The Iranian and Russian governments did not immediately respond to request for comment.",
    ],
    [
        "Days after Russia commenced its attack on ISIS targets in Syria",
        "Images of the damage caused by the Russian missiles can be seen on Conflict News’ "
        "Twitter account.",
    ],
    [
        "On Thursday, US officials said that four Russian missiles",
        "The US believes that the Russian campaign is directed at rebels against Assad and not "
        "the Islamic State",
    ],
]


def test_demo_titles(demo: list[Source]) -> None:
    assert [s.title for s in demo] == DEMO_TITLES
    for s in demo:  # the title lives in title, not in the text or the removed record
        assert s.title is not None and s.title not in s.text
        assert s.title not in [r.text for r in s.removed]


def test_demo_outlets(demo: list[Source]) -> None:
    assert [s.outlet for s in demo] == ["NPR", "The Associated Press", None, None, None]


@pytest.mark.parametrize("i", range(5))
def test_demo_chrome_removed_with_reasons(demo: list[Source], i: int) -> None:
    assert list(demo[i].removed) == DEMO_REMOVED[i]
    for r in demo[i].removed:
        assert r.text not in demo[i].text


@pytest.mark.parametrize("i", range(5))
def test_demo_story_sentences_kept(demo: list[Source], i: int) -> None:
    for sentence in DEMO_KEPT[i]:
        assert sentence in demo[i].text


@pytest.mark.parametrize("i", range(5))
def test_demo_every_story_line_kept(demo: list[Source], i: int) -> None:
    """Nothing but the recorded lines and the title leaves the text."""
    raw = read_paths([str(sorted(DEMO.glob("*.txt"))[i])])[0].text
    kept = set(demo[i].text.split("\n"))
    gone = {r.text for r in demo[i].removed} | {demo[i].title}
    for line in raw.split("\n"):
        line = " ".join(line.split())
        assert not line or line in kept or line in gone, line


def test_demo_text_shape(demo: list[Source]) -> None:
    for s in demo:
        assert s.status == "used"
        assert s.text == s.text.strip()
        assert "\n\n\n" not in s.text
        assert "\xa0" not in s.text  # no-break spaces from the page are plain spaces
    assert demo[0].text.startswith("Russian cruise missiles that were fired from warships")
    assert "\n\n" in demo[0].text  # paragraphs stay paragraphs
    assert demo[3].text.count("\n") == 8  # single-newline paragraphs stay as they were


# --- chrome families beyond the demo -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Play Video", "player chrome"),
        ("Now Playing", "player chrome"),
        ("Listen · 3:45", "player chrome"),
        ("1:02 / 4:10", "player chrome"),
        ("A KQED member station", "outlet line"),
        ("Associated Press", "outlet line"),
        ("By Tom Bowman and Eyder Peralta", "byline"),
        ("By Hayes Hickman of the Knoxville News Sentinel", "byline"),
        ("Updated 10:32 AM ET, Thu October 8, 2015", "date line"),
        ("Subscribe now for unlimited access", "newsletter prompt"),
        ("Get the latest headlines delivered to your inbox every morning", "newsletter prompt"),
        ("Leave a Reply", "comment prompt"),
        ("32 Comments", "comment prompt"),
        ("You must be logged in to post a comment.", "comment prompt"),
        ("© 2015 Reuters. All rights reserved.", "copyright line"),
        ("Copyright 2015 The Associated Press. All rights reserved.", "copyright line"),
        ("Share this:", "share bar"),
        ("Facebook Twitter Email", "share bar"),
        ("Click to share on Twitter (Opens in new window)", "share bar"),
        ("Follow us on Twitter", "share bar"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Related: What we know about the Kalibr cruise missile", "related link"),
        ("Read more: Russia expands its campaign in Syria", "related link"),
        ("(Photo: Vahid Salemi/AP)", "photo credit"),
        ("Getty Images", "photo credit"),
        ("John Moore/Getty Images", "photo credit"),
        ("We use cookies to improve your experience on our site.", "cookie or script wall"),
        (
            "Please enable JavaScript to view the comments powered by Disqus.",
            "cookie or script wall",
        ),
        ("___", "separator line"),
    ],
)
def test_chrome_line_removed(line: str, why: str) -> None:
    text = f"Missiles hit Iran.\n\n{line}\n\nMoscow denied the report."
    out = clean_source(src(text, title="Missiles"))
    assert list(out.removed) == [Removed(line, why)]
    assert out.text == "Missiles hit Iran.\n\nMoscow denied the report."


@pytest.mark.parametrize(
    "line",
    [
        "Michele reports:",
        "From Military Times:",
        "A Pentagon spokesperson declined to comment on the incident.",
        "Readers who subscribe to the paper's print edition were told on Thursday that the "
        "missiles had crashed in a rural part of Iran, far from any town.",
        "The copyright dispute over the footage of the launch went to court in Moscow.",
        "Share prices of Russian defense firms fell on Thursday.",
        "Related reports from Tehran described a large crater near the town.",
        "The Associated Press reported that four missiles crashed.",
        "By Thursday evening, the ministry had posted videos of the launches.",
        "More than 26 missiles were fired, officials said.",
        "Advertisements for the new missile ran on Russian state television.",
        "Photo evidence of the crash has not been released.",
        "We use the word 'crash' loosely, the spokesman said.",
        "Getty Images photographers were not allowed near the site.",
        "Iran has also backed the Syrian government in its four-year campaign.",
    ],
)
def test_story_line_kept(line: str) -> None:
    text = f"Missiles hit Iran.\n\n{line}\n\nMoscow denied the report."
    out = clean_source(src(text, title="Missiles"))
    assert out.removed == ()
    assert line in out.text


def test_author_bio_only_at_the_end() -> None:
    bio = "Jane Doe is The Example Post's Moscow correspondent."
    at_end = clean_source(src(f"Missiles hit Iran.\n\n{bio}", title="T"))
    assert at_end.removed == (Removed(bio, "author bio"),)
    in_middle = clean_source(src(f"Missiles hit Iran.\n\n{bio}\n\nMoscow denied it.", title="T"))
    assert in_middle.removed == ()


def test_section_label_needs_a_headline_after_it() -> None:
    label = "World, Middle East"
    out = clean_source(src(f"{label}\n\nMissiles Hit Iran\n\nFour missiles crashed in Iran."))
    assert (out.title, out.removed) == ("Missiles Hit Iran", (Removed(label, "section label"),))
    # A headline with a comma is a headline, not a category list.
    out = clean_source(src("Obama, Putin Meet In Paris\n\nThe two leaders met on Monday."))
    assert out.title == "Obama, Putin Meet In Paris" and out.removed == ()


# --- titles ------------------------------------------------------------------------------


def test_sentence_case_headline_followed_by_blank_line() -> None:
    out = clean_source(src("Russian missiles reportedly hit Iran\n\nFour missiles crashed."))
    assert out.title == "Russian missiles reportedly hit Iran"
    assert out.text == "Four missiles crashed."


def test_existing_title_is_kept_and_first_line_stays() -> None:
    out = clean_source(src("Missiles Hit Iran\n\nFour missiles crashed.", title="Given"))
    assert out.title == "Given"
    assert out.text.startswith("Missiles Hit Iran")


def test_no_title_from_a_sentence_or_lead_in() -> None:
    for first in ("Four missiles crashed in Iran on Thursday.", "Michele reports:"):
        out = clean_source(src(f"{first}\n\nMoscow denied the report."))
        assert out.title is None and out.text.startswith(first)


def test_single_line_article_keeps_its_line() -> None:
    out = clean_source(src("Russian Missiles Hit Iran"))
    assert (out.title, out.text, out.status) == (None, "Russian Missiles Hit Iran", "used")


def test_lowercased_multinews_text_passes_unharmed() -> None:
    text = (
        "washington ( cnn ) a number of russian missiles fired at targets in syria crashed in "
        "iran , u.s. officials say\n\n"
        "one official said there may be casualties , but another said this is not yet known\n\n"
        "share prices in moscow fell\n\n"
        "the pentagon declined to comment , and readers who subscribe to the paper were told "
        "more on thursday"
    )
    out = clean_source(src(text))
    assert out.title is None
    assert out.removed == ()
    assert out.text == text


# --- status, pass-through, duplicates ----------------------------------------------------


def test_only_chrome_becomes_empty() -> None:
    out = clean_source(src("Play Live Radio\nNext Up:\n\nAdvertisement\n"))
    assert out.status == "empty" and out.text == ""
    assert [r.why for r in out.removed] == ["player chrome", "player chrome", "advertisement"]


def test_non_used_sources_pass_through() -> None:
    for s in (
        Source(0, "a", "", status="unreadable", error="no such file"),
        Source(1, "b", "  ", status="empty"),
        Source(2, "c", "Play Live Radio\nText.", status="duplicate"),
    ):
        assert clean_source(s) is s


def test_blank_runs_collapse_and_outer_blanks_strip() -> None:
    text = "\n\nFirst para.\n\n\n\n\nAdvertisement\n\n\nSecond para.\n\n"
    out = clean_source(src(text, title="T"))
    assert out.text == "First para.\n\nSecond para."


def test_mark_duplicates() -> None:
    a = Source(0, "a", "Missiles hit Iran.\n\nMoscow denied it.")
    b = Source(1, "b", "missiles hit  IRAN. Moscow denied it.")
    c = Source(2, "c", "Something else.")
    d = Source(3, "d", "", status="unreadable", error="no such file")
    e = Source(4, "e", "", status="unreadable", error="HTTP 404")
    out = mark_duplicates([a, b, c, d, e])
    assert [s.status for s in out] == ["used", "duplicate", "used", "unreadable", "unreadable"]
    assert out[1].text == b.text and out[1].error is None
    assert out[4].error == "HTTP 404"


def test_demo_has_no_duplicates(demo: list[Source]) -> None:
    assert all(s.status == "used" for s in mark_duplicates(demo))
