"""Names merged into entities: the forms of one name, and which are misspellings.

Forms of one name merge when one is a short form of the other ("Carter", "Ash Carter",
"Ashton Carter"; "Assad", "al-Assad"; "US", "U.S.") or a spelling variant ("Kalibr",
"Kaliber", "Kalibir"; "Tekab", "Takab"; "Dickson Wright", "Dickson-Wright"). Spelling
variants are also reported as a ``name`` disagreement; short forms are not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from newsfuse.entities import NameGroup, NameMention
from newsfuse.model import Entity, Sentence
from newsfuse.represent import content_words

# Spelling variants: two words this close (optimal string alignment similarity, 1 -
# edits / longer length; a swap of two letters is one edit) are one name written two
# ways. Tekab/Takab and Morsi/Mursi are 0.8, Linnaeus/Linneaus 0.875; African/American
# (0.75) are two words. Both need this many letters: Iran/Iraq are two countries.
SPELLING_SIMILARITY = 0.78
SPELLING_MIN_LETTERS = 5
_JOINERS = re.compile(r"[\s.\-]")
_ENDINGS = ("ians", "ian", "ans", "an", "ics", "ic", "es", "s", "n")
# Kinds whose near-identical names are different things (Austrian/Australian).
_NOT_SPELLED = frozenset({"NORP"})


def group_names(sentences: Sequence[Sentence], mentions: Sequence[NameMention]) -> list[NameGroup]:
    """Mentions merged into entities, most widely reported first: names in two or more
    sources, or written in more than one form. Nationalities ("Russian") are left out."""
    forms = sorted({m.form for m in mentions})
    parent = {form: form for form in forms}

    def root(form: str) -> str:
        while parent[form] != form:
            form = parent[form]
        return form

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        kinds[m.form][m.kind] += 1
    kind_of = {form: counts.most_common(1)[0][0] for form, counts in kinds.items()}
    for short, long in _short_forms(forms, kind_of):
        join(short, long)
    spelling_pairs = _spelling_variants(forms, kind_of, sentences, mentions)
    for a, b in spelling_pairs:
        join(a, b)
    spelled = {form for pair in spelling_pairs for form in pair}
    members: dict[str, list[NameMention]] = defaultdict(list)
    for mention in mentions:
        members[root(mention.form)].append(mention)
    worth = [
        found
        for found in members.values()
        if len({m.source for m in found}) >= 2 or len({m.form for m in found}) >= 2
    ]
    groups = [
        g for g in map(lambda found: _group(found, spelled), worth) if g.entity.type != "NORP"
    ]
    return sorted(groups, key=lambda g: (-len(g.entity.sources), -len(g.mentions), g.entity.name))


@lru_cache(maxsize=65536)
def _key(form: str) -> str:
    """A form as compared: no accents, dots, hyphens, article prefix or case."""
    plain = unicodedata.normalize("NFKD", form)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = plain.replace(".", "").replace("-", " ").split()
    return " ".join(w for w in words if w.casefold() not in {"al", "el"}).casefold()


def _short_forms(forms: Sequence[str], kind_of: dict[str, str]) -> list[tuple[str, str]]:
    """(short, long) pairs: "Carter" of "Ashton Carter", "Ash Carter" of "Ashton Carter",
    "Assad" of "al-Assad", "US" of "U.S.". A short form that could belong to two
    different people ("Carter" with "Jimmy Carter" and "Ashton Carter") stays apart."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_key[_key(form)].append(form)
    pairs = [(a, b) for same in by_key.values() for a, b in pairwise(same)]
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in by_key:
        if key:
            by_last[key.split()[-1]].append(key)
    for key, same in by_key.items():
        if not key:
            continue
        targets = sorted(
            other
            for other in by_last[key.split()[-1]]
            if _abbreviates(key.split(), other.split())
            and kind_of[by_key[other][0]] in {"PERSON", "OTHER"}
        )
        if targets and _one_person(targets):
            pairs.append((same[0], by_key[max(targets, key=lambda k: (len(k), k))][0]))
    return pairs


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """True if ``short`` is a shorter way to write ``long``: its last words ("Carter",
    "Bashar Assad" of "President Bashar Assad") or the same words with first names cut
    ("Ash Carter")."""
    if short == long or short[-1] != long[-1] or len(short) > len(long):
        return False
    if len(short) == len(long):
        return all(b.startswith(a) for a, b in zip(short, long, strict=True))
    return short == long[len(long) - len(short) :]


def _one_person(keys: list[str]) -> bool:
    """All these full names are one person's (same length, each word a prefix of the
    other's: "ash carter", "ashton carter")."""
    split = [k.split() for k in keys]
    return all(
        len(a) == len(b)
        and all(x.startswith(y) or y.startswith(x) for x, y in zip(a, b, strict=True))
        for a, b in pairwise(split)
    )


