"""What a figure measures: the noun it quantifies ("20 soldiers"), or the head of the noun
phrase the figure is said of ("the trade deficit widened to $116bn" → deficit; "exports were
US$14.25 billion" → exports; "magnets worth about $250 million" → magnets).

A heuristic on the words around the figure, within its clause: the nearest content word
before it that is not a verb of change or reporting, a name, or a generic word ("figure",
"record", "total"); and for counts and amounts the noun that follows ("in exports", "of the
population"). Synonyms share one key (troops, soldiers). Measured against a trained parser
it was as good on our pair corpus and far faster (see the README); when the words say
nothing, the measure is unknown and the figure check never calls it a mismatch.
"""

from __future__ import annotations

import re

from workbench.figures import SCALES, Figure

_CLAUSE = re.compile(
    r"[;:()\[\]—–]|,\s|\.\s+(?=[A-Z“\"])|\n|\b(?:and|but|while|whereas|with|as|against|compared|"
    r"versus|vs|from|which|who|that)\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_SKIP = frozenset(
    """a an the of to in on at for by about over under into than this that these those its it
    their his her our is are was were be been being has have had will would could may might
    also only just some nearly almost around roughly approximately more less fewer least most
    up down new total record high low worth value figure figures number numbers amount level
    levels sum tally mark estimated estimate all per cent percent percentage point points
    year years month months quarter day days week weeks last next previous current same
    year-on-year annual annually fiscal financial calendar rate share around time times data
    dollar dollars euro euros pound pounds rupee rupees yen yuan lakh crore nearly some
    respectively roughly officially reportedly only merely barely overall combined
    compared according said says say official officials showed shows show and or but nor
    with without between while whereas as from which who whom whose what when where how
    there here then not no yes very much many such both each every other another any
    since during after before until because though although if than""".split()
)
# Verbs of change, reporting and being: what is said of the measure, not the measure.
_VERBS = frozenset(
    """rise rose risen rising fall fell fallen falling grow grew grown growing reach reached
    touch touched hit hitting stand stood standing total totalled totaled totalling amount
    amounted increase increased decrease decreased climb climbed drop dropped jump jumped
    surge surged decline declined include included exceed exceeded show showed shown put
    post posted register registered top topped cross crossed slip slipped slide slid dip
    dipped plunge plunged soar soared rebound rebounded ease eased expand expanded shrink
    shrank contract contracted cut raise raised boost boosted add added lose lost gain gained
    stay stayed remain remained hover hovered peak peaked swell swelled tumble tumbled sink
    sank edge edged inch inched widen widened widening narrow narrowed narrowing come came
    hold held estimate estimated put pegged stood reported recorded valued worth go went
    leave left stand rising grew increasing decreasing fell climbing jumping reaching
    estimated amounting touching hitting standing averaged average averaging sat quit made
    took gave went got ran won paid fled fought met sent built sold bought kept told found
    brought began became drew flew knew saw wrote spent died killed cost lasted""".split()
)
_ACRONYMS = frozenset({"gdp", "fdi", "cpi", "gst", "gva", "npa", "wpi", "vat", "ppp"})
_COUNTED = frozenset({"injured", "wounded", "displaced", "arrested", "detained", "unemployed",
                      "employed", "infected", "vaccinated", "hundred"})  # fmt: skip
