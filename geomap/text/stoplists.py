"""Small curated word lists the recogniser and interpreter use as general cues.

These are closed classes (months, titles, verbs of speech, region nouns, demonyms) and a short list
of frequent false positives (platforms, agencies, given names), not the words of any one article.
All entries are lower case; Cyrillic stems are matched as prefixes where noted.
"""

from __future__ import annotations

# Nationality adjectives that say which country a following place is in ("the Romanian city of Galati",
# "з американським Нью-Йорком"); English words whole, Cyrillic entries are stems.
from geomap.countries import DEMONYM_COUNTRY, DEMONYM_COUNTRY_STEMS

# Compass qualifiers and the bearing (degrees from north) they point to; Cyrillic stems match as prefixes.
from geomap.geodesy.compass import COMPASS_WORDS as DIRECTIONS
from geomap.geodesy.compass import WORD_STEMS as DIRECTION_STEMS


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


MONTHS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    январь января январе февраль февраля феврале март марта марте апрель апреля апреле май мая мае
    июнь июня июне июль июля июле август августа августе сентябрь сентября сентябре октябрь октября
    октябре ноябрь ноября ноябре декабрь декабря декабре
    січень січня лютий лютого березень березня квітень квітня травень травня червень червня липень
    липня серпень серпня вересень вересня жовтень жовтня листопад листопада грудень грудня
    """
)

WEEKDAYS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday
    понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
    понеділок вівторок середа середу четвер пʼятниця п'ятниця п’ятницю субота суботу неділя неділю
    """
)

# Capitalised only because they start a sentence or a headline; never places on their own.
FUNCTION_WORDS = _words(
    """
    a an the and or but nor so yet if then than that this these those there here when where while whilst
    as at by for from in into of off on onto out over to under up with without within about above across
    after against along among around before behind below beneath beside between beyond during except
    inside near since through throughout toward towards upon via
    he she it we they i you his her its our their my your him them us who whom whose which what why how
    all any both each every few many more most much no none not only other some such one two three
    is are was were be been being has have had do does did will would shall should can could may might
    must also just even still already again however meanwhile moreover nevertheless thus therefore
    yes no please according despite although though because unless until whether
    mr mrs ms dr sir madam
    и а но или в во на с со к ко по за из от до у о об при для без под над перед через про это
    этот эта эти тот та те он она они мы вы я его её ее их как так же ли не ни уже ещё еще также
    і й та але чи в у на з зі із до від по за для без під над перед через про це цей ця ці той
    ті він вона вони ми ви я його її їх як так також вже ще не ні
    """
)

# Generic geographic nouns: capitalised inside a longer name ("Black Sea"), never a place alone.
GEO_NOUNS = _words(
    """
    sea seas river rivers lake lakes bay gulf island islands mountains mount strait canal reservoir dam
    bridge plant station airport base port harbour harbor coast peninsula valley forest border front
    море река озеро остров залив водохранилище річка острів затока водосховище
    """
)

# Capitalised words after a place name that make it part of an organisation's or outlet's name.
ORGANISATION_SUFFIXES = _words(
    """
    group company corporation corp fleet brigade battalion regiment division corps party bank institute
    university airlines club fc times post news herald daily journal agency independent pravda truth
    """
)

# Words placed before a person's name.
TITLES = _words(
    """
    president president-elect vice-president prime premier minister chancellor secretary senator
    governor mayor general lieutenant colonel major captain sergeant admiral commander marshal
    spokesman spokeswoman spokesperson ambassador envoy chairman chairwoman chief director leader
    king queen prince princess pope patriarch archbishop bishop mr mrs ms dr sir lord lady judge
    presidential deputy head speaker
    президент премьер министр губернатор мэр генерал полковник майор капитан командующий глава
    председатель спикер посол патриарх пресс-секретарь прем'єр прем’єр міністр губернатор мер
    генерал полковник майор капітан командувач голова речник посол патріарх очільник
    губернатора губернатору губернатором главы главе главу главой мэра мэру мэром врио начальник
    начальника начальнику начальником голови голові голову головою мера меру мером очільника
    очільник очільниця начальниця
    """
)

# Verbs of speech and cognition: "X said" marks X as a speaker (a person, or a capital as metonym).
SPEECH_VERBS = _words(
    """
    said says say told tells added adds stated states wrote writes announced announces claimed claims
    declared declares warned warns insisted insists denied denies accused accuses urged urges vowed
    vows promised promises threatened threatens replied replies responded responds noted notes
    argued argues asked asks admitted admits confirmed confirms reported reports explained explains
    believes believed thinks thought wants wanted hopes hoped demanded demands
    сказал сказала заявил заявила сообщил сообщила отметил отметила написал написала пообещал
    пригрозил подчеркнул считает заявляет сообщает говорит
    сказав сказала заявив заявила повідомив повідомила зазначив зазначила написав написала пообіцяв
    пригрозив наголосив вважає заявляє повідомляє каже
    """
)

# Organisations, platforms, agencies and media that look like proper names.
ORGANISATIONS = _words(
    """
    telegram facebook twitter instagram youtube tiktok whatsapp viber signal vkontakte vk x
    reuters afp ap bbc cnn tass ria interfax ukrinform unian bloomberg getty
    nato un eu osce iaea icrc imf g7 g20 brics csto
    kremlin pentagon congress senate parliament duma rada verkhovna white house
    advertisement photo video reuters/ afp/ ap/
    republican republicans democrat democrats
    телеграм телеграмм телеграм-канал кремль госдума дума рада нато оон ес тасс риа интерфакс
    телеграм-каналі кремля кремлі
    """
)

