"""A traditional-character web page copying 000, wrapped in navigation, ads and a footer, with a <script> line."""

import json

import opencc
import pytest
from django.urls import reverse

from archive.models import Alignment
from archive.services.reprints import COPY_ONLY_NOTE, copy_only_paragraphs

from .conftest import SCRIPT_LINE

pytestmark = pytest.mark.django_db
S2T = opencc.OpenCC("s2t").convert
RAW_SCRIPT = '<script>alert("annals")'
NOISE = ["廣告", "首頁", "新聞中心", "Copyright", "分享到", "網友評論", "熱門文章", "動態插入", "腳本裡"]


def test_html_copy_is_detected_as_a_traditional_reprint_of_000(seeds, html_copy):
    assert html_copy.reprint_of == seeds[0] and html_copy.reprint_similarity > 0.95
    assert html_copy.script == "traditional" and html_copy.title == "阿里巴巴B2B十八年"
    assert bytes(html_copy.raw_file).startswith(b"<!DOCTYPE html>")


def test_html_copy_keeps_the_article_and_drops_the_page_around_it(html_copy):
    text = "\n".join(html_copy.paragraphs.values_list("text", flat=True))
    assert not [word for word in NOISE if word in text]
    assert html_copy.paragraphs.count() == 134


def test_every_paragraph_of_the_html_copy_aligns_to_the_same_paragraph_of_000(html_copy):
    links = Alignment.objects.filter(paragraph__article=html_copy).values_list(
        "paragraph__position", "source__position"
    )
    assert sorted(links) == [(n, n) for n in range(1, 134)]


def test_script_line_is_stored_as_text_and_flagged_as_copy_only(html_copy):
    line = html_copy.paragraphs.get(position=134)
    assert line.text == SCRIPT_LINE and line.kind_note == COPY_ONLY_NOTE
    assert list(copy_only_paragraphs().filter(article=html_copy)) == [line]


def test_admin_compare_page_escapes_the_script_and_marks_differences(client, editor, html_copy):
    client.force_login(editor)
    response = client.get(reverse("admin:archive_article_compare", args=[html_copy.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and RAW_SCRIPT not in page
    assert "&lt;script&gt;alert(&quot;annals&quot;)&lt;/script&gt;" in page
    assert 'href="#cmp-p134"' in page
    assert page.count('class="cmp-kind-') == 134


def test_admin_change_page_and_filter_escape_the_script(client, editor, html_copy):
    client.force_login(editor)
    change = client.get(reverse("admin:archive_article_change", args=[html_copy.pk])).content.decode()
    assert (
        RAW_SCRIPT not in change and reverse("admin:archive_article_compare", args=[html_copy.pk]) in change
    )
    listing = client.get(
        reverse("admin:archive_paragraph_changelist"), {"alignment": "copy-only"}
    ).content.decode()
    assert "&lt;script&gt;alert" in listing and RAW_SCRIPT not in listing


def test_compare_page_of_an_article_that_is_no_reprint_redirects(client, editor, seeds):
    client.force_login(editor)
    response = client.get(reverse("admin:archive_article_compare", args=[seeds[0].pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/{seeds[0].pk}/change/")


def test_compare_page_needs_a_login(client, html_copy):
    response = client.get(reverse("admin:archive_article_compare", args=[html_copy.pk]))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_public_page_and_json_show_the_script_as_text(client, seeds, html_copy):
    seeds[0].is_published = True
    seeds[0].save(update_fields=["is_published"])
    page = client.get(html_copy.get_absolute_url()).content.decode()
    assert RAW_SCRIPT not in page and "&lt;script&gt;alert" in page
    response = client.get(reverse("reading:article-detail-json", kwargs={"slug": html_copy.slug}))
    assert response["Content-Type"].startswith("application/json")
    paragraphs = json.loads(response.content)["paragraphs"]
    assert paragraphs[-1]["text"] == SCRIPT_LINE and paragraphs[-1]["aligned_to"] is None
    assert paragraphs[0]["aligned_to"]["position"] == 1


def test_admin_compare_page_marks_what_the_copy_added(client, editor, seeds):
    client.force_login(editor)
    page = client.get(reverse("admin:archive_article_compare", args=[seeds[1].pk])).content.decode()
    twice = seeds[1].paragraphs.get(position=31).text
    once = twice[: len(twice) // 2]
    assert f"{once}<ins>{once}</ins>" in page and "¶70 + ¶45" in page