# Prepositions whose object is not the measure ("trade between the two countries").
_PREPOSITIONS = frozenset("between to from with in on for at by among across into against".split())
# Modifiers that do not change what is measured ("bilateral trade" is "two-way trade").
_LOOSE_MODIFIERS = frozenset(
    """bilateral two-way total overall annual combined yearly monthly quarterly merchandise
    official government national federal central country nation domestic provisional final
    latest record new current""".split()
)
_SYNONYMS = {
    "troop": "soldier", "personnel": "soldier", "serviceman": "soldier", "servicemen": "soldier",
    "commerce": "trade", "shipment": "export", "outflow": "export", "inflow": "import",
    "gap": "deficit", "shortfall": "deficit", "dead": "death", "died": "death",
    "killed": "death", "fatality": "death", "fatalities": "death", "lives": "death",
    "casualty": "death", "job": "employment", "position": "employment", "worker": "employee",
    "staff": "employee", "people": "person", "persons": "person", "resident": "person",
    "individual": "person", "inhabitant": "person", "citizen": "person", "sale": "revenue",
    "turnover": "revenue", "earning": "profit", "outlay": "spending", "expenditure": "spending",
    "expense": "spending", "fdi": "investment", "borrowing": "debt", "pupil": "student",
    "ballot": "vote", "infection": "case", "jab": "dose", "vaccination": "dose",
    "tourist": "visitor", "arrival": "visitor", "output": "gdp", "economy": "gdp",
    "jobless": "unemployment", "price": "inflation", "fare": "price", "wage": "pay",
    "salary": "pay", "salaries": "pay", "wages": "pay", "migrant": "migrant",
    "spent": "spending", "military": "defence", "defense": "defence", "agricultural": "farm",
    "agriculture": "farm", "hectare": "area", "acre": "area", "ton": "tonne",
}  # fmt: skip


