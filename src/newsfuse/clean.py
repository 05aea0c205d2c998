"""Page chrome out of plain text, line by line, with the record of what went and why.

``clean_source`` drops lines that are page furniture (players, share bars, newsletter and
comment prompts, copyright lines, bylines, author bios, section labels, ...), records each
as ``Removed(text, why)``, and takes a headline-like first line as the title when the
source has none. It is conservative: a line is removed only when a rule made for that kind
of chrome matches the whole line and the line is short; prose stays. ``mark_duplicates``
flags sources whose cleaned text repeats an earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsfuse.model import Removed, Source

_I = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """A chrome line: ``pattern`` matches the (whitespace-normalised) line, which has at
    most ``max_words`` words; ``outlet`` names the outlet the line reveals, if any."""

    why: str
    pattern: re.Pattern[str]
    max_words: int
    outlet: str | None = None


def _rule(
    why: str, pattern: str, max_words: int, outlet: str | None = None, flags: int = _I
) -> Rule:
    return Rule(why, re.compile(pattern, flags), max_words, outlet)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Characters that are HTML artefacts rather than text: no-break and narrow spaces become
# plain spaces (the demo's Washington Post copy is full of them), invisible ones go.
_SPACE_LIKE = str.maketrans(
    {"\xa0": " ", "\u2007": " ", "\u202f": " ", "\u200b": None, "\xad": None, "\ufeff": None}
)

# Word limits below: chrome is short. Each limit sits a little above the longest line of
# that kind in the demo, the Multi-News full-text dev set and common CMS templates; a story
# sentence that happens to match a pattern is almost always longer: the limit is a guard.

# Audio/video player widgets (NPR, CNN, BBC pages): fixed labels and bare timestamps.
PLAYER_CHROME = (
    _rule("player chrome", r"^play (?:live )?(?:radio|audio|video|podcast)$", 4),
    _rule("player chrome", r"^(?:next up|now playing|up next|playing)\s*:?$", 3),
    _rule("player chrome", r"^available on air stations$", 4),
    _rule("player chrome", r"^listen(?: live| now)?(?:\s*[·•|-]\s*\d{1,2}:\d{2})?$", 5),
    _rule("player chrome", r"^listen to (?:this|the) (?:article|story|audio|episode)\b", 10),
    _rule("player chrome", r"^(?:toggle more options|embed|transcript|download|loading\W*)$", 3),
    _rule("player chrome", r"^(?:(?:\d{1,2}:)?\d{1,2}:\d{2}\s*/?\s*)+$", 4),
    _rule("player chrome", r"^media playback is (?:unsupported|not supported) on your device", 9),
)

# Outlet taglines: a line that only names the outlet. These also fill ``outlet``.
OUTLET_LINES = (
    _rule(
        "outlet line",
        r"^(?i:an?) (?P<outlet>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}) (?i:member station)$",
        6,
        flags=0,
    ),
    _rule("outlet line", r"^(?:the )?associated press$", 3, outlet="The Associated Press"),
    _rule("outlet line", r"^reuters$", 1, outlet="Reuters"),
    _rule("outlet line", r"^(?:afp|agence france-presse)$", 2, outlet="AFP"),
)

# Bylines on a line of their own: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
# Case-sensitive: names are capitalised, and lowercased text keeps its "by ..." lines.
_NAME = r"(?:[A-Z][\w'.-]+ ){0,3}[A-Z][\w'.-]+"
BYLINES = (
    _rule(
        "byline",
        rf"^(?:By|BY):? {_NAME}(?:(?: and |, | & ){_NAME})*(?:(?:\s*[,|/-]\s*| of | for )"
        r"[\w .'&-]+)?$",
        12,
        flags=0,
    ),
)

# Lines that are only a date or time stamp ("Updated 10:32 AM ET, Thu October 8, 2015"),
# checked word by word by ``_is_date_line``.
_MONTHS = _wordset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april "
    "june july august september october november december"
)
_DATE_WORDS = _MONTHS | _wordset(
    "updated published posted last modified on at am pm a.m. p.m. et est edt gmt utc bst "
    "cet pt pst pdt ct cdt mon tue wed thu fri sat sun monday tuesday wednesday thursday "
    "friday saturday sunday"
)
DATE_LINE_MAX_WORDS = 12  # "Updated 10:32 AM ET, Thursday, October 8, 2015" is 9
_DATE_NUMBER = re.compile(r"^\d{1,4}(?:[:/.-]\d{1,4}){0,2}(?:st|nd|rd|th|am|pm)?:?$")
_DATE_LINE = Rule("date line", re.compile(""), DATE_LINE_MAX_WORDS)

# Newsletter and subscription prompts.
NEWSLETTER_PROMPTS = (
    _rule("newsletter prompt", r"^(?:please )?subscribe\b", 12),
    _rule(
        "newsletter prompt",
        r"^(?:sign up|signup|register|join|get)\b.*\b(?:newsletters?|inbox|e-?mail alerts|"
        r"updates|latest coverage|free)\b",
        25,
    ),
    _rule("newsletter prompt", r"^.{0,60}\bnewsletters?\b.*\b(?:sign up|subscribe|inbox)\b", 25),
    _rule("newsletter prompt", r"^(?:already a subscriber|become a (?:member|subscriber))\b", 12),
)

# Comment-section prompts. Only the prompt shapes: "declined to comment" is news.
COMMENT_PROMPTS = (
    _rule(
        "comment prompt",
        r"^(?:leave|post|add|write|view|show|hide|load|read|see) (?:a |the |all |your )?"
        r"(?:\d+ )?(?:comments?|reply|replies)\b",
        8,
    ),
    _rule("comment prompt", r"^(?:\d+ )?(?:comments?|replies)(?: \(\d+\))?\s*:?$", 3),
    _rule("comment prompt", r"^your email address will not be published\b", 20),
    _rule("comment prompt", r"^required fields are marked\b", 8),
    _rule("comment prompt", r"\b(?:issues|problems|trouble) (?:with )?commenting\b", 20),
    _rule(
        "comment prompt",
        r"^(?:you must be )?(?:log(?:ged)?|sign(?:ed)?) in to (?:post a )?comment\b",
        12,
    ),
    _rule("comment prompt", r"^(?:comments are closed|join the (?:conversation|discussion))", 10),
)

# Copyright and rights lines ("Copyright 2021 NPR. To see more, visit", "© 2015 Reuters").
COPYRIGHT_LINES = (
    _rule("copyright line", r"^(?:copyright\s*)?(?:©|\(c\)\s*\d{4})", 25),
    _rule("copyright line", r"^copyright\s+(?:©\s*)?\d{4}\b", 25),
    _rule("copyright line", r"\ball rights reserved\b", 25),
    _rule(
        "copyright line",
        r"\bmay not be (?:re)?published, broadcast, rewritten,? or redistributed\b",
        25,
    ),
)

# Share bars: "Share this:", "Facebook Twitter Email", "Click to share on X (Opens in new
# window)". A line made only of network and share words is a share bar.
_SHARE_WORDS = (
    r"facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|tumblr|share|"
    r"shares|tweet|messenger|copy link|google\+|pocket|flipboard|telegram|sms|mail|more|this|"
    r"digg|delicious|stumbleupon|bookmark with"
)
SHARE_BARS = (
    _rule("share bar", rf"^(?:(?:{_SHARE_WORDS})[\s:,|·•/]*)+$", 12),
    _rule("share bar", r"^share (?:this|on|via|the|article|story|page|with)\b", 10),
    _rule("share bar", r"^click to (?:share|email|print|tweet)\b", 12),
    _rule("share bar", r"^read or share this story\b", 10),
    _rule(
        "share bar",
        r"^follow (?:us|me|him|her|them|(?:\w+ ){0,2}\w+) on (?:twitter|facebook|instagram|x)\b",
        14,
    ),
    _rule("share bar", r"^(?:for [^,]{0,60}, )?follow @\w+\W*$", 15),
)

# Advertising slots and "continue reading" breaks.
ADVERTISEMENTS = (
    _rule(
        "advertisement",
        r"^(?:advertisement|advertising|ad|sponsored(?: content)?|paid content|promoted"
        r"(?: content)?|story continues below(?: advertisement)?|continue reading(?: the)?"
        r"(?: main)? ?(?:story|article)?(?: below)?|scroll to continue(?: with content)?|"
        r"story continued below)\W*$",
        6,
    ),
    _rule("advertisement", r"^(?:photo |video )?advertisement continue reading the main story$", 7),
)

# "Related: ...", "Read more: ..." link lines and bare "Related Stories" headings.
RELATED_LINKS = (
    _rule(
        "related link",
        r"^(?:related|read more|see also|also read|read also|more|recommended|watch|"
        r"related (?:coverage|stories|articles|content|links)|more on this(?: story)?|"
        r"you may also like|most popular|trending)\s*[:>»]\s*\S",
        25,
    ),
    _rule(
        "related link",
        r"^(?:related(?: (?:coverage|stories|articles|content|links))?|read more|"
        r"you may also like|more stories|most popular|recommended(?: for you)?|"
        r"latest headlines|top stories|more from [\w.'-]+(?: [\w.'-]+)?)\W*$",
        4,
    ),
)

# Photo credits: "(Photo: ...)", "Photo by ...", "Getty Images", "(AP Photo/Vahid Salemi)".
PHOTO_CREDITS = (
    _rule(
        "photo credit",
        r"^\(?(?:photo|photograph|image|picture|credit|photo credit|image source|"
        r"image copyright)s?(?: by)?\s*[:/]",
        25,
    ),
    _rule("photo credit", r"^\(?(?:photo|image) by\b", 12),
    _rule("photo credit", r"^(?:photos?|videos?|images?|pictures?)$", 1),
    _rule("photo credit", r"^(?:enlarge this image )?(?:toggle|hide|image) caption\b", 12),
    _rule(
        "photo credit",
        r"^\(?(?:[\w .'-]+/)?(?:getty images|ap photo|afp|reuters|epa|istock(?:photo)?|"
        r"shutterstock)(?:/[\w .'-]+)*\)?$",
        8,
    ),
)

# Cookie banners and script/ad-blocker walls.
_WALL = "cookie or script wall"
COOKIE_WALLS = (
    _rule(_WALL, r"^(?:we|this (?:web)?site|our (?:web)?site|this page) uses? cookies\b", 45),
    _rule(_WALL, r"^by (?:continuing|using|clicking|browsing)\b.*\b(?:cookies|privacy policy)", 45),
    _rule(_WALL, r"^(?:accept|reject|allow|manage)\b.*\bcookies?\b", 6),
    _rule(_WALL, r"^cookie (?:policy|settings|preferences|consent)\b", 8),
    _rule(_WALL, r"^(?:please |you (?:need|must) to )?(?:enable|turn on) javascript\b", 30),
    _rule(_WALL, r"\bjavascript (?:is|seems to be) (?:disabled|turned off|required)\b", 30),
    _rule(_WALL, r"^your browser does not support\b", 15),
    _rule(_WALL, r"^(?:please )?(?:disable|turn off|pause) (?:your )?ad[ -]?blocker\b", 20),
)

# Lines without a letter or digit: rules ("___"), stray bullets, lone punctuation.
SEPARATOR_LINES = (_rule("separator line", r"^[\W_]+$", 5),)

LINE_RULES: tuple[Rule, ...] = (
    SEPARATOR_LINES
    + PLAYER_CHROME
    + OUTLET_LINES
    + BYLINES
    + NEWSLETTER_PROMPTS
    + COMMENT_PROMPTS
    + COPYRIGHT_LINES
    + SHARE_BARS
    + ADVERTISEMENTS
    + RELATED_LINKS
    + PHOTO_CREDITS
    + COOKIE_WALLS
)

# Author bio as the last paragraph: "Eyder Peralta is NPR's East Africa correspondent
# based in Nairobi, Kenya." A name, is/was, and a newsroom job. 40 words covers the
# longest bios in the dev set; a bio is never a long paragraph.
AUTHOR_BIO = re.compile(
    r"^(?!The )(?:[A-Z][\w'.-]+ ){1,3}[A-Z][\w'.-]+ "
    r"(?:(?:is|was|has been) (?:(?i:a|an|the)|[\w.]+['’]s)\b.{0,120}?\b"
    r"(?:correspondent|reporter|editor|writer|journalist|contributor|columnist|producer|"
    r"freelancer?|intern)\b|(?:covers|writes about|writes for|reports on) )"
)
AUTHOR_BIO_MAX_WORDS = 40

# Section labels at the very top: "Syrian War, War and Conflict", "World > Middle East".
# Short, no sentence punctuation, capitalised words joined by commas/separators, and a
# headline after them. 8 words covers the breadcrumbs seen; a headline is usually longer.
SECTION_LABEL = re.compile(
    r"^[A-Z][\w'&-]*(?:(?:\s+|\s*[,>»|/]\s*)(?:and|of|the|&|[A-Z][\w'&-]*))*$"
)
SECTION_LABEL_MAX_WORDS = 8
# Each category of such a list is a short phrase ("War and Conflict"); a headline with a
# comma has a clause on one side ("Obama, Putin Meet In Paris").
SECTION_PART_MAX_WORDS = 3

# Title detection. A headline has at most 20 words (the longest demo headline has 12, and
# a longer first line is almost always a lede) and does not end like a sentence or a lead-in.
TITLE_MAX_WORDS = 20
# A one-word first line is a label ("Politics"), not a headline.
TITLE_MIN_WORDS = 2
TITLE_BAD_ENDINGS = (".", ":", ";", ",", "-", "—", "–")
# Share of capitalised words (ignoring short function words) that makes a line Title
# Case: the demo headlines score 0.9-1.0, prose 0.1-0.3.
TITLE_CASE_SHARE = 0.6
_MINOR_WORDS = _wordset(
    "a an and as at but by for from in into of on or over the to up vs via with"
)
# Below this share of capitalised words the text has been lowercased (Multi-News
# preprocessed copies: median 0.04, 95th percentile 0.075; real cased articles: 1st
# percentile 0.066, median 0.18), and a short first line is no evidence of a headline.
CASED_TEXT_SHARE = 0.06

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def clean_source(source: Source) -> Source:
    """The source with chrome lines removed (and recorded in ``removed``), a detected
    title and outlet filled in when missing; ``status="empty"`` if nothing is left.
    Sources whose status is not ``used`` pass through unchanged."""
    if source.status != "used":
        return source
    lines = [" ".join(line.translate(_SPACE_LIKE).split()) for line in source.text.split("\n")]
    why: list[str | None] = [None] * len(lines)
    outlet = source.outlet
    for i, line in enumerate(lines):
        rule = _match_rule(line)
        if rule is not None:
            why[i] = rule.why
            outlet = outlet or _outlet_of(rule, line)
    _mark_section_labels(lines, why)
    _mark_author_bio(lines, why)
    title = source.title
    if title is None:
        at = _title_line(lines, why)
        if at is not None:
            title, lines[at] = lines[at], ""
    removed = tuple(Removed(text=lines[i], why=w) for i, w in enumerate(why) if w)
    text = _join([line for line, w in zip(lines, why, strict=True) if w is None])
    return replace(
        source,
        text=text,
        title=title,
        outlet=outlet,
        removed=removed,
        status="used" if text else "empty",
    )


def mark_duplicates(sources: Sequence[Source]) -> list[Source]:
    """Sources in order; a used source whose cleaned text (whitespace-normalised,
    casefolded) equals an earlier used source's gets ``status="duplicate"``."""
    seen: set[str] = set()
    out: list[Source] = []
    for source in sources:
        if source.status == "used":
            key = " ".join(source.text.split()).casefold()
            if key in seen:
                source = replace(source, status="duplicate", error=None)
            seen.add(key)
        out.append(source)
    return out


