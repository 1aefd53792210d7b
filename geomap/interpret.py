"""Tell events from mentions: the role of every mention, its event type and who claims it.

Roles, decided in this order:
  noise    the mention lies in boilerplate (caption, advert, teaser, footer) as ingest marked it;
  metonym  a capital standing for its government or army: the subject of a verb ("Moscow said",
           "Kyiv struggling to hold the line") or the owner of an agent noun ("Moscow's army");
  mention  countries, regions that only qualify a settlement ("X in the Kharkiv region"), and places
           whose nearest event word is a threat, plan or attempt ("threatened to target Kyiv");
  event    a place tied to an event word in its sentence (a strike on it, its capture, an advance
           on it, its encirclement), within a few words before or after it.
Aliases and places listed together with an event place ("A and B") share its role. The event type
comes from the event word, specialised by the means named in the sentence (drones, missiles), and
made consistent across mentions of one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from geomap.geodesy.compass import compass_bearing
from geomap.model import Document, Mention, with_fields
from geomap.text.capitals import is_capital_place
from geomap.text.claimants import claimant
from geomap.text.commonword import is_verb
from geomap.text.recognise import Recognition, Toponym
from geomap.text.regionnouns import region_noun
from geomap.text.relations import LIST_GAPS as _LIST_GAPS
from geomap.text.relations import Relations, is_regionish
from geomap.text.stoplists import FEATURE_WORDS, LOCATIVE_PREPOSITIONS, SPEECH_VERBS, TITLES, direction_of
from geomap.text.tokens import Token
from geomap.text.triggers import GENERIC, NEGATIONS, SPECIALISABLE, event_word, is_hypothetical, means_word

BEFORE_WINDOW = 12  # words between an event word and a place after it ("liberated the villages of X")
AFTER_WINDOW = 8  # words between a place and an event word after it ("X, which Russia has encircled")
_NOT_BOILERPLATE = ("body", "title")

# Nouns after "Moscow's" that mean the place itself, not its government.
_PLACE_NOUNS = frozenset(
    """
    centre center streets street outskirts suburbs suburb district districts residents people citizens
    airport airports metro skyline region oblast mayor buildings infrastructure port harbour harbor river
    bridge bridges railway station stations neighbourhood neighborhood neighbourhoods neighborhoods
    """.split()
)
# Words after a capital that make it the subject of an action (besides verbs of speech).
_AGENT_NEXT = frozenset(
    """
    has have had is was will would must can could should may might wants insists refuses rejected
    responded retaliated launched agreed demanded continues continued sought seeks hopes remains
    struggles struggled blamed warned pledged sent supplied approved condemned denied accused
    """.split()
)
_SUBORDINATORS = frozenset(
    "since as after when while because that but and although though until before if once whereas".split()
)
_FIXED = "\x00fixed"  # marks a mention role that list-sharing must not turn into an event


class RoleCall(NamedTuple):
    """A mention's role, its event type, and how often a role read this way is right (0..1): the
    mention's confidence is its place's times this, so that it says how sure the whole reading is."""

    role: str
    event_type: str | None
    certainty: float


# How sure each way of reading a role is. Set from what each rule rests on, checked against the
# development set's errors (benchmarks/bench_quality.py prints the calibration table).
SURE = 0.97  # boilerplate, a named sector, a region qualifying a place, a combat-area list: the text says so
READ_METONYM = 0.85  # a capital as a subject, a state named by its ministry: one grammatical cue
COUNTRY_MENTION = 0.6  # a country is context, an actor ("Russia said") or a state's body: often unclear
COUNTRY_METONYM = 0.75  # "минобороны России": surely the state's body, but readers often count no place
NO_EVENT_WORD = 0.75  # nothing reported happens at the place in its sentence (or only a threat)
NEAR_WORDS = 3  # an event word this close to the place is about it ...
NEAR_EVENT_WORD = 0.95  # ... ("strikes on Kharkiv", "освободили Курахово")
FAR_EVENT_WORD = 0.8  # farther, the word may be about another place of the sentence
INHERITED_EVENT = 0.8  # a list item after "strikes were recorded:": the lead sentence's word
LISTED_EVENT = 0.8  # listed with an event place ("A and B"): shares its role
REGION_EVENT = 0.7  # a region by an event word: where it happened, or only the region of the place
REGION_OF_EVENT = 0.85  # a region containing the sentence's event place: context
_CYR_SUBORDINATORS = frozenset("что чтобы как когда но а и пока що щоб як коли але і та поки".split())
_NOT_VERBS = frozenset(
    "and or but of in on at to for with from by the a an as is was region oblast city residents officials "
    "authorities".split()
)
_ACCUSE_STEMS = (
    "обвиня", "обвинил", "звинувач", "accus", "blam", "urg", "support", "back", "arm", "sanction",
    "pressur", "help", "aid", "negotiat", "подде", "підтрим", "допомаг", "помога",
)  # fmt: skip
_ORG_NOUNS = frozenset(
    """
    administration authorities council governor governorate officials official mayor police prosecutor
    prosecutors court ministry government spokesman spokeswoman department office service
    """.split()
)
_ORG_MODIFIERS = frozenset("regional city oblast military civil local district state municipal".split())
_DISTANCE_UNITS = frozenset(
    "km kilometres kilometers kilometre kilometer miles mile км кілометрів километров".split()
)
_ORIGIN_WORDS = frozenset("native born уроженец уроженка уроженцем уродженець уродженка родом".split())
_HABITUAL = frozenset(
    """
    daily regularly routinely repeatedly often frequently nightly constantly
    ежедневно регулярно постоянно часто щодня регулярно постійно часто щоночі
    heard hearing чути чули чув слышали слышно слышны слышал
    """.split()
)
# "Huliaipole, two front-line towns south-east of the city, and Nikopol": a list item after an apposition
_LIST_WITH_APPOSITION = re.compile(r"^,[^.;:]{1,80},\s*(?:and|та|і|и)(?:\s+(?:in|at|near|в|у|біля))?$")
_PASSIVE_EVENT = frozenset("hit struck attacked shelled bombed targeted captured seized encircled".split())
_CYR_PREPOSITIONS = frozenset("в во у на под над около возле из к по біля поблизу з із до від від".split())


def is_capital(m: Mention) -> bool:
    return m.place is not None and is_capital_place(m.place.place)


def interpret(
    doc: Document, rec: Recognition, rel: Relations, mentions: Sequence[Mention]
) -> tuple[Mention, ...]:
    """Mentions with role, event_type and claimant filled in; `rel` is what resolution read as well."""
    tops = rec.toponyms
    by_start = {t.start: (k, t) for k, t in enumerate(tops)}
    qualifying_regions = {q.region for q in rel.qualifiers.values()}
    qualifying_regions |= set(rel.near.values())  # "X, near Sloviansk"
    triggers, habitual, ends = _triggers(rec.tokens, rec.sent_of)
    heads = [rel.list_of.get(k, k) for k in range(len(tops))]
    roles: list[RoleCall] = []
    for m in mentions:
        k, t = by_start[m.start]
        head = tops[heads[k]]
        qualifies = k in qualifying_regions
        roles.append(_role(m, t, head, rec, triggers, qualifies, doc.language, habitual, ends, doc.text))
    listed = [by_start[m.start][1] for m in mentions]
    roles = _regions_of_events(mentions, _share_roles(mentions, roles, listed, rec, doc.text), listed, rec)
    sentences = doc.sentences or ((0, len(doc.text)),)
    claim_cache: dict[int, str | None] = {}
    out = []
    for m, (role, etype, certainty) in zip(mentions, roles, strict=True):
        who = None
        if role == "event":
            si = rec.sent_of[by_start[m.start][1].first] if rec.sent_of else 0
            if si not in claim_cache:
                claim_cache[si] = claimant(doc.text, sentences, si) if si < len(sentences) else None
            who = claim_cache[si]
        etype = etype if role == "event" and etype != _FIXED else None
        sure = round(m.confidence * certainty, 4)  # the reading is right when place and role both are
        out.append(with_fields(m, role=role, event_type=etype, claimant=who, confidence=sure))
    return tuple(_consistent_types(out))


def _triggers(tokens: Sequence[Token], sent_of: Sequence[int]):
    """One pass over the words: per sentence, (word position, event type, hypothetical) of each event
    word with the means applied; the sentences that describe habits; the last token of each sentence."""
    out: dict[int, list[tuple[int, str, bool]]] = {}
    means: dict[int, str] = {}
    habitual: set[int] = set()
    ends: dict[int, str] = {}
    recent: list[str] = []
    prev_sent = -1
    for k, t in enumerate(tokens):
        si = sent_of[k]
        ends[si] = t.text
        if not t.is_word:
            continue
        if si != prev_sent:
            recent = []
            prev_sent = si
        low = t.lower
        if low in _HABITUAL:
            habitual.add(si)
        mw = means_word(low)
        if mw is not None and si not in means:
            means[si] = mw
        typ = event_word(low)
        if typ is not None:
            hypo = any(is_hypothetical(w) for w in recent[-4:]) or any(w in NEGATIONS for w in recent[-2:])
            out.setdefault(si, []).append((k, typ, hypo))
        recent.append(low)
    for si, items in out.items():
        m = means.get(si)
        if m:
            out[si] = [(k, m if typ in SPECIALISABLE else typ, h) for k, typ, h in items]
    return out, frozenset(habitual), ends


def _word_distance(tokens: Sequence[Token], a: int, b: int) -> int:
    """Words between two tokens; a comma counts as three, since events bind within a clause."""
    lo, hi = (a, b) if a <= b else (b, a)
    return sum(1 if tokens[k].is_word else 3 if tokens[k].text == "," else 0 for k in range(lo + 1, hi))


def _dateline(t: Toponym, tokens: Sequence[Token], text: str) -> bool:
    """A place in capitals opening a line, before a comma or an agency in brackets: the dateline."""
    first = tokens[t.first]
    if not first.is_upper or (t.start and text[t.start - 1] != "\n"):
        return False
    after = text[t.end : t.end + 3].lstrip()
    return after[:1] in (",", "(", "-", "—", "–")


def _combat_area(head: Toponym, tokens: Sequence[Token]) -> bool:
    """The General Staff's "у районах населених пунктів A, B, C" / "в районе населенного пункта A" /
    "near the settlements of A, B": where fighting took place, whatever verb led the sentence."""
    words = []
    k = head.first - 1
    while k >= 0 and len(words) < 4:
        if tokens[k].is_word:
            words.append(tokens[k].lower)
        elif tokens[k].text in ".!?;:":
            break
        k -= 1
    if len(words) >= 3 and words[0].startswith("пункт") and words[1].startswith("населен"):
        return words[2].startswith(_AREA_WORDS)
    if len(words) >= 3 and words[0] == "of" and words[1] in _SETTLEMENT_NOUNS:
        return (
            words[2] in _AREA_WORDS_EN or words[2] == "the" and len(words) > 3 and words[3] in _AREA_WORDS_EN
        )
    return False


_AREA_WORDS = ("район", "поблизу", "біля", "около", "вблизи", "возле", "окол", "напрям")
_AREA_WORDS_EN = frozenset({"near", "around", "outside", "areas", "area", "vicinity"})
_SETTLEMENT_NOUNS = frozenset({"settlements", "villages", "towns", "settlement", "village", "town"})


def _role(
    m: Mention,
    t: Toponym,
    head: Toponym,
    rec: Recognition,
    triggers,
    qualifies: bool,
    lang: str,
    habitual,
    ends,
    text: str,
) -> RoleCall:
    if m.section not in _NOT_BOILERPLATE:
        return RoleCall("noise", None, SURE)
    if t.sector:  # "на Покровському напрямку": where the fighting is, named after a town
        return RoleCall("mention", _FIXED, SURE)
    if _dateline(t, rec.tokens, text):  # "MOSCOW (Reuters) -", "КИЇВ, 21 листопада": where it was filed
        return RoleCall("mention", _FIXED, SURE)
    kind = m.place.place.kind if m.place else None
    if _is_metonym(m, t, rec.tokens, lang):
        return RoleCall("metonym", None, COUNTRY_METONYM if kind == "country" else READ_METONYM)
    if kind == "country":
        return RoleCall("mention", _FIXED, COUNTRY_MENTION)
    if qualifies or t.feature == "river":
        return RoleCall("mention", _FIXED, SURE)
    if _modifies_organisation(t, rec.tokens) or _reference_point(t, rec.tokens):
        return RoleCall("mention", _FIXED, SURE)
    si = rec.sent_of[t.first]
    if si in habitual:
        return RoleCall("mention", None, NO_EVENT_WORD)
    regional = kind in ("admin1", "admin2")
    if not regional and _combat_area(head, rec.tokens):
        return RoleCall("event", "battle", SURE)
    best: tuple[int, str, bool] | None = None
    for pos, typ, hypo in triggers.get(si, ()):
        if head.first <= pos < t.first:
            continue  # inside the list this place closes
        if pos < t.first:
            d = _word_distance(rec.tokens, pos, head.first)  # a list binds as one to the word before it
            if d > BEFORE_WINDOW:
                continue
        elif pos > t.last:
            d = _word_distance(rec.tokens, _after_apposition(rec.tokens, t.last, pos), pos)
            if d > AFTER_WINDOW:
                continue
            d += 1  # a word before the place binds a little more tightly than one after it
        else:
            continue
        if best is None or d < best[0]:
            best = (d, typ, hypo)
    if best is None:
        inherited = _list_lead(si, triggers, ends)
        if inherited is not None:
            return RoleCall("event", inherited, INHERITED_EVENT)
    if best is None or best[2]:
        return RoleCall("mention", None, NO_EVENT_WORD)
    if regional:
        return RoleCall("event", best[1], REGION_EVENT)
    return RoleCall("event", best[1], NEAR_EVENT_WORD if best[0] <= NEAR_WORDS else FAR_EVENT_WORD)


def _modifies_organisation(t: Toponym, tokens: Sequence[Token]) -> bool:
    """'the Odesa regional administration said', 'the governor of the Sumy region': the name qualifies
    a body or an office; it is not where things happen."""
    k = t.first - 1
    if k >= 0 and tokens[k].is_word and tokens[k].is_cyrillic and tokens[k].lower in TITLES:
        return True  # "губернатор Брянской области", "голова Харківської ОВА": the office's seat
    if k >= 0 and tokens[k].is_word and tokens[k].lower == "the":
        k -= 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].is_word and tokens[k - 1].lower in _ORG_NOUNS:
        return True
    k = t.last + 1
    seen = 0
    while k < len(tokens) and tokens[k].is_word and seen < 3:
        low = tokens[k].lower
        if low in _ORG_NOUNS:
            return True
        if low not in _ORG_MODIFIERS:
            return False
        seen += 1
        k += 1
    return False


def _reference_point(t: Toponym, tokens: Sequence[Token]) -> bool:
    """'20 km north-west of Toretsk', '80 km from the border of X': a place used only to measure from."""
    words: list[str] = []
    k = t.first - 1
    while k >= 0 and len(words) < 7:
        if tokens[k].is_word or tokens[k].kind == "n":
            words.append(tokens[k].lower)
        elif tokens[k].text in ".;:!?":
            break
        k -= 1
    if not words:
        return False
    if words[0] in _ORIGIN_WORDS or (
        words[0] in ("of", "in", "from") and len(words) > 1 and words[1] in _ORIGIN_WORDS
    ):
        return True  # "a native of X", "уроженец Покровска": a biography, not where the event is
    measured = any(w in _DISTANCE_UNITS or w[:1].isdigit() for w in words[1:4])
    # "a town just north of Donetsk": the direction places another settlement, so this one is a reference
    measured = measured or any(w in FEATURE_WORDS for w in words[2:7])
    if words[0] == "of" and len(words) > 1 and direction_of(words[1]) is not None and measured:
        return True  # "west of Artemovsk" alone locates an event; "20 km north-west of Toretsk" measures
    if words[0] in ("from", "від", "от") and any(w in _DISTANCE_UNITS for w in words[1:]):
        return True
    if words[0] in ("от", "від") and len(words) > 1 and compass_bearing(words[1]) is not None:
        return True  # "на восток от Коренево", "на північ від Куп'янська": the place measured from
    return False


def _after_apposition(tokens: Sequence[Token], last: int, pos: int) -> int:
    """Skip ', about 12 km west of Bakhmut,' between a place and the event word after it."""
    k = last + 1
    if k < len(tokens) and tokens[k].text == ",":
        for j in range(k + 1, min(pos, k + 16)):
            if tokens[j].text == ",":
                return j
            if tokens[j].text in ".;:":
                break
    return last


def _list_lead(si: int, triggers, ends: dict[int, str]) -> str | None:
    """List items after 'strikes were recorded:' take the event word of the sentence that leads the list."""
    k = si - 1
    while k >= 0 and si - k <= 12:
        last = ends.get(k)
        if last == ":":
            items = [(typ, hypo) for _, typ, hypo in triggers.get(k, ())]
            return next((typ for typ, hypo in reversed(items) if not hypo), None)
        if last not in (";", ","):
            return None
        k -= 1
    return None


def _prev_word(tokens: Sequence[Token], k: int) -> Token | None:
    k -= 1
    while k >= 0 and not tokens[k].is_word:
        if tokens[k].text in ".!?;:\n":
            return None
        k -= 1
    return tokens[k] if k >= 0 else None


def _next_word(tokens: Sequence[Token], k: int) -> tuple[Token | None, int]:
    """The word right after token k, or None when punctuation comes first."""
    k += 1
    if k < len(tokens) and tokens[k].is_word:
        return tokens[k], k
    return None, k


def _is_metonym(m: Mention, t: Toponym, tokens: Sequence[Token], lang: str) -> bool:
    """A capital used for its government or army, read from the words around it; a region named as its
    administration ("Харківської ОВА")."""
    rn = region_noun(tokens[t.last].lower) if t.region_phrase else None
    if rn is not None and rn.kind == "body":
        return True
    country = m.place is not None and m.place.place.kind == "country"
    if country:
        # "минобороны России", "ЗС РФ", "the Armed Forces of Ukraine": the state's body. A country as
        # the subject ("Russia said") stays a mention, as the seed's reading has it.
        return _of_an_institution(t, tokens)
    if not is_capital(m):
        return False
    nxt, at = _next_word(tokens, t.last)
    if t.possessive:  # "in Moscow's attempt": the owner of an agent noun, whatever governs the phrase
        return nxt is None or nxt.lower not in _PLACE_NOUNS
    prev = _prev_word(tokens, t.first)
    if prev is not None and (prev.lower in SPEECH_VERBS or prev.lower.startswith(_ACCUSE_STEMS)):
        return True  # "Russia accused Kyiv", "Москва обвиняет Киев": addressed as an actor
    if prev is not None and prev.lower != "to":
        if prev.lower in LOCATIVE_PREPOSITIONS or prev.lower in _CYR_PREPOSITIONS:
            return False
    if nxt is None or nxt.is_cap:
        return False
    low = nxt.lower
    if low in ("and", "or", "и", "і", "та") and at + 2 < len(tokens) and tokens[at + 1].is_cap:
        # "Beijing and Tehran have denied": look past the second subject
        nxt, at = _next_word(tokens, at + 1)
        if nxt is None or nxt.is_cap:
            return False
        low = nxt.lower
    if low in SPEECH_VERBS:
        return True
    if low in _AGENT_NEXT:
        after, _ = _next_word(tokens, at)
        if (
            low in ("is", "was", "has", "had")
            and after is not None
            and after.lower in (*_PASSIVE_EVENT, "been")
        ):
            return False
        return True
    if nxt.is_cyrillic:  # "Киев наполягає", "Киев эти заявления не комментирует"; not "над Києвом"
        if not (prev is None or t.sentence_initial or prev.lower in _CYR_SUBORDINATORS):
            return False
        k = at
        for _ in range(4):
            if k >= len(tokens) or not tokens[k].is_word:
                return False
            if is_verb(tokens[k].lower, lang):
                return True
            k += 1
        return False
    if (low.endswith("ing") or low.endswith("ed")) and len(low) > 4:
        return low not in _PASSIVE_EVENT
    # the subject of a clause: "since Moscow quit the deal", "Kyiv hosts"
    clause_start = prev is None or t.sentence_initial or prev.lower in _SUBORDINATORS
    return clause_start and low not in _NOT_VERBS and not low.endswith("ly")


_INSTITUTION_STEMS = (
    "минобороны", "міноборони", "министерств", "міністерств", "мчс", "мвд", "мид", "мзс", "фсб", "сбу",
    "вс", "зс", "сил", "армия", "армии", "армії", "правительств", "уряд", "генштаб", "ведомств", "власт",
)  # fmt: skip
_INSTITUTIONS_EN = frozenset(
    "ministry defence defense forces army government authorities military navy embassy".split()
)


def _of_an_institution(t: Toponym, tokens: Sequence[Token]) -> bool:
    """The country is the genitive owner of a state body: "минобороны России", "Вооруженных сил
    Украины", "ЗС РФ", "the Ministry of Defense of Russia", "the Armed Forces of Ukraine"."""
    prev = _prev_word(tokens, t.first)
    if prev is None:
        return False
    if prev.lower == "of":
        before = _prev_word(tokens, tokens.index(prev, max(0, t.first - 3), t.first))
        return before is not None and before.lower in _INSTITUTIONS_EN
    return prev.is_cyrillic and prev.lower.startswith(_INSTITUTION_STEMS) and len(prev.lower) <= 12