def _key(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s") or word.endswith("s'"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _SYNONYMS.get(word, word)


def _is_verb(lower: str) -> bool:
    if lower in _VERBS:
        return lower not in _SYNONYMS or lower in ("spent", "died", "killed")
    for suffix in ("s", "es", "ed", "d", "ing"):
        if lower.endswith(suffix) and lower[: -len(suffix)] in _VERBS:
            return True
    # a participle ("eased", "slowed"), unless it names what is counted ("killed")
    return (
        lower.endswith("ed") and len(lower) > 4 and lower not in _SYNONYMS and lower not in _COUNTED
    )


def _usable(word: str, sentence_start: bool) -> bool:
    lower = word.lower()
    if lower in _ACRONYMS:
        return True
    if lower in _SKIP or _is_verb(lower) or lower in SCALES or len(lower) < 3:
        return False
    if "'" in word or "’" in word:
        return False  # "India's": the owner, not the measure
    if word[0].isupper() and not sentence_start:
        return False  # a name or a nationality
    if lower.endswith("ly") and len(lower) > 5 and lower not in ("supply", "family", "assembly"):
        return False  # an adverb
    return not (lower[0].isdigit() or ("-" in lower and lower.split("-")[0] in ("two", "one")))


def _before(text: str, figure: Figure, others: list[Figure]) -> tuple[str, str | None] | None:
    """The nearest usable word before the figure, in its clause (or, if that clause says
    nothing, in an earlier clause of the sentence that holds no other figure)."""
    sentence_start = max(text.rfind(". ", 0, figure.start), text.rfind("\n", 0, figure.start))
    sentence_start = 0 if sentence_start < 0 else sentence_start + 1
    cuts = [
        sentence_start,
        *(m.end() for m in _CLAUSE.finditer(text, sentence_start, figure.start)),
    ]
    segments = list(zip(cuts, [*cuts[1:], figure.start], strict=True))
    for index, (start, end) in enumerate(reversed(segments)):
        if index and any(start <= o.start < end for o in others if o is not figure):
            continue
        found = list(_WORD.finditer(text, start, end))
        fallback = None
        for index in range(len(found) - 1, -1, -1):
            match = found[index]
            if any(o.start <= match.start() < o.end for o in others):
                continue
            first = text[sentence_start : match.start()].strip(" \"“'‘") == ""
            if not _usable(match.group(), first):
                continue
            if _object_of_preposition(found, index):
                fallback = fallback or _head(found, index, sentence_start, text, others)
                continue
            return _head(found, index, sentence_start, text, others)
        if fallback:
            return fallback
    return None


def _head(
    found: list[re.Match[str]], index: int, sentence_start: int, text: str, others: list[Figure]
) -> tuple[str, str | None]:
    """The measure named by the word at `index`, with its modifier: the word before it
    ("trade deficit", "Indian soldiers") or a phrase after it ("spending on health");
    "the population of the city" names the population, not the city."""
    words = [m.group() for m in found]
    back = index - 1
    while back >= 0 and words[back].lower() in ("the", "a", "an", "its", "their"):
        back -= 1
    if back >= 1 and words[back].lower() == "of":
        first = text[sentence_start : found[back - 1].start()].strip(" \"“'‘") == ""
        if _usable(words[back - 1], first):
            return _key(words[back - 1]), None
    modifier = None
    previous = found[index - 1] if index else None
    if previous and any(o.start <= previous.start() < o.end for o in others):
        previous = None  # "Twenty soldiers": a figure, not a modifier
    if previous and words[index - 1].lower() not in _SKIP:
        first = text[sentence_start : found[index - 1].start()].strip(" \"“'‘") == ""
        word = words[index - 1]
        modifier = _name_or_modifier(word.lower() if first else word)
    after = words[index + 1 : index + 3]
    if modifier is None and len(after) == 2 and after[0].lower() in ("on", "for"):
        modifier = _key(after[1]) if _usable(after[1], False) else None
    return _key(words[index]), modifier


def _object_of_preposition(found: list[re.Match[str]], index: int) -> bool:
    """Is the word at `index` the object of a preposition ("between the two countries")?
    "of" is not counted: in "the value of exports" the object is the measure."""
    for back in range(index - 1, max(-1, index - 4), -1):
        word = found[back].group().lower()
        if word in _PREPOSITIONS:
            return True
        if word not in ("the", "a", "an", "two", "three", "both", "its", "their", "all"):
            return False
    return False


_AFTER = re.compile(
    r"\s*(?:(?:worth\s+of|worth|in|of|for)\s+)?(?:(?:the|its|their|his|her|our|a|an)\s+)?"
    r"((?:[A-Za-z][\w’'-]*\s+){0,2}[A-Za-z][\w’'-]*)"
)
_CHANGES = frozenset("rise increase growth jump fall drop decline cut hike surge".split())


def _after(text: str, figure: Figure) -> tuple[str, str | None] | None:
    """The noun a figure quantifies when it follows it: "20 Indian soldiers", "$3.9bn in
    exports", "12% of the population", "a 12% rise in exports"."""
    match = _AFTER.match(text, figure.end)
    if match is None:
        return None
    phrase: list[str] = []
    for word in match.group(1).split():
        lower = word.lower()
        if not phrase and lower.rstrip("s") in _CHANGES:
            follow = _after_change(text, match.end(1) - len(match.group(1)) + len(word))
            return (follow, None) if follow else None
        if lower in _SKIP or _is_verb(lower) or lower in SCALES or lower.endswith("ed"):
            break
        phrase.append(word)
    if not phrase or not _usable(phrase[-1], False):
        return None
    modifier = _name_or_modifier(phrase[-2]) if len(phrase) > 1 else None
    return _key(phrase[-1]), modifier


def _name_or_modifier(word: str) -> str | None:
    """A modifier that changes the measure: "Indian" soldiers, "subsidy" bill."""
    if "'" in word or "’" in word or word.lower() in _LOOSE_MODIFIERS:
        return None
    if word[0].isupper():
        return word.lower()
    return _key(word) if _usable(word, False) else None


def _after_change(text: str, position: int) -> str | None:
    follow = re.match(r"\s+(?:in|of)\s+(?:the\s+)?([A-Za-z][\w-]*)", text[position : position + 40])
    return _key(follow.group(1)) if follow and _usable(follow.group(1), False) else None


Measure = frozenset[tuple[str, str | None]]


def measure(text: str, figure: Figure, others: list[Figure]) -> Measure:
    """What `figure` (read from `text`) measures, as (head, modifier) pairs ("trade
    deficit" is ("deficit", "trade")); empty when the words say nothing."""
    keys: set[tuple[str, str | None]] = set()
    if not figure.is_period:
        after = _after(text, figure)
        if after:
            keys.add(after)
    if figure.kind != "count" or not keys:
        before = _before(text, figure, others)
        if before:
            keys.add(before)
    return frozenset(keys)


def related(one: Measure, two: Measure) -> bool | None:
    """True for the same measure, False for different ones, None when either is unknown.
    Heads must agree, and modifiers too when both are written ("subsidy bill" is not
    "pension bill"; "deficit" is "trade deficit")."""
    if not one or not two:
        return None
    return any(
        h1 == h2 and (m1 is None or m2 is None or m1 == m2) for h1, m1 in one for h2, m2 in two
    )
