"""Ingest: formats, encodings, boilerplate sections, sentences, dates, language, and bad input."""

from __future__ import annotations

import io
import os
import sys
import time

import pytest

from geomap.errors import InputError, NotFoundError
from geomap.text.ingest import MAX_BYTES, detect_language, ingest

RU = (
    "Армия России продвинулась под Покровском\n\n"
    "Бои идут под Покровском и в Курахово, сообщили в штабе. "
    "Жители Харьковской области эвакуированы; ещё 40 семей вывезли в Днепр.\n\n"
    "Реклама\n\n"
    "Читайте также\n\n"
    "Эксперты оценили урожай пшеницы на юге страны\n\n"
    "Если вы заметили ошибку, выделите её и нажмите Ctrl + Enter"
)
UK = (
    "У Харкові пролунали вибухи\n\n"
    "Уночі російські дрони атакували Харків, повідомив голова обласної військової адміністрації. "
    "Її слова підтвердили в ДСНС: пошкоджено житловий будинок у Київському районі.\n\n"
    "Фото: ДСНС України\n\n"
    "Читайте також: Генштаб ЗСУ оновив дані про втрати ворога"
)
EN = (
    "Drones strike fuel depot near Kupiansk\n\n"
    "KHARKIV, Dec. 22, 2024 — Russian drones struck a fuel depot outside Kupiansk overnight, Gov. Oleh "
    "Syniehubov said. Firefighters worked until morning.\n\n"
    "Firefighters work at the site of the strike. (Photo by Jane Doe / AFP)\n\n"
    "Advertisement\n\n"
    "The U.S. embassy in Kyiv warned of more attacks. “We are ready,” Mr. Syniehubov said.\n\n"
    "Related\n\n"
    "Harvest Festival Opens in Lviv Despite Power Cuts\n\n"
    "To suggest a correction or clarification, write to us here"
)


def kinds(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in doc.sections:
        out.setdefault(s.kind, []).append(doc.text[s.start : s.end])
    return out


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r"]
)
def test_russian_comes_out_right_in_every_encoding(encoding):
    doc = ingest(RU.encode(encoding))
    assert doc.text == RU
    assert doc.language == "ru"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1251", "koi8-u"])
def test_ukrainian_comes_out_right_in_every_encoding(encoding):
    doc = ingest(UK.encode(encoding))
    assert doc.text == UK
    assert doc.language == "uk"


def test_single_byte_cyrillic_names_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes(RU.encode("koi8-r"))
    (tmp_path / "b.txt").write_bytes(RU.encode("cp1251"))
    assert ingest(tmp_path / "a.txt").encoding == "koi8-r"
    assert ingest(tmp_path / "b.txt").encoding == "cp1251"


def test_short_cp1251_line_is_not_mistaken_for_koi8():
    text = "Удар по Харькову: погибли двое."
    assert ingest(text.encode("cp1251")).text == text
    assert ingest(text.encode("koi8-r")).text == text


def test_english_boilerplate_is_marked_and_kept():
    doc = ingest(EN)
    k = kinds(doc)
    assert doc.title == "Drones strike fuel depot near Kupiansk"
    assert k["title"] == ["Drones strike fuel depot near Kupiansk"]
    assert k["caption"] == ["Firefighters work at the site of the strike. (Photo by Jane Doe / AFP)"]
    assert k["advert"] == ["Advertisement"]
    assert "Harvest Festival Opens in Lviv Despite Power Cuts" in k["teaser"][0]
    assert k["footer"][0].startswith("To suggest a correction")
    # nothing is lost: the text holds every paragraph and body text is not marked
    assert "Kupiansk overnight" in doc.text
    assert doc.section_at(doc.text.index("Kupiansk overnight")) == "body"
    assert doc.section_at(doc.text.index("Lviv")) == "teaser"


def test_russian_and_ukrainian_boilerplate():
    k = kinds(ingest(RU))
    assert k["advert"] == ["Реклама"]
    assert "Эксперты оценили урожай" in k["teaser"][0]
    assert "Ctrl + Enter" in k["footer"][0]
    k = kinds(ingest(UK))
    assert k["caption"] == ["Фото: ДСНС України"]
    assert k["teaser"][0].startswith("Читайте також:")