# --- line rules ------------------------------------------------------------------------


def _match_rule(line: str) -> Rule | None:
    """The first rule the (whitespace-normalised) line matches; blank lines never match."""
    words = len(line.split())
    for rule in LINE_RULES:
        if line and words <= rule.max_words and rule.pattern.search(line):
            return rule
    return _DATE_LINE if line and _is_date_line(line) else None


def _outlet_of(rule: Rule, line: str) -> str | None:
    found = rule.pattern.search(line)
    return rule.outlet or (found.groupdict().get("outlet") if found else None)


def _is_date_line(line: str) -> bool:
    """Only date/time words and numbers, with a month or a numeric date among them."""
    tokens = [t.strip(",.()") for t in line.lower().replace(",", " ").split()]
    tokens = [t for t in tokens if t and t not in ("-", "—", "·", "|", ":")]
    if not tokens or len(tokens) > DATE_LINE_MAX_WORDS:
        return False
    if not all(t.rstrip(":") in _DATE_WORDS or _DATE_NUMBER.match(t) for t in tokens):
        return False
    has_month = any(t.rstrip(".") in _MONTHS for t in tokens)
    has_date = any(re.match(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$", t) for t in tokens)
    return has_month or has_date


# --- positional rules -------------------------------------------------------------------


def _content(lines: list[str], why: list[str | None]) -> list[int]:
    """Indices of the lines still in the text and not blank."""
    return [i for i, line in enumerate(lines) if line and why[i] is None]


def _mark_section_labels(lines: list[str], why: list[str | None]) -> None:
    """A category label or breadcrumb as the first line, with a headline right after."""
    kept = _content(lines, why)
    if len(kept) < 3:
        return
    first, second = lines[kept[0]], lines[kept[1]]
    n_words = len(first.split())
    shaped = n_words <= SECTION_LABEL_MAX_WORDS and bool(SECTION_LABEL.match(first))
    parts = re.split(r"\s*[,>»|/]\s*", first)
    # A list of short categories or a breadcrumb, not a headline with a comma in it.
    listy = (len(parts) > 1 or n_words <= 2) and all(
        len(p.split()) <= SECTION_PART_MAX_WORDS for p in parts
    )
    if shaped and listy and _looks_like_title(second, cased=True):
        why[kept[0]] = "section label"


def _mark_author_bio(lines: list[str], why: list[str | None]) -> None:
    """A short "<Name> is <outlet>'s ... correspondent" as the last paragraph."""
    kept = _content(lines, why)
    if len(kept) < 2:
        return
    last = " ".join(lines[kept[-1]].split())
    if len(last.split()) <= AUTHOR_BIO_MAX_WORDS and AUTHOR_BIO.match(last):
        why[kept[-1]] = "author bio"


# --- title ------------------------------------------------------------------------------


def _title_line(lines: list[str], why: list[str | None]) -> int | None:
    """Index of the first kept line if it looks like a headline and a body follows."""
    kept = _content(lines, why)
    if len(kept) < 2:
        return None
    words = _WORD.findall(" ".join(lines[i] for i in kept))
    capitalised = sum(w[0].isupper() for w in words) / max(len(words), 1)
    if capitalised < CASED_TEXT_SHARE / 2:
        return None  # lowercased text: no case evidence at all
    at = kept[0]
    following = [j for j in range(at + 1, len(lines)) if why[j] is None]
    blank_after = bool(following) and not lines[following[0]]
    cased = capitalised >= CASED_TEXT_SHARE
    if _looks_like_title(lines[at], cased=False) or (
        cased and blank_after and _looks_like_title(lines[at], cased=True)
    ):
        return at
    return None


def _looks_like_title(line: str, *, cased: bool) -> bool:
    """Headline shape: short, not ending like a sentence or a lead-in, not starting in
    lower case; and Title Case unless ``cased`` (a blank line after it marks a heading)."""
    if not TITLE_MIN_WORDS <= len(line.split()) <= TITLE_MAX_WORDS:
        return False
    if line.rstrip("\"'”’)]").endswith(TITLE_BAD_ENDINGS):
        return False
    if line[0].isalpha() and not line[0].isupper():
        return False
    if cased:
        return True
    content: list[str] = [w for w in _WORD.findall(line) if w.lower() not in _MINOR_WORDS]
    if not content:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= TITLE_CASE_SHARE


def _join(lines: list[str]) -> str:
    """Kept lines joined by newlines, runs of blank lines collapsed to one, stripped."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
