"""How a person is found in free text, and what is written in their place.

A person is recognised by their full name, each of their given and family names, their preferred
name, a title before any of those (Mrs Quillfeather), and a possessive after them (Hoa's, Łukasz’s), in
any case and with or without accents (``validate.fold``, the same folding the search uses), as whole
words, across line breaks. Words that are also titles, name particles or ordinary English words ("Will",
"Dr", "Ó") are found only inside a longer name or after a title, never alone.

The text is split into words once, and each word is looked up in a dictionary of folded name-word
sequences, so the cost grows with the length of the text, not with the number of members.

Two kinds of people go into a matcher: *targets*, whose every form is found, and *kept* people, whose
full name is left alone even where it shares a word with a target ("Tom & Jerry" is kept while another
Tom is hidden). A sequence that is both a target's and a kept person's is a target's: privacy first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..validate import fold

TITLES = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev", "revd", "doctor", "professor", "reverend",
    "sir", "dame", "lady", "lord", "fr", "father", "sister", "brother", "mrs.",
})
# Parts of names that are no name on their own.
PARTICLES = frozenset({
    "al", "el", "bin", "bint", "ibn", "abu", "ben", "bat", "de", "da", "di", "do", "dos", "das", "del", "della",
    "der", "den", "van", "von", "le", "la", "du", "des", "st", "ste", "mac", "mc", "ni", "nic", "ui", "ter",
    "ten", "af", "av", "zu", "y", "e", "o",
})
# English words that are also people's names: hiding them alone would garble ordinary sentences.
_ORDINARY_WORDS = """
a an and the of to in on at by for with from as or but not no so if is it be we us our you he she they his her
will may can could should would might must shall did do does had has have was were are am
june april august summer autumn winter spring dawn sunny rain storm snow sky star sun moon gale
rose grace hope joy faith charity patience prudence constance mercy honour honor unity harmony melody
holly ivy lily daisy heather iris violet amber ruby pearl crystal jade cherry honey poppy hazel olive
mark bill sue pat art jack bob ray rich frank guy drew dean don gene carol nick penny job cliff glen
dale
brook rock stone wood woods hill hills green brown white black grey gray young king long little
marsh baker cook miller bishop page hall church lane field fields ford bell bird fox hunt hunter chase
cash price love star angel major noble wise sharp hart moss reed rush clay well wells bay bank banks
cross gate wall house park lake sea pool street law duke earl baron knight pope prior porter turner
fisher fletcher butcher carter cooper mason potter shepherd barber brewer weaver walker gardener farmer
archer singer painter
member members former group
"""
ORDINARY = frozenset(_ORDINARY_WORDS.split())
_APOSTROPHES = "'’"
_JOINING = frozenset({"", "-", "‐", "‑", "'", "’"})
_SENTENCE_END = ".!?…"
_OPENERS = " \t\"“‘'([«"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


# Combining marks (accents, Arabic vowels, Indic vowel signs and viramas) belong to the word they sit on.
# Whole Indic blocks are listed: their letters are word characters anyway; the dandas are left out.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\ufe20-\ufe2f"
)


# A word: letters, digits and combining marks; each Chinese or Japanese character is a word by itself.
_WORD = re.compile(rf"(?:[^\W_{_CJK}]|[{_MARKS}])+|[{_CJK}]")


@lru_cache(maxsize=200_000)
def _key(word: str) -> str:
    return fold(word)


@dataclass(frozen=True)
class Person:
    """What a person is called; ``also`` holds other things that identify them (email, phone), found literally."""

    id: int
    name: str
    preferred_name: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where a person is named in a text: ``start``..``end`` (title and possessive included)."""

    start: int
    end: int
    people: frozenset[int]
    possessive: str = ""  # the apostrophe used ("'" or "’"), or "" when not possessive
    several: bool = False  # two or more different people side by side ("Marjorie Wendy")


@dataclass
class _Entry:
    targets: set[int] = field(default_factory=set)
    kept: set[int] = field(default_factory=set)
    joins: list[set[str]] = field(default_factory=list)  # extra separators allowed between its words


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    key: str


