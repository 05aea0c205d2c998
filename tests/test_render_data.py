"""Reports the render tests share, built by hand from the demo cluster (examples/missiles).

Offsets are computed from the texts, so each summary sentence and mention is exactly
``sources[source].text[start:end]`` as CONTRACT.md requires; the tests below check that.
"""

from __future__ import annotations

from dataclasses import replace

from newsfuse.model import (
    Disagreement,
    Entity,
    Fact,
    Mention,
    Removed,
    Report,
    Side,
    Source,
    Summary,
    SummarySentence,
    UniqueDetail,
)

NPR = (
    "Russian cruise missiles that were fired from warships in the Caspian sea and were "
    "intended to hit Syrian targets crashed in Iran, instead, a U.S. official tells NPR's Tom "
    "Bowman.\n\n"
    "Tom reports that the missiles landed in a rural area of Iran.\n\n"
    '"Monitoring by U.S. military and intelligence assets has concluded that at least four '
    "missiles crashed as they flew over Iran. One official said there may be casualties, but "
    "another official said this is not yet known.\n\n"
    "\"The Russians have been firing a relatively new cruise missile called 'Kaliber,' using "
    'it for the first time in combat."'
)
AP = (
    "At least four Russian missiles reportedly crashed into Iran instead of Syria. The "
    "Russian government launched 26 rockets from the Caspian Sea on Wednesday.\n\n"
    "Two U.S. officials relayed this information to CNN on Thursday. No one has confirmed "
    "casualties, but one source said “there may be” a few.\n\n"
    "Shoigu told the audience that four ships have launched 26 rockets so far. An official "
    "told FOX News that it is the first time that ships in the Caspian Sea fired Kaliber "
    "cruise missiles. Russia has a small air force capable of striking harder than a Kalibr "
    "cruise missile can."
)
HUFFPOST = (
    "Russian cruise missiles aimed at Syria reportedly landed in Iran on Thursday.\n\n"
    "From the Caspian Sea, the clearest path for the missiles to reach Syria would be by "
    "crossing over both Iran and Iraq. The officials told CNN that Russia is testing out its "
    "Kaliber missiles in combat for the first time.\n\n"
    "It is not clear if there were any Iranian casualties from the bombing."
)
LATIN_POST = (
    "According to CNN, two U.S. officials informed the news agency that at least four "
    "missiles crashed as they flew over Iran. One of the officials said there might be "
    "casualties, while the other official said this was not actually known.\n"
    "The Russian Defense Ministry has taken to Facebook to reject CNN’s reports, saying, "
    "\"Unlike CNN, we don't quote anonymous sources, but we show launches of our missiles "
    'and the targets they hit in real-time."'
)
FOURTH = (
    "On Thursday, US officials said that four Russian missiles that had been fired off from "
    "the Caspian Sea landed in a rural area of Iran, falling short of their Syrian target. "
    "These errant missiles were part of the 26 long range cruise missiles that had been "
    "launched by the Russians from ships in the Caspian Sea a day before. Kalibir cruise "
    "missiles were fired by the Russians, which hadn’t been used in combat conditions.\n\n"
    "According to a US official, there had been no detection of any damage or casualties "
    "from this strike.\n\n"
    "A large scale military operation was launched in northwestern and central part of Syria "
    "by the country’s troops."
)

# Markup, attribute breaks and script addresses, for the escaping tests.
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"
HOSTILE = f"{SCRIPT} {IMG} [x]({JS}) **b** _i_ | # &amp;"

UNREADABLE_ERROR = "not UTF-8 text (byte 0x89 at offset 0): is it an image?"