def test_dateline_gives_date_and_caller_date_wins():
    assert ingest(EN).date == "2024-12-22"
    assert ingest(EN, date="2025-01-03").date == "2025-01-03"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        ingest(EN, date="22/12/2024")


def test_dates_in_story_or_caption_are_not_publication_dates():
    text = (
        "Troops pictured near Vuhledar on September 20, 2023. (Photo by A. B. / Reuters)\n\n"
        "The town was captured on October 2, 2024, after months of fighting, officials said in a "
        "long statement that also covered the situation in the wider region and the supply routes."
    )
    assert ingest(text).date is None


def test_labelled_russian_and_ukrainian_dates():
    assert ingest("Опубликовано: 5 марта 2025 года\n\nВ Курске объявили тревогу.").date == "2025-03-05"
    assert ingest("Новина дня\n\nОпубліковано 17.02.2025, 10:15\n\nУ Сумах вибухи.").date == "2025-02-17"


def test_sentences_have_offsets_and_respect_abbreviations():
    doc = ingest(EN)
    sentences = [doc.text[s:e] for s, e in doc.sentences]
    assert "The U.S. embassy in Kyiv warned of more attacks." in sentences
    assert any(
        s.startswith("KHARKIV, Dec. 22, 2024 — Russian drones struck") and s.endswith("said.")
        for s in sentences
    )
    assert "“We are ready,” Mr. Syniehubov said." in sentences
    for s, e in doc.sentences:
        assert doc.text[s:e] == doc.text[s:e].strip()


def test_cyrillic_sentences_and_initials():
    text = "В. Зеленский посетил г. Херсон. Он встретился с военными! «Мы выстоим», — сказал он."
    doc = ingest(text)
    assert [text[s:e] for s, e in doc.sentences] == [
        "В. Зеленский посетил г. Херсон.",
        "Он встретился с военными!",
        "«Мы выстоим», — сказал он.",
    ]


def test_language_detection():
    assert detect_language("Shelling hit Kharkiv.") == "en"
    assert detect_language("Обстрел Харькова продолжается, сообщили в штабе.") == "ru"
    assert detect_language("Обстріл Харкова триває, повідомили в штабі.") == "uk"


def test_markdown_markup_is_stripped(tmp_path):
    md = tmp_path / "story.md"
    md.write_text(
        "# Strike on **Sumy** hits school\n\n"
        "Russian missiles hit [Sumy](https://example.org/sumy) on *Monday*, officials said.\n\n"
        "![Rescuers at the school in Sumy](img.jpg)\n\n"
        "- Two people were injured.\n- Power was cut in `Konotop`.\n\n"
        "```\ncode that is not prose\n```\n",
        encoding="utf-8",
    )
    doc = ingest(md)
    assert doc.title == "Strike on Sumy hits school"
    assert "Russian missiles hit Sumy on Monday, officials said." in doc.text
    assert "https://" not in doc.text and "**" not in doc.text and "code that" not in doc.text
    assert kinds(doc)["caption"] == ["Rescuers at the school in Sumy"]
    assert "Power was cut in Konotop." in doc.text


HTML = """<!DOCTYPE html><html><head><title>Shelling in Kherson | Example News</title>
<meta property="og:title" content="Shelling in Kherson leaves city without power">
<meta property="article:published_time" content="2024-11-05T08:30:00+02:00"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li>Sport in Madrid</li></ul></nav>
<div class="banner">Buy cheap flights to Barcelona!</div>
<article><h1>Shelling in Kherson leaves city without power</h1>
<p>Russian artillery shelled Kherson on Tuesday morning, damaging a substation and leaving most of the city
without electricity, the regional military administration said in a statement.</p>
<p>Advertisement</p>
<p>Repair crews were working to restore supply to hospitals first, officials added, while residents of
nearby Bilozerka reported explosions throughout the night.</p>
</article><footer><p>All rights reserved. Contact us.</p></footer></body></html>"""