def _words(text: str) -> list[_Word]:
    return [_Word(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(text)]


def _name_words(name: str) -> tuple[list[str], list[str]]:
    """A name's folded words (those with a letter in them) and what separates each from the next."""
    words = [w for w in _words(name) if any(ch.isalpha() for ch in w.key)]
    keys = [w.key for w in words]
    gaps = ["".join(name[a.end:b.start].split()) for a, b in zip(words, words[1:], strict=False)]
    return keys, gaps


def _ideograph_runs(name: str) -> list[list[str]]:
    """Names written in Chinese or Japanese characters, without spaces, one list of characters per run."""
    return [[_key(ch) for ch in run] for run in re.findall(rf"[{_CJK}]+", name)]


def _weak(key: str) -> bool:
    """A word never taken for a person on its own."""
    return len(key) < 2 or key in TITLES or key in PARTICLES or key in ORDINARY


class NameMatcher:
    """Finds ``targets`` in free text, leaving ``kept`` people's full names alone."""

    def __init__(self, targets: Iterable[Person], kept: Iterable[Person] = ()) -> None:
        self._index: dict[tuple[str, ...], _Entry] = {}
        self._words_of: dict[int, set[str]] = {}
        self._also: list[tuple[re.Pattern[str], int]] = []
        for person in targets:
            self._add_target(person)
        for person in kept:
            keys, gaps = _name_words(person.name)
            self._add(keys, gaps, kept=person.id)
            if keys and keys[0] in TITLES:
                self._add(keys[1:], gaps[1:], kept=person.id)
        self._first = {key[0] for key in self._index}
        self._longest = max((len(key) for key in self._index), default=0)

    def _add_target(self, person: Person) -> None:
        keys, gaps = _name_words(person.name)
        while keys and keys[0] in TITLES:  # "Dr Helen Marsh": her name without the title too
            keys, gaps = keys[1:], gaps[1:]
        self._add(keys, gaps, target=person.id)
        self._words_of[person.id] = set(keys)
        preferred, preferred_gaps = _name_words(person.preferred_name)
        self._add(preferred, preferred_gaps, target=person.id)
        self._words_of[person.id].update(preferred)
        for word in self._words_of[person.id]:
            self._add([word], [], target=person.id)
        for run in _ideograph_runs(person.name):  # 王小明: the given name 小明 alone too
            self._add(run, [""] * (len(run) - 1), target=person.id)
            if len(run) >= 3:
                self._add(run[1:], [""] * (len(run) - 2), target=person.id)
        if preferred and keys:  # "Zo Adams" for Zoë Adams who likes to be called Zo
            self._add([*preferred, keys[-1]], [*preferred_gaps, ""], target=person.id)
        for other in person.also:
            if len(other.strip()) >= 3:
                self._also.append((_literal(other.strip()), person.id))

    def _add(self, keys: list[str], gaps: list[str], *, target: int | None = None, kept: int | None = None) -> None:
        if not keys:
            return
        entry = self._index.setdefault(tuple(keys), _Entry(joins=[set() for _ in gaps]))
        for allowed, gap in zip(entry.joins, gaps, strict=True):
            allowed.add(gap)
        if target is not None:
            entry.targets.add(target)
        if kept is not None:
            entry.kept.add(kept)

    # ------------------------------------------------------------ finding

    def _at(self, text: str, words: list[_Word], i: int, *, weak_ok: bool) -> tuple[int, _Entry] | None:
        """The longest name starting at word ``i``: (index after it, its entry)."""
        if words[i].key not in self._first:
            return None
        for length in range(min(self._longest, len(words) - i), 0, -1):
            entry = self._index.get(tuple(w.key for w in words[i:i + length]))
            if entry is None or (length == 1 and not weak_ok and _weak(words[i].key)):
                continue
            if all(_joined(text, words[i + k], words[i + k + 1], entry.joins[k]) for k in range(length - 1)):
                return i + length, entry
        return None

    def mentions(self, text: str) -> list[Mention]:
        """Every place a target is named, in order, each run of one person's words (and a title) once."""
        if not text:
            return []
        found = [Mention(m.start(), m.end(), frozenset({pid})) for pattern, pid in self._also
                 for m in pattern.finditer(text)]
        words = [w for w in _words(text) if not any(m.start <= w.start < m.end for m in found)]
        i = 0
        while i < len(words):
            titled = i > 0 and words[i - 1].key in TITLES and _after_title(text, words[i - 1], words[i])
            hit = self._at(text, words, i, weak_ok=titled)
            if hit is None:
                i += 1
                continue
            j, entry = hit
            if not entry.targets:  # a kept person's full name
                i = j
                continue
            people = set(entry.targets)
            j = self._extend(text, words, j, people)
            first = i
            while first > 0 and words[first - 1].key in TITLES and _after_title(text, words[first - 1], words[first]):
                first -= 1
            end, possessive = words[j - 1].end, ""
            if j < len(words) and words[j].key == "s" and words[j].start == end + 1 and text[end] in _APOSTROPHES:
                possessive, end = text[end], words[j].end
                j += 1
            elif end < len(text) and text[end] in _APOSTROPHES and words[j - 1].key.endswith("s") and \
                    text[end + 1:end + 2].isspace() and text[end + 2:end + 3].isalpha():
                possessive, end = text[end], end + 1
            found.append(Mention(words[first].start, end, frozenset(people), possessive))
            i = j
        found.sort(key=lambda m: m.start)
        return _merge_adjacent(text, found)

    def _extend(self, text: str, words: list[_Word], j: int, people: set[int]) -> int:
        """Carry a run on over more words of the same people ("Marjorie May Quillfeather", "Hoa Nguyen")."""
        pending = j
        while pending < len(words) and _joined(text, words[pending - 1], words[pending], set()):
            key = words[pending].key
            owners = {pid for pid in people if key in self._words_of.get(pid, ())}
            if not owners:
                break
            pending += 1
            if not _weak(key):
                people.intersection_update(owners)
                j = pending
        return j

    def names(self, text: str, person_id: int) -> bool:
        """Whether the text names this target."""
        return any(person_id in m.people for m in self.mentions(text))

    def replace(self, text: str, word: str = "a member", plural: str = "members") -> tuple[str, int]:
        """The text with every target replaced by ``word`` (capitalised at a sentence start), and how many."""
        found = self.mentions(text)
        if not found:
            return text, 0
        out: list[str] = []
        at = 0
        for mention in found:
            said = plural if mention.several else word
            if mention.possessive:
                said += mention.possessive if mention.several else mention.possessive + "s"
            if _starts_sentence(text, mention.start):
                said = said[0].upper() + said[1:]
            out += [text[at:mention.start], said]
            at = mention.end
        out.append(text[at:])
        return "".join(out), len(found)


def _literal(needle: str) -> re.Pattern[str]:
    """An email or phone number as typed, any case; a phone number's spaces and dashes may differ."""
    if needle.replace(" ", "").replace("-", "").lstrip("+").isdigit():
        digits = [re.escape(ch) for ch in needle if not ch.isspace() and ch != "-"]
        body = r"[\s-]?".join(digits)
    else:
        body = re.escape(needle)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _joined(text: str, left: _Word, right: _Word, extra: set[str]) -> bool:
    gap = "".join(text[left.end:right.start].split())
    return gap in _JOINING or gap in extra


def _after_title(text: str, title: _Word, word: _Word) -> bool:
    return "".join(text[title.end:word.start].split()) in ("", ".")


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(_OPENERS)
    if not before:
        return True
    if before[-1] == "\n":
        wrapped = before.rstrip()
        return not wrapped or not (wrapped[-1].islower() or wrapped[-1] in ",;&")
    return before[-1] in _SENTENCE_END


def _merge_adjacent(text: str, found: list[Mention]) -> list[Mention]:
    """Mentions separated only by spaces become one, so nothing reads "a member a member"."""
    merged: list[Mention] = []
    for mention in found:
        if merged and not merged[-1].possessive and not text[merged[-1].end:mention.start].strip():
            last = merged.pop()
            several = last.several or last.people.isdisjoint(mention.people)
            merged.append(Mention(last.start, mention.end, last.people | mention.people, mention.possessive, several))
        elif merged and mention.start < merged[-1].end:
            continue
        else:
            merged.append(mention)
    return merged
