"""Offset conversion between the ways tools count and Stemmen's code points into LF text."""

from __future__ import annotations

import pytest

from stemmen.formats.refi_positions import (
    Scheme,
    TextIndex,
    choose,
    decode_text,
    prior_for,
    to_units,
)

RAW = "Één 😀 twee\r\nDrie 🇧🇪 vier\r\nvijf"
LF = RAW.replace("\r\n", "\n")


def offsets(text: str, phrase: str, *, utf16: bool) -> tuple[int, int]:
    start = text.index(phrase)
    if not utf16:
        return start, start + len(phrase)
    units = len(text[:start].encode("utf-16-le")) // 2
    return units, units + len(phrase.encode("utf-16-le")) // 2


@pytest.mark.parametrize(("scheme", "base", "utf16"), [
    (Scheme.CODEPOINT, RAW, False), (Scheme.UTF16, RAW, True),
    (Scheme.CODEPOINT_LF, LF, False), (Scheme.UTF16_LF, LF, True),
])
@pytest.mark.parametrize("phrase", ["Één", "😀 twee", "Drie 🇧🇪", "vier\r\nvijf", "vijf"])
def test_every_scheme_converts_to_code_points_in_lf_text(
    scheme: Scheme, base: str, utf16: bool, phrase: str
) -> None:
    index = TextIndex(RAW)
    wanted = phrase if base is RAW else phrase.replace("\r\n", "\n")
    start, end = offsets(base, wanted, utf16=utf16)
    a, b = index.convert(start, scheme), index.convert(end, scheme, end=True)
    assert index.text[a:b] == phrase.replace("\r\n", "\n")


def test_length_per_scheme() -> None:
    index = TextIndex(RAW)
    assert index.length(Scheme.CODEPOINT) == len(RAW)
    assert index.length(Scheme.CODEPOINT_LF) == len(LF)
    assert index.length(Scheme.UTF16) == len(RAW.encode("utf-16-le")) // 2
    assert index.length(Scheme.UTF16_LF) == len(LF.encode("utf-16-le")) // 2


def test_an_offset_inside_a_surrogate_pair_keeps_the_whole_emoji() -> None:
    index = TextIndex("a😀b")
    assert index.convert(2, Scheme.UTF16) == 1
    assert index.convert(2, Scheme.UTF16, end=True) == 2


def test_schemes_collapse_when_text_has_no_emoji_or_crlf() -> None:
    assert TextIndex("plain\ntext").schemes(Scheme.UTF16) == [Scheme.CODEPOINT]
    assert len(TextIndex(RAW).schemes(Scheme.CODEPOINT)) == 4


def test_choose_prefers_the_scheme_that_fits_words_and_stored_text() -> None:
    index = TextIndex(RAW)
    spans = [(*offsets(RAW, w, utf16=True), "") for w in ("twee", "Drie", "vier", "vijf")]
    scheme, why = choose(index, spans, Scheme.CODEPOINT)
    assert scheme == Scheme.UTF16 and "4 of 4" in why
    quoted = [(*offsets(LF, "Drie 🇧🇪 vier", utf16=False), "Drie 🇧🇪 vier")]
    assert choose(index, quoted, Scheme.UTF16)[0] == Scheme.CODEPOINT_LF


def test_ties_go_to_what_the_tool_is_known_to_do() -> None:
    index = TextIndex(RAW)
    assert choose(index, [], prior_for("NVivo", "NVivo 12"))[0] == Scheme.UTF16
    assert prior_for("ATLAS.ti", "") == Scheme.CODEPOINT_LF
    assert prior_for("Stemmen", "Stemmen 1 (positions in UTF-16 code units)") == Scheme.UTF16
    assert prior_for("", "") == Scheme.CODEPOINT


def test_decode_text_strips_a_bom_and_reads_utf16() -> None:
    assert decode_text(b"\xef\xbb\xbfabc") == ("abc", "UTF-8 with BOM")
    assert decode_text("é😀".encode("utf-16")) == ("é😀", "UTF-16")
    with pytest.raises(UnicodeError):
        decode_text("é".encode("latin-1"))


def test_to_units_counts_astral_characters_twice() -> None:
    assert to_units(LF, [0, LF.index("twee"), len(LF)]) == [
        0, offsets(LF, "twee", utf16=True)[0], len(LF.encode("utf-16-le")) // 2]
