"""Word lists for the rules extractor. Lowercase; small, general English, not tuned to a
data set. No part-of-speech model is available offline, so finite verbs are recognised by
these lists and by regular past-tense morphology (see `is_finite_verb`)."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


AUXILIARIES = _words(
    "is are was were be been being am has have had do does did will would shall should can"
    " could may might must 's 're"
)
# Irregular past tenses and common present-tense forms of news verbs.
IRREGULAR_PAST = {
    "rose": "rise",
    "fell": "fall",
    "grew": "grow",
    "stood": "stand",
    "hit": "hit",
    "came": "come",
    "went": "go",
    "made": "make",
    "took": "take",
    "left": "leave",
    "ran": "run",
    "sank": "sink",
    "shrank": "shrink",
    "lost": "lose",
    "won": "win",
    "kept": "keep",
    "held": "hold",
    "sat": "sit",
    "spent": "spend",
    "cut": "cut",
    "put": "put",
    "set": "set",
    "drove": "drive",
    "led": "lead",
    "fought": "fight",
    "brought": "bring",
    "built": "build",
    "sold": "sell",
    "bought": "buy",
    "paid": "pay",
    "said": "say",
    "saw": "see",
    "got": "get",
    "gave": "give",
    "became": "become",
    "began": "begin",
    "broke": "break",
    "chose": "choose",
    "drew": "draw",
    "flew": "fly",
    "knew": "know",
    "met": "meet",
    "told": "tell",
    "thought": "think",
    "threw": "throw",
    "wrote": "write",
    "spoke": "speak",
    "sent": "send",
    "found": "find",
    "felt": "feel",
    "meant": "mean",
    "struck": "strike",
    "swore": "swear",
    "taught": "teach",
    "wore": "wear",
    "sought": "seek",
    "shot": "shoot",
    "stole": "steal",
    "hung": "hang",
    "beat": "beat",
    "bore": "bear",
    "forgave": "forgive",
    "froze": "freeze",
    "overtook": "overtake",
    "cost": "cost",
    "hurt": "hurt",
    "let": "let",
    "quit": "quit",
    "spread": "spread",
    "shut": "shut",
    "split": "split",
    "bet": "bet",
    "burst": "burst",
    "dealt": "deal",
    "slid": "slide",
    "rang": "ring",
    "sang": "sing",
    "swung": "swing",
    "stuck": "stick",
    "woke": "wake",
    "forecast": "forecast",
    "undertook": "undertake",
    "withdrew": "withdraw",
    "upheld": "uphold",
    "oversaw": "oversee",
}
PRESENT_VERBS = _words(
    "says said claims shows show finds estimates expects plans wants needs seeks remains"
    " continues includes involves requires accounts makes takes gives holds leads faces"
    " understands respects believes thinks knows means reports notes argues insists warns"
    " denies admits confirms announces represents owns runs employs produces costs earns"
    " exceeds reaches rises falls grows stands lies sits supports opposes favours favors"
    " accepts rejects agrees disagrees considers expects hopes fears suggests indicates"
    " states adds tells asks calls describes aims governs serves heads chairs controls"
)
SPEECH_VERBS = _words(
    "said says added told stated announced reported wrote claimed argued insisted explained"
    " confirmed warned asserted declared alleged tweeted posted testified acknowledged"
    " maintained contended"
)
# These take a clause only through "that" (else "noted the resumption" is not a quote).
THAT_VERBS = _words(
    "noted conveyed stressed emphasised emphasized underlined underscored recalled believes"
    " believed conceded admitted denied revealed indicated suggested observed pointed"
    " mentioned hinted reiterated"
)
SUBORDINATORS_SPLIT = _words("since after before when once")
COORDINATORS = ("and", "but", "while", "whereas", "yet")
DETERMINERS = _words(
    "a an the this that these those its his her their our my your some any each every"
    " both all several many few no another"
)
PRONOUNS = _words("he she they it we i you his her their its them him us")
PERSONAL = {
    "he": "person",
    "she": "person",
    "his": "person",
    "her": "person",
    "they": "plural",
    "their": "plural",
    "it": "thing",
    "its": "thing",
}
PREPOSITIONS = _words(
    "in on at of for from to with by about over under after before since during between"
    " among against into onto through across around near amid despite following"
)
ROLE_NOUNS = _words(
    "secretary minister president premier chancellor spokesperson spokesman spokeswoman"
    " chief director governor senator ambassador envoy counterpart mayor chairman chairwoman"
    " chair ceo head leader commissioner general admiral commander judge justice prosecutor"
    " attorney official officer adviser advisor economist analyst professor founder king"
    " queen prince princess pope representative congressman congresswoman lawmaker mp"
    " deputy treasurer editor"
)
OPINION_MARKERS = _words(
    "should must ought hope hopes hoped hoping wish wishes wished believe believes feel"
    " feels think thinks opinion shall need needs urged urge urges calls called demand"
    " demanded demands want wants wanted deserve deserves recommend recommended propose"
    " proposed appeal appealed"
)
OPINION_PHRASES = (
    "called for",
    "calls for",
    "call for",
    "hoped for",
    "hope for",
    "hopes for",
    "need to",
    "needs to",
    "need for",
    "should",
    "must",
    "ought to",
    "in my view",
    "i think",
    "i believe",
    "we believe",
    "let us",
    "let's",
    "we will",
    "i will",
    "we must",
    "it is time",
    "we need",
    "we can",
    "god bless",
    "thank you",
)
VAGUE = _words(
    "various several some many much lots range variety number things stuff certain"
    " numerous ways issues matters"
)
SUPERLATIVE_WORDS = _words(
    "record highest lowest largest smallest biggest most least fastest slowest"
    " worst best top bottom peak unprecedented all-time"
)
CAUSAL_MARKERS = (
    "because",
    "due to",
    "caused",
    "causes",
    "cause",
    "led to",
    "leads to",
    "lead to",
    "resulting in",
    "resulted in",
    "result of",
    "as a result",
    "owing to",
    "thanks to",
    "blamed",
    "attributed to",
    "impeded",
    "triggered",
    "sparked",
    "prompted",
    "fuelled",
    "fueled",
    "contributed to",
    "drove",
    "driven by",
    "so that",
    "therefore",
    "hence",
    "killed",
    "boosted",
    "hurt",
    "damaged",
)
COMPARISON_MARKERS = (
    " than ",
    "compared with",
    "compared to",
    "more than",
    "less than",
    "fewer than",
    "higher",
    "lower",
    "larger",
    "smaller",
    "bigger",
    "twice",
    "double",
    "doubled",
    "tripled",
    "halved",
    "since the",
    "lowest",
    "highest",
    "record",
    "outpaced",
    "exceeded",
    "surpassed",
    "overtook",
)
EVENT_VERBS = _words(
    "met meet held hold signed sign agreed agree announced launched visited killed died"
    " elected appointed resigned arrested attacked opened closed began ended reached"
    " resumed resume approved passed voted declared won lost born founded served established"
    " created invented discovered built released published married divorced graduated"
)
MONTHS = _words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy"
    " eighty ninety hundred thousand million billion trillion dozen dozens hundreds"
    " thousands millions billions half quarter third"
)
NOT_PAST_ED = _words(
    "bed red led need seed feed speed shed wed fled bred hundred indeed united limited"
    " advanced detailed related concerned interested supposed based skilled armed"
    " aged naked wicked sacred kindred"
)
_ED = re.compile(r"^[a-z]{3,}(?:ed)$")


def is_finite_verb(word: str) -> bool:
    """A lowercase word that is (likely) a finite verb in news prose."""
    if word in AUXILIARIES or word in IRREGULAR_PAST or word in PRESENT_VERBS:
        return True
    return bool(_ED.match(word)) and word not in NOT_PAST_ED


def is_past_verb(word: str) -> bool:
    if word in IRREGULAR_PAST or word in ("was", "were", "had", "did"):
        return True
    return bool(_ED.match(word)) and word not in NOT_PAST_ED


_IRREGULAR_ING = {
    "rising": "rose",
    "falling": "fell",
    "growing": "grew",
    "standing": "stood",
    "hitting": "hit",
    "coming": "came",
    "going": "went",
    "making": "made",
    "taking": "took",
    "leaving": "left",
    "running": "ran",
    "sinking": "sank",
    "shrinking": "shrank",
    "losing": "lost",
    "winning": "won",
    "keeping": "kept",
    "holding": "held",
    "spending": "spent",
    "cutting": "cut",
    "leading": "led",
    "bringing": "brought",
    "selling": "sold",
    "buying": "bought",
    "paying": "paid",
    "saying": "said",
    "getting": "got",
    "giving": "gave",
    "becoming": "became",
    "beginning": "began",
    "reaching": "reached",
    "totalling": "totalled",
    "being": "was",
    "having": "had",
    "setting": "set",
    "putting": "put",
    "swelling": "swelled",
    "sliding": "slid",
    "climbing": "climbed",
    "dropping": "dropped",
    "jumping": "jumped",
    "slipping": "slipped",
    "soaring": "soared",
    "plunging": "plunged",
    "narrowing": "narrowed",
    "widening": "widened",
}


def past_of_gerund(word: str) -> str | None:
    """'widening' -> 'widened'; None when the word is not a gerund we can turn."""
    lower = word.lower()
    if lower in _IRREGULAR_ING:
        return _IRREGULAR_ING[lower]
    if not lower.endswith("ing") or len(lower) < 6:
        return None
    stem = lower[:-3]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        return stem + "ed"  # stopping -> stopped
    if stem.endswith("e"):
        return stem + "d"  # agreeing -> agreed
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return stem[:-1] + "ied"  # carrying -> carried
    return stem + "ed"  # widening -> widened, declining -> declin+ed
