"""Event words (English, Russian, Ukrainian) and the event types they signal.

Event type vocabulary (Mention.event_type):
  drone attack, missile strike, air strike, shelling, attack (unspecified means), explosion,
  capture claim (capture or "liberation" claimed), advance, encirclement, battle, withdrawal.
A generic attack word becomes "drone attack" / "missile strike" / "air strike" / "shelling" when the
same sentence names the means. Cyrillic entries are stems matched as word prefixes.
"""

from __future__ import annotations

from functools import lru_cache

EVENT_TYPES = (
    "drone attack",
    "missile strike",
    "air strike",
    "shelling",
    "attack",
    "explosion",
    "capture claim",
    "advance",
    "encirclement",
    "battle",
    "withdrawal",
)

_EN: dict[str, str] = {}
for _type, _words in (
    (
        "attack",
        "attack attacks attacked attacking strike strikes struck striking hit hits hitting raid raids "
        "target targeted targeting targets bombard bombarded bombardment pounded pounding",
    ),
    ("shelling", "shelling shelled shells"),
    ("air strike", "airstrike airstrikes air-strike bombing bombed bombs"),
    ("explosion", "explosion explosions blast blasts exploded"),
    ("attack", "shot downed intercepted damaged destroyed fire gunfire shellfire"),
    ("attack", "killed killing wounded injured casualties"),
    (
        "capture claim",
        "captured capture captures capturing seized seize seizes seizing liberated liberate "
        "liberation took taken occupied overran control controls controlled",
    ),
    ("advance", "advance advances advanced advancing pushed gains offensive offensives"),
    ("encirclement", "encircled encircle encircling encirclement surrounded surround surrounding"),
    (
        "battle",
        "fighting fight fights battle battles battling clashes clashed combat assault assaults stormed "
        "counterattack counterattacks counter-attack counter-attacks repelled repulsed",
    ),
    ("withdrawal", "withdrew withdrawn withdrawal retreat retreated retreating pulled"),
):
    for _w in _words.split():
        _EN[_w] = _type

_CYR_STEMS: tuple[tuple[str, str], ...] = (
    ("атак", "attack"),
    ("удар", "attack"),
    ("постражд", "attack"),  # casualties are reported where an attack hit: "у с. X постраждав чоловік"
    ("пострадал", "attack"),
    ("загинув", "attack"),
    ("загинул", "attack"),
    ("загибл", "attack"),
    ("погиб", "attack"),
    ("поранен", "attack"),
    ("ранен", "attack"),
    ("поразил", "attack"),
    ("уразил", "attack"),
    ("прилет", "attack"),
    ("приліт", "attack"),
    ("влучан", "attack"),
    ("обстрел", "shelling"),
    ("обстріл", "shelling"),
    ("авиаудар", "air strike"),
    ("авіаудар", "air strike"),
    ("бомбардир", "air strike"),
    ("взрыв", "explosion"),
    ("вибух", "explosion"),
    ("освобо", "capture claim"),
    ("звільн", "capture claim"),
    ("захват", "capture claim"),
    ("захопи", "capture claim"),
    ("захопл", "capture claim"),
    ("заняли", "capture claim"),
    ("занят", "capture claim"),
    ("взяли", "capture claim"),
    ("загину", "attack"),
    ("поврежд", "attack"),
    ("пошкодж", "attack"),
    ("уничтож", "attack"),
    ("знищ", "attack"),
    ("разрушен", "attack"),
    ("зруйнов", "attack"),
    ("загинул", "attack"),
    ("погиб", "attack"),
    ("поранен", "attack"),
    ("пострада", "attack"),
    ("ранен", "attack"),
    ("контролю", "capture claim"),
    ("пво", "attack"),
    ("ппо", "attack"),
    ("контроль", "capture claim"),
    ("сбит", "attack"),
    ("сбил", "attack"),
    ("збит", "attack"),
    ("збил", "attack"),
    ("перехвач", "attack"),
    ("перехопл", "attack"),
    ("взят", "capture claim"),
    ("взятт", "capture claim"),
    ("наступ", "advance"),
    ("отбил", "battle"),
    ("отраж", "battle"),
    ("відбил", "battle"),
    ("відбит", "battle"),
    ("овладел", "capture claim"),
    ("окупува", "capture claim"),
    ("продвин", "advance"),
    ("продвига", "advance"),
    ("просун", "advance"),
    ("просува", "advance"),
    ("окруж", "encirclement"),
    ("оточ", "encirclement"),
    ("бои", "battle"),
    ("боях", "battle"),
    ("бої", "battle"),
    ("штурм", "battle"),
    ("контратак", "battle"),
    ("контрнаступ", "battle"),
    ("отступ", "withdrawal"),
    ("відступ", "withdrawal"),
)