def _regions_of_events(mentions: Sequence[Mention], roles, tops: Sequence[Toponym], rec: Recognition):
    """A region that only contains the sentence's event place is context: "shelling of Chasiv Yar in
    Donetsk Oblast", "ударів по 7 населених пунктах Харківської області"; a region that is itself where
    the thing happened ("drones hit the Bryansk region") keeps its event."""
    out = list(roles)
    by_sentence: dict[int, list[int]] = {}
    for k, t in enumerate(tops):
        by_sentence.setdefault(rec.sent_of[t.first], []).append(k)
    for ks in by_sentence.values():
        inside = {
            (m.place.place.country, m.place.place.admin1)
            for k in ks
            if out[k][0] == "event"
            and (m := mentions[k]).place is not None
            and m.place.place.kind == "settlement"
        }
        for k in ks:
            place = mentions[k].place.place if mentions[k].place is not None else None
            if out[k][0] != "event" or place is None or place.kind not in ("admin1", "admin2"):
                continue
            if (place.country, place.admin1) in inside or _locates_a_settlement_noun(tops[k], rec.tokens):
                out[k] = RoleCall("mention", None, REGION_OF_EVENT)
    return out


_SETTLEMENT_STEMS = ("населен", "пункт", "сел", "посел", "поселк", "город", "міст", "селищ", "хутор")
_LOCATIVE_BEFORE_REGION = frozenset("в во у на in".split())