def _spelling_variants(
    forms: Sequence[str],
    kind_of: dict[str, str],
    sentences: Sequence[Sentence],
    mentions: Sequence[NameMention],
) -> list[tuple[str, str]]:
    """Pairs of forms that are one name spelled two ways: the same words but one, and that
    one close in spelling (or only hyphenated differently), neither a prefix of the other
    (Russia/Russian), never side by side in one sentence (Iran and Iraq), and said in
    sentences that share another word."""
    where: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        where[m.form].add(m.sentence)
    spelled = [f for f in forms if kind_of[f] not in _NOT_SPELLED]
    pairs = _hyphenations(spelled) + _spelled_apart(spelled)
    context: dict[str, set[str]] = {}

    def words_around(form: str) -> set[str]:
        if form not in context:
            context[form] = {w for i in where[form] for w in content_words(sentences[i].text)}
        return context[form]

    kept = []
    for a, b in pairs:
        if where[a] & where[b]:
            continue
        shared_word = set(a.split()) & set(b.split())  # "Moorehead City", "Morehead City"
        own = set(content_words(a)) | set(content_words(b))
        if shared_word or words_around(a) & words_around(b) - own:
            kept.append((a, b))
    return kept


def _hyphenations(forms: Sequence[str]) -> list[tuple[str, str]]:
    """Forms that differ only in how their words are joined ("Dickson Wright",
    "Dickson-Wright"; "J.C. Penney", "JCPenney"); not forms that differ only in full
    stops ("U.S.", "US"), which are one way of writing."""
    by_letters: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_letters[_JOINERS.sub("", form).casefold()].append(form)
    return [
        (a, b)
        for same in by_letters.values()
        for a, b in pairwise(same)
        if a.replace(".", "").casefold() != b.replace(".", "").casefold()
    ]


def _spelled_apart(forms: Sequence[str]) -> list[tuple[str, str]]:
    """Forms whose words pair up one to one, each pair the same word or two close
    spellings, with a word in common when there are several ("Tekab"/"Takab"; "University
    of Toulouse"/"University of Tolouse"; "Kenya Wildlife Service"/"Kenya Wildflife
    Serive")."""
    words = sorted({w for f in forms for w in _key(f).split() if len(w) >= SPELLING_MIN_LETTERS})
    if len(words) < 2:
        return []
    scores = cdist(words, words, scorer=OSA.normalized_similarity, score_cutoff=SPELLING_SIMILARITY)
    close = {
        (words[i], words[j])
        for i, j in zip(*scores.nonzero(), strict=True)
        if i < j and not _inflected(words[i], words[j])
    }
    containing: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for form in forms:
        key = _key(form).split()
        for word in set(key):
            containing[word].append((form, key))
    pairs = set()
    for a, b in sorted(close):
        for form_a, key_a in containing[a]:
            for form_b, key_b in containing[b]:
                if form_a == form_b:
                    continue
                if len(key_a) != len(key_b):
                    # "Holtmzan" against "Andy Holtzman": a surname misspelt alone.
                    alone = min(len(key_a), len(key_b)) == 1
                    if alone and {key_a[-1], key_b[-1]} == {a, b}:
                        pairs.add((min(form_a, form_b), max(form_a, form_b)))
                    continue
                same = [x == y for x, y in zip(key_a, key_b, strict=True)]
                spelled = all(
                    x == y or (min(x, y), max(x, y)) in close
                    for x, y in zip(key_a, key_b, strict=True)
                )
                if spelled and (len(key_a) == 1 or any(same)):
                    pairs.add((min(form_a, form_b), max(form_a, form_b)))
    return sorted(pairs)


def _inflected(a: str, b: str) -> bool:
    """Two forms of one word, not two spellings of one name: a prefix of the other
    (Russia/Russian) or the same stem ("American"/"Americas", "Democrats"/"Democratic")."""
    if a.startswith(b) or b.startswith(a):
        return True
    return bool(_bases(a) & _bases(b))


def _bases(word: str) -> set[str]:
    """The word without each ending it may carry: "american" -> american, americ, america."""
    return {word} | {word[: -len(end)] for end in _ENDINGS if word.endswith(end)}


def _group(found: list[NameMention], spelled: set[str]) -> NameGroup:
    counts = Counter(m.form for m in found)
    kinds = Counter(m.kind for m in found if m.kind != "OTHER")
    kind = kinds.most_common(1)[0][0] if kinds else "OTHER"
    longest = max(len(f.split()) for f in counts)
    name = max((f for f in counts if len(f.split()) == longest), key=lambda f: (counts[f], f))
    sources_of: dict[str, set[int]] = defaultdict(set)
    for m in found:
        sources_of[m.form].add(m.source)
    variants = (
        {form: tuple(sorted(sources_of[form])) for form in sorted(counts)}
        if len(counts) > 1
        else {}
    )
    entity = Entity(
        name=name, type=kind, sources=tuple(sorted({m.source for m in found})), variants=variants
    )
    return NameGroup(
        entity=entity,
        mentions=tuple(found),
        spellings=tuple(sorted(form for form in counts if form in spelled)),
    )
