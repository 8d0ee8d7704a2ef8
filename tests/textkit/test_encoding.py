"""Strict decoding of received files."""

import random

import opencc
import pytest

from tests.textkit.seeds import original, original_text, reprint, reprint_text  # noqa: F401 (fixtures)
from textkit.encoding import DecodeError, decode_bytes, plausibility

S2T = opencc.OpenCC("s2t")


def big5_passage(text: str) -> str:
    """Return the passage in traditional characters, limited to what Big5 can encode."""
    return S2T.convert(text).encode("big5", errors="ignore").decode("big5")


def test_utf8_without_bom_decodes_as_utf8(original_text):
    decoded = decode_bytes(original_text.encode("utf-8"))
    assert decoded == (original_text, "utf-8", False)


def test_utf8_bom_is_dropped_and_reported(original_text):
    decoded = decode_bytes(b"\xef\xbb\xbf" + original_text.encode("utf-8"))
    assert decoded.text == original_text and decoded.had_bom and decoded.encoding == "utf-8"


def test_utf16_with_bom_decodes():
    decoded = decode_bytes("中供 2002".encode("utf-16"))
    assert decoded.text == "中供 2002" and decoded.had_bom


def test_gb18030_seed_decodes_as_gb18030(original_text):
    decoded = decode_bytes(original_text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and decoded.text == original_text


def test_gb18030_never_decodes_as_anything_else(original, reprint):
    for paragraph in original + reprint:
        decoded = decode_bytes(paragraph.encode("gb18030"))
        assert decoded.text == paragraph, paragraph


def test_short_gb18030_text_that_also_reads_as_big5_stays_gb18030():
    """The library took these bytes for Big5 (※囀囀囀懂懂ㄗ懂ㄗㄘ); the GB18030 reading is all
    common characters, the Big5 one only 0.6 of them."""
    text = "00“内内内来来（来（）"
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and decoded.text == text


def test_big5_traditional_passage_decodes_as_big5(original):
    passage = big5_passage("\n".join(original[20:30]))
    decoded = decode_bytes(passage.encode("big5"))
    assert decoded.encoding.startswith("big5") and decoded.text == passage


def test_big5_paragraphs_are_not_taken_for_gb18030(original):
    for paragraph in original[:60]:
        passage = big5_passage(paragraph)
        assert decode_bytes(passage.encode("big5")).text == passage, passage


def test_mojibake_scores_low(original_text):
    passage = big5_passage(original_text[:2000]).encode("big5")
    assert plausibility(passage.decode("gb18030", errors="replace")) < 0.5
    assert plausibility(passage.decode("big5")) > 0.95


def test_declared_charset_is_used(original_text):
    assert decode_bytes(original_text.encode("gbk"), declared="gb2312").encoding == "gb18030"


def test_meta_charset_is_sniffed():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>中供</body></html>'
    decoded = decode_bytes(page.encode("gbk"))
    assert decoded.encoding == "gb18030" and "中供" in decoded.text


def test_false_latin1_declaration_does_not_produce_mojibake():
    assert decode_bytes("阿里巴巴".encode(), declared="iso-8859-1").text == "阿里巴巴"


def test_crlf_and_cr_become_lf():
    assert decode_bytes("一\r\n二\r三\n".encode("gb18030")).text == "一\n二\n三\n"


def test_empty_input_is_refused():
    with pytest.raises(DecodeError, match="the file is empty"):
        decode_bytes(b"")


def test_nul_bytes_are_refused_with_their_offset():
    with pytest.raises(DecodeError, match="offset 6"):
        decode_bytes("中供".encode() + b"\x00\x01rest")


def test_control_characters_are_refused():
    with pytest.raises(DecodeError, match="control"):
        decode_bytes(b"text\x07more")


def test_undecodable_bytes_name_the_byte_and_offset():
    data = "阿里巴巴".encode("gb18030") + b"\xff\xff"
    with pytest.raises(
        DecodeError, match=r"not valid UTF-8, GB18030 or Big5 text: undecodable byte 0xff at offset 8"
    ):
        decode_bytes(data)


def test_decode_error_is_a_value_error():
    assert issubclass(DecodeError, ValueError)


def test_random_bytes_are_refused():
    rng = random.Random(7)
    for _ in range(50):
        data = bytes(rng.randrange(256) for _ in range(400))
        with pytest.raises(DecodeError):
            decode_bytes(data)