def _locates_a_settlement_noun(t: Toponym, tokens: Sequence[Token]) -> bool:
    """ "семь населенных пунктов в ДНР", "a small village in the Donetsk region": the region says where
    the unnamed places are."""
    words = []
    k = t.first - 1
    while k >= 0 and len(words) < 4:
        if tokens[k].is_word:
            words.append(tokens[k].lower)
        k -= 1
    if words and words[0] in _LOCATIVE_BEFORE_REGION:
        words = words[1:]
    elif words and words[0] == "the" and len(words) > 1 and words[1] == "in":
        words = words[2:]
    else:
        return bool(words) and words[0].startswith(("пункт", "населен"))  # "по 7 населених пунктах Х-ої"
    return bool(words) and (words[0] in _SETTLEMENT_NOUNS or words[0].startswith(_SETTLEMENT_STEMS))


def _share_roles(mentions, roles, tops: Sequence[Toponym], rec: Recognition, text: str):
    """Aliases and listed places ('A and B', 'A, B', 'in A, 40 km north of B, and in C') take the event
    role of their neighbour in the list."""
    out = list(roles)
    n = len(mentions)
    for _ in range(2):
        for i in range(n - 1):
            for j in (i + 1, i + 2):
                if j >= n or rec.sent_of[tops[i].first] != rec.sent_of[tops[j].first]:
                    continue
                a, b = mentions[i], mentions[j]
                gap = text[a.end : b.start].strip().lower()
                same_entity = j == i + 1 and a.entity is not None and a.entity == b.entity
                if j == i + 1:
                    listed = gap in _LIST_GAPS or bool(_LIST_WITH_APPOSITION.match(gap))
                else:  # skip one place that only sits inside an apposition between the two
                    listed = bool(_LIST_WITH_APPOSITION.match(gap)) and out[i + 1][0] != "event"
                listed = listed and not (is_regionish(tops[i]) or is_regionish(tops[j]))
                if not (same_entity or listed):
                    continue
                for src, dst in ((i, j), (j, i)):
                    if (
                        out[src].role == "event"
                        and out[dst][:2] == ("mention", None)
                        and _placeable(mentions[dst])
                    ):
                        out[dst] = out[src]._replace(certainty=min(out[src].certainty, LISTED_EVENT))
    return out


def _placeable(m: Mention) -> bool:
    return m.place is None or m.place.place.kind not in ("country",)


def _consistent_types(mentions: list[Mention]) -> list[Mention]:
    """A generic 'attack' on a place takes the specific type reported elsewhere for the same place."""
    specific: dict[int, str] = {}
    for m in mentions:
        if m.role == "event" and m.entity is not None and m.event_type and m.event_type not in GENERIC:
            specific.setdefault(m.entity, m.event_type)
    return [
        replace(m, event_type=specific[m.entity])
        if m.role == "event" and m.event_type in GENERIC and m.entity in specific
        else m
        for m in mentions
    ]