# Weapon systems and aircraft of this war whose names are also towns somewhere (Stryker, Kansas; Buk,
# Poland; Javelin ~ Avelin): alone, such a word is the weapon.
WEAPONS = _words(
    """
    stryker strykers javelin javelins harpoon himars atacms patriot patriots abrams bradley bradleys
    leopard leopards challenger marder gepard caesar krab archer nasams iris-t taurus scalp hawk
    iskander kalibr kinzhal oreshnik onyx oniks zircon tsirkon shahed shaheds geran lancet grad smerch
    uragan tornado buk tor pantsir tochka bayraktar
    искандер искандеры калибр калибры кинжал кинжалы орешник оникс циркон шахед шахеды герань ланцет
    град смерч ураган торнадо бук тор панцирь точка-у байрактар хаймарс пэтриот
    іскандер калібр кинджал орєшнік шахеди ланцет байрактар хаймерс петріот
    """
)

# Adjectives and nouns of nationality; places only when they name one ("Ukrainian" never does).
DEMONYMS = _words(
    """
    russian russians ukrainian ukrainians belarusian belarusians american americans british european
    europeans western eastern soviet chechen georgian moldovan polish german french italian spanish
    chinese iranian north korean korean turkish israeli syrian crimean tatar finnish swedish norwegian
    estonian latvian lithuanian romanian hungarian slovak czech dutch belgian baltic nordic asian african
    arab kazakh uzbek armenian azerbaijani serbian bulgarian japanese indian canadian australian
    """
)

# Common given names in reporting about the war; a following capitalised word is a surname, not a place.
GIVEN_NAMES = _words(
    """
    vladimir volodymyr dmitry dmitri dmytro sergei sergey serhiy serhii andriy andrii andrei andrey
    oleksandr aleksandr alexander alexei alexey oleksiy oleksii mykhailo mikhail yuriy yuri yury
    viktor igor ihor ivan petro pyotr vitali vitaliy vitalii valery valerii valeriy kirill kyrylo
    ramzan yevgeny yevgeniy denys denis maria mariya olena elena yulia yuliia iryna irina anna
    rustem ruslan roman pavlo pavel oleg oleh ilya illia mykola nikolai nikolay vasyl vasily
    donald joe joseph kamala antony jake lloyd mike mark marco boris keir rishi emmanuel olaf friedrich
    recep tayyip xi kim narendra benjamin jens ursula charles antonio viktor andrzej alexander
    john james robert william david richard thomas george michael peter paul
    владимир володимир дмитрий дмитро сергей сергій андрей андрій александр олександр алексей олексій
    михаил михайло юрий юрій виктор віктор игорь ігор иван іван пётр петр петро валерий валерій рамзан
    евгений євген денис мария марія елена олена юлия юлія ирина ірина руслан роман павел павло олег
    николай микола василий василь дональд джо эммануэль еммануель кирилл кирило антон илья ілля
    """
)

# Feature words that say what kind of place a name is; value: the expected size class.
FEATURE_WORDS: dict[str, str] = {
    **{w: "village" for w in "village villages hamlet hamlets settlement settlements".split()},
    **{w: "village" for w in "село села селе сёла деревня деревни посёлок поселок посёлка поселка".split()},
    **{w: "village" for w in "хутор хутора станица станицы селище селища хутір смт пгт".split()},
    **{w: "town" for w in "town towns township".split()},
    **{w: "city" for w in "city cities capital metropolis город города місто міста столица столиця".split()},
    **{w: "hub" for w in "hub port".split()},
}

# Lowercase words allowed inside a multi-word name ("Rostov on Don", "Republic of Tatarstan").
CONNECTORS = _words("on upon na de del la le am of and-")

# Prepositions that put what follows in a place ("in Kyiv", "under Pokrovsk", "біля Курахового").
LOCATIVE_PREPOSITIONS = _words(
    """
    in at on near over to from into across around outside towards toward through of inside off
    в во на под над около возле у из к по вблизи близ
    в у на під над біля поблизу коло з із до по
    """
)

# Words saying a place is only approximately where something happened.
APPROXIMATE_PREPOSITIONS = _words(
    "near outside around outskirts vicinity nearby close под около возле вблизи близ окрестностях "
    "біля поблизу"
)


def direction_of(word: str) -> float | None:
    """The bearing a compass word points to, or None."""
    w = word.lower().replace("‐", "-")
    if w in DIRECTIONS:
        return DIRECTIONS[w]
    if w and "\u0400" <= w[0] <= "\u04ff":
        for stem, deg in DIRECTION_STEMS:
            if w.startswith(stem):
                return deg
    return None


def demonym_country(word: str) -> str | None:
    """The country a nationality adjective names, or None."""
    w = word.lower()
    if w in DEMONYM_COUNTRY:
        return DEMONYM_COUNTRY[w]
    if w and "\u0400" <= w[0] <= "\u04ff":
        for stem, cc in DEMONYM_COUNTRY_STEMS:
            if w.startswith(stem):
                return cc
    return None