# Words naming the means; they specialise a generic "attack".
_MEANS_EN: dict[str, str] = {}
for _type, _words in (
    ("drone attack", "drone drones uav uavs shahed shaheds kamikaze"),
    ("missile strike", "missile missiles rocket rockets iskander kalibr kinzhal"),
    ("air strike", "airstrike airstrikes warplane warplanes jets aircraft glide bomb bombs"),
    ("shelling", "artillery shelling mortar mortars howitzer"),
):
    for _w in _words.split():
        _MEANS_EN[_w] = _type
_MEANS_CYR: tuple[tuple[str, str], ...] = (
    ("беспилотн", "drone attack"),
    ("безпілотн", "drone attack"),
    ("дрон", "drone attack"),
    ("бпла", "drone attack"),
    ("шахед", "drone attack"),
    ("ракет", "missile strike"),
    ("авиабомб", "air strike"),
    ("авіабомб", "air strike"),
    ("каб", "air strike"),
    ("артиллер", "shelling"),
    ("артилер", "shelling"),
    ("миномет", "shelling"),
    ("міномет", "shelling"),
)

# Words before an event word that make it a threat, a plan or an attempt rather than a report.
HYPOTHETICAL = frozenset(
    """
    threaten threatened threatens threatening threat vow vowed vows plan plans planned planning intend
    intends intended aim aims aimed attempt attempts attempted try tries tried trying could would might
    may will shall want wants wanted seek seeks sought prepare prepares preparing bid goal order ordered
    if unless whether hope hopes heard hearing hear hears
    prevent prevented prevents deny denied
    угрожа пригроз планир намерев намерен пыта хочет хотят может могут будет погрож планує планують
    намага хоче хочуть може можуть буде
    """.split()
)
NEGATIONS = frozenset("not no never denied denies deny без не ні нет".split())


@lru_cache(maxsize=65536)
def event_word(lower: str) -> str | None:
    """The event type a lowercased word signals, or None."""
    got = _EN.get(lower)
    if got is not None:
        return got
    if lower and "\u0400" <= lower[0] <= "\u04ff":
        for stem, typ in _CYR_STEMS:
            if lower.startswith(stem):
                return typ
    return None


@lru_cache(maxsize=65536)
def means_word(lower: str) -> str | None:
    """The specific event type a word naming the means implies ("drones" -> drone attack), or None."""
    got = _MEANS_EN.get(lower)
    if got is not None:
        return got
    if lower and "\u0400" <= lower[0] <= "\u04ff":
        for stem, typ in _MEANS_CYR:
            if lower.startswith(stem) and (stem != "каб" or len(lower) <= 4):
                return typ
    return None


@lru_cache(maxsize=65536)
def is_hypothetical(lower: str) -> bool:
    if lower in HYPOTHETICAL:
        return True
    if lower and "\u0400" <= lower[0] <= "\u04ff":
        return any(lower.startswith(h) for h in HYPOTHETICAL if "\u0400" <= h[0] <= "\u04ff" and len(h) >= 4)
    return False


GENERIC = frozenset({"attack"})
SPECIALISABLE = frozenset({"attack", "explosion"})