def span(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text`` (it must be there)."""
    start = text.index(phrase)
    return start, start + len(phrase)


def sentence(
    sources: tuple[Source, ...], source: int, phrase: str, *support: int
) -> SummarySentence:
    start, end = span(sources[source].text, phrase)
    return SummarySentence(phrase, source, start, end, tuple(sorted({source, *support})))


def mention(sources: tuple[Source, ...], source: int, phrase: str) -> Mention:
    start, end = span(sources[source].text, phrase)
    return Mention(source, start, end)


def demo_sources() -> tuple[Source, ...]:
    """The five demo reports, cleaned, plus a duplicate, an unreadable and an empty input."""
    return (
        Source(
            0,
            "000_55c6d7332d1a7199.txt",
            NPR,
            title="U.S. Says Russian Missiles Intended For Syria Have Crashed In Iran",
            outlet="NPR",
            url="https://www.npr.org/sections/thetwo-way/2015/10/08/446889925/",
            published="2015-10-08",
            removed=(
                Removed("An NPR member station", "station banner"),
                Removed("Play Live Radio", "player chrome"),
                Removed("0:00 0:00", "player chrome"),
                Removed("Copyright 2021 NPR. To see more, visit", "copyright"),
            ),
        ),
        Source(
            1,
            "001_10cf2d5013730878.txt",
            AP,
            title="Report: Russia Crashes Syria-Bound Missiles into Iran",
            removed=(
                Removed("Please let us know if you're having issues with commenting.", "comments"),
            ),
        ),
        Source(
            2,
            "002_c2875ebb19e3dd30.txt",
            HUFFPOST,
            title="Russian Missiles Aimed At Syria Reportedly Hit Iran",
            outlet="HuffPost",
        ),
        Source(
            3,
            "003_468bb7355872adab.txt",
            LATIN_POST,
            title="Russia, Syria News: Russian Cruise Missiles Land in Iran, Pentagon Says",
            outlet="Latin Post",
            removed=(
                Removed("Subscribe to Latin Post!", "newsletter prompt"),
                Removed(
                    "Sign up for our free newsletter for the Latest coverage!", "newsletter prompt"
                ),
            ),
        ),
        Source(
            4,
            "004_1c765ed5a3505be5.txt",
            FOURTH,
            title="US Claims Russian Missiles Hit Iran Instead of Syria",
            removed=(
                Removed("Syrian War, War and Conflict", "section label"),
                Removed("Leave a Comment", "comments"),
            ),
        ),
        Source(
            5,
            "005_copy_of_002.txt",
            HUFFPOST,
            title="Russian Missiles Aimed At Syria Reportedly Hit Iran",
            status="duplicate",
        ),
        Source(6, "006_photo.jpg", "", status="unreadable", error=UNREADABLE_ERROR),
        Source(
            7,
            "007_signup.txt",
            "",
            status="empty",
            removed=(Removed("Sign up for our free newsletter!", "newsletter prompt"),),
        ),
    )


def full_report() -> Report:
    """A report with every section filled, as fuse() would give for the demo cluster."""
    sources = demo_sources()
    summary = Summary(
        (
            sentence(
                sources,
                0,
                "Russian cruise missiles that were fired from warships in the Caspian sea and "
                "were intended to hit Syrian targets crashed in Iran, instead, a U.S. official "
                "tells NPR's Tom Bowman.",
                1,
                2,
                3,
                4,
            ),
            sentence(
                sources,
                1,
                "The Russian government launched 26 rockets from the Caspian Sea on Wednesday.",
                4,
            ),
            sentence(
                sources,
                2,
                "The officials told CNN that Russia is testing out its Kaliber missiles in "
                "combat for the first time.",
                0,
            ),
            sentence(
                sources,
                3,
                "The Russian Defense Ministry has taken to Facebook to reject CNN’s reports",
                0,
            ),
        )
    )
    four = "at least four missiles crashed as they flew over Iran."
    facts = (
        Fact(
            "At least four missiles crashed as they flew over Iran.",
            (0, 1, 3),
            (
                mention(
                    sources,
                    0,
                    '"Monitoring by U.S. military and intelligence assets has concluded that '
                    + four,
                ),
                mention(
                    sources,
                    1,
                    "At least four Russian missiles reportedly crashed into Iran instead of Syria.",
                ),
                mention(
                    sources,
                    3,
                    "According to CNN, two U.S. officials informed the news agency that " + four,
                ),
            ),
            attribution="CNN",
        ),
        Fact(
            "The Russian government launched 26 rockets from the Caspian Sea on Wednesday.",
            (1, 4),
            (
                mention(
                    sources,
                    1,
                    "The Russian government launched 26 rockets from the Caspian Sea on Wednesday.",
                ),
                mention(
                    sources,
                    4,
                    "These errant missiles were part of the 26 long range cruise missiles",
                ),
            ),
        ),
    )
    disagreements = (
        Disagreement(
            "claim",
            "casualties",
            (
                Side(
                    "One official said there may be casualties, but another official said this "
                    "is not yet known.",
                    (0, 3),
                    attribution="U.S. officials",
                ),
                Side(
                    "there had been no detection of any damage or casualties from this strike",
                    (4,),
                    attribution="a US official",
                ),
            ),
        ),
        Disagreement(
            "name",
            "cruise missile",
            (Side("Kaliber", (0, 1, 2)), Side("Kalibir", (4,))),
        ),
    )
    entities = (
        Entity(
            "Kalibr",
            "PRODUCT",
            (0, 1, 2, 4),
            {"Kaliber": (0, 1, 2), "Kalibr": (1,), "Kalibir": (4,)},
        ),
        Entity("Sergei Shoigu", "PERSON", (1,)),
    )
    unique = (
        UniqueDetail(
            4,
            "A large scale military operation was launched in northwestern and central part "
            "of Syria by the country’s troops.",
        ),
    )
    return Report(
        sources,
        summary,
        id="missiles-2015-10-08",
        facts=facts,
        disagreements=disagreements,
        entities=entities,
        unique=unique,
    )


def attributed_report() -> Report:
    """The demo report with every part filled: each fact and side says who says it."""
    report = full_report()
    return replace(
        report,
        facts=tuple(replace(f, attribution=f.attribution or "the Pentagon") for f in report.facts),
        disagreements=tuple(
            replace(
                d,
                sides=tuple(replace(s, attribution=s.attribution or "Reuters") for s in d.sides),
            )
            for d in report.disagreements
        ),
    )


def hostile_comparison_report() -> Report:
    """Every comparison field carries markup, attribute breaks and script addresses."""
    sources = (
        Source(0, "a.txt", f"First {HOSTILE} words.", outlet=IMG),
        Source(1, "b.txt", f"Second {HOSTILE} words.", outlet=JS, url=JS),
    )
    a, b = span(sources[0].text, HOSTILE)
    c, d = span(sources[1].text, HOSTILE)
    return Report(
        sources,
        Summary(),
        facts=(Fact(HOSTILE, (0, 1), (Mention(0, a, b), Mention(1, c, d)), attribution=IMG),),
        disagreements=(
            Disagreement("claim", SCRIPT, (Side(IMG, (0,), SCRIPT), Side(JS, (1,), JS))),
        ),
        entities=(Entity(SCRIPT, IMG, (0, 1), {IMG: (0,), JS: (1,)}),),
        unique=(UniqueDetail(1, HOSTILE),),
    )


def minimal_report() -> Report:
    """The smallest valid report: one unreadable input, nothing said about it."""
    return Report(
        (Source(0, "broken.html", "", status="unreadable", error="empty file"),), Summary()
    )


def test_full_report_offsets_are_exact() -> None:
    report = full_report()
    for s in report.summary.sentences:
        assert report.sources[s.source].text[s.start : s.end] == s.text
        assert s.source in s.support
    for fact in report.facts:
        for m in fact.mentions:
            assert m.source in fact.support
            assert 0 <= m.start < m.end <= len(report.sources[m.source].text)


def test_full_report_is_deterministic_to_build() -> None:
    assert full_report() == full_report()