def test_html_body_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = ingest(path)
    assert doc.title == "Shelling in Kherson leaves city without power"
    assert doc.date == "2024-11-05"
    assert "Bilozerka" in doc.text and "Madrid" not in doc.text and "Barcelona" not in doc.text
    assert kinds(doc)["advert"] == ["Advertisement"]


def test_html_in_cp1251_is_sniffed_without_extension():
    doc = ingest(HTML.replace("Kherson", "Херсон").encode("cp1251"))
    assert "Херсон" in doc.text


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(UK.encode("cp1251"))))
    doc = ingest(sys.stdin.buffer, source="<stdin>")
    assert doc.source == "<stdin>" and doc.text == UK


def test_a_str_is_text_never_a_file_name(tmp_path):
    """Issue 15 item 6: a one-line text naming a file is read as that text, not as the file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Explosions were reported in Kharkiv overnight, officials said.")
    doc = ingest(str(secret))
    assert doc.source == "<text>" and doc.text == str(secret)
    assert ingest("report from Kharkiv.txt").text == "report from Kharkiv.txt"  # no NotFoundError
    assert ingest("-").text == "-"  # no hidden read of standard input


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        ingest(fifo)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 20, "binary"),
        (b"PK\x03\x04" + bytes(range(256)) * 40, "binary"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        ingest(path)
    assert "\n" not in str(info.value)


def test_html_without_body(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(InputError, match="no article body"):
        ingest(path)


def test_missing_and_unreadable_paths(tmp_path):
    with pytest.raises(NotFoundError):
        ingest(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        ingest(tmp_path)


def test_huge_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="MB"):
        ingest(path)
    assert time.perf_counter() - t0 < 1.0
    with pytest.raises(InputError, match="MB"):
        ingest(b"a" * (MAX_BYTES + 1))


def test_one_megabyte_is_fast_and_pathological_input_does_not_hang():
    big = ("Russian forces shelled Kharkiv on Sunday, Gov. Oleh Syniehubov said. " * 30 + "\n\n") * 500
    t0 = time.perf_counter()
    doc = ingest(big)
    assert time.perf_counter() - t0 < 1.0
    assert len(doc.sentences) > 10000
    for nasty in ("(" * 200_000, "." * 300_000, "*_" * 200_000, "[" * 100_000 + "](" * 100_000):
        t0 = time.perf_counter()
        ingest(nasty)
        assert time.perf_counter() - t0 < 2.0


def test_date_line_is_not_a_title():
    doc = ingest("9 января 2025, 12:40\n\nВ Херсоне объявили тревогу. Жителей просят оставаться в укрытиях.")
    assert doc.title is None and doc.date == "2025-01-09"


def test_html_fragment_is_read_as_html():
    frag = (
        "<p>Russian shelling hit Nikopol on Friday, the regional governor said, damaging a kindergarten.</p>"
        "<p>Advertisement</p><p>Two people were taken to hospital with shrapnel wounds, officials added.</p>"
    )
    doc = ingest(frag)
    assert "<p>" not in doc.text and "Nikopol" in doc.text


def test_oversized_html_page_is_refused(monkeypatch):
    from geomap.text import ingest as module

    monkeypatch.setattr(module, "MAX_HTML_CHARS", 100)
    with pytest.raises(InputError, match="HTML page"):
        ingest(HTML)


def test_wire_datelines_are_body_and_credits_are_captions():
    text = (
        "KYIV, Ukraine (AP) — Russian missiles struck Kyiv overnight, officials said on Sunday.\n\n"
        "KHARKIV, Dec 22 (Reuters) - Drones hit Kharkiv, the mayor said in a statement.\n\n"
        "A woman walks past a destroyed building in Kharkiv. Getty Images\n\n"
        "Firefighters at work in Kyiv on Sunday. (AP Photo/Jane Roe)"
    )
    doc = ingest(text)
    assert doc.section_at(doc.text.index("Russian missiles")) == "body"
    assert doc.section_at(doc.text.index("Drones hit")) == "body"
    assert doc.section_at(doc.text.index("A woman walks")) == "caption"
    assert doc.section_at(doc.text.index("Firefighters")) == "caption"


def test_slightly_damaged_utf8_is_still_utf8():
    data = RU.encode("utf-8")
    damaged = data[:41] + data[42:]  # one byte of a two-byte letter lost
    doc = ingest(damaged)
    assert doc.encoding.startswith("utf-8") and "Покровском" in doc.text


def test_hard_wrapped_paragraph_is_one_paragraph():
    text = (
        "Ukrainian forces said on Monday they had repelled an attack near the\n"
        "village of Novoselivka, north of Lyman, while Governor Vadym\n"
        "Filashkin said shelling had killed two people in the town of\n"
        "Kostiantynivka overnight.\n\n"
        "Officials gave no further details."
    )
    doc = ingest(text)
    assert doc.text.startswith("Ukrainian forces said on Monday they had repelled an attack near the village")
    assert "Governor Vadym Filashkin said" in doc.text
    assert len(doc.sentences) == 2


def test_seed_article_furniture(seed_article):
    doc = ingest(seed_article, "2024-12-22")
    assert doc.date == "2024-12-22" and doc.language == "en" and doc.title is None
    assert doc.section_at(doc.text.index("Vredepeel")) == "caption"
    assert all(doc.section_at(i) == "teaser" for i in _all(doc.text, "US Capitol"))
    assert [doc.text[s.start : s.end] for s in doc.sections if s.kind == "advert"] == ["Advertisement"] * 2
    assert doc.section_at(doc.text.index("Ctrl + Enter")) == "footer"
    for phrase in ("center of Kyiv", "Lozova", "Kurakhove", "Moscow’s army", "Tatarstan"):
        assert doc.section_at(doc.text.index(phrase)) == "body", phrase


def _all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def test_source_and_tag_lines_and_partner_blocks():
    text = (
        "Взрывы в Белгороде\n\n"
        "Ночью в Белгороде прозвучали взрывы, сообщили местные власти. Пострадавших нет.\n\n"
        "Новости партнеров\n\n"
        "Источник: ТАСС\n\n"
        "Теги: Белгород, Харьков, беспилотники"
    )
    k = kinds(ingest(text))
    assert k["advert"] == ["Новости партнеров"]
    assert "Теги: Белгород, Харьков, беспилотники" in k["footer"][0]
    assert "Источник: ТАСС" in k["footer"][0]


@pytest.mark.parametrize("word", ["Київ", "Москва", "Лозова", "«Лозова» — це місто", "Їжак і єнот"])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8-u"])
def test_even_a_word_or_two_of_cyrillic_decodes_right(word, encoding):
    try:
        data = word.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} has no « » or —")
    assert ingest(data).text == word


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_single_byte_english(encoding):
    text = "The café owner in Kharkiv said the naïve plan failed. " * 3
    assert ingest(text.encode(encoding)).text == text.strip()


def test_markdown_on_standard_input_is_sniffed(monkeypatch):
    md = "# Blasts in **Odesa**\n\nExplosions were heard in [Odesa](https://x.org) overnight, officials said."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(md.encode())))
    doc = ingest(sys.stdin.buffer)
    assert doc.title == "Blasts in Odesa" and "https://" not in doc.text


def test_dateline_with_city_and_country():
    text = (
        "KHARKIV, Ukraine, May 28, 2024 — Russian aircraft dropped glide bombs on Vovchansk, officials said."
    )
    assert ingest(text).date == "2024-05-28"


def test_key_points_heading_is_story_and_copyright_credit_is_caption():
    text = (
        "Головне за ніч\n\n"
        "Російські дрони атакували Одесу: пошкоджено портову інфраструктуру.\n\n"
        "Рятувальники гасять пожежу в порту. Фото © ДСНС"
    )
    doc = ingest(text)
    assert doc.section_at(doc.text.index("Одесу")) == "body"
    assert doc.section_at(doc.text.index("Рятувальники")) == "caption"
