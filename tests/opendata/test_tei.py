"""TEI P5: well-formed, valid against the hand-written schema of the elements used, and faithful.

Every public annotation of the demo appears once (its id, its W3C IRI in ``corresp``) and its
words, fragments joined along ``next``, are its quote; a paragraph's text is the archive's text
exactly; no draft ever appears; dates are ISO, never EDTF.
"""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from archive.models import Annotation, Article
from pagecache.middleware import HIT_HEADER
from reading.tei import MEDIA_TYPE, date_attributes
from tests import factories

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "tei" / "annals-tei.rng"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI}
DEMO = ["alibaba-b2b-18-years", "alibaba-b2b-18-years-reprint-qingyun"]


@pytest.fixture(scope="module")
def schema():
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def tei_of(client, slug):
    response = client.get(f"/articles/{slug}/tei.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPE
    return etree.fromstring(response.content)


def by_id(root):
    return {element.get(XML_ID): element for element in root.iter() if element.get(XML_ID)}


def chain_text(element, ids):
    """Return the words of an element and of the fragments its ``next`` pointers chain to."""
    words = "".join(element.itertext())
    while element.get("next"):
        element = ids[element.get("next")[1:]]
        words += "".join(element.itertext())
    return words


@pytest.mark.parametrize("slug", DEMO)
def test_the_demo_articles_are_valid_against_the_schema(client, demo, schema, slug):
    root = tei_of(client, slug)
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    assert root.tag == f"{{{TEI}}}TEI"


@pytest.mark.parametrize("slug", DEMO)
def test_every_public_annotation_appears_once_with_its_quote(client, demo, slug):
    article = Article.objects.get(slug=slug)
    root = tei_of(client, slug)
    ids = by_id(root)
    public = Annotation.objects.public().filter(paragraph__article=article)
    assert public.count() > 10
    for annotation in public:
        element = ids.get(f"a{annotation.pk}")
        assert element is not None, annotation.pk
        assert element.get("prev") is None
        assert element.get("corresp").endswith(f"/annotations/{annotation.pk}")
        assert chain_text(element, ids) == annotation.quote, annotation.pk
        paragraph = element.xpath("ancestor::*[@xml:id][starts-with(@xml:id, 'p-')]")[0]
        assert paragraph.get(XML_ID) == f"p-{annotation.paragraph.position}"
    first_pieces = [e for e in root.iter() if e.get("corresp") and "/annotations/" in e.get("corresp")]
    assert len(first_pieces) == public.count()


@pytest.mark.parametrize("slug", DEMO)
def test_paragraph_text_is_kept_exactly_and_in_order(client, demo, slug):
    article = Article.objects.get(slug=slug)
    ids = by_id(tei_of(client, slug))
    for paragraph in article.paragraphs.all():
        assert "".join(ids[f"p-{paragraph.position}"].itertext()) == paragraph.text


def test_the_elements_name_what_the_span_is_evidence_of(client, demo):
    article = Article.objects.get(slug="alibaba-b2b-18-years")
    ids = by_id(tei_of(client, article.slug))
    expected = {"person": ("persName", None), "organization": ("orgName", None)}
    expected.update(role=("rs", "role"), event=("rs", "event"))
    kinds = set()
    for annotation in Annotation.objects.public().filter(paragraph__article=article):
        element = ids[f"a{annotation.pk}"]
        name, kind = expected[annotation.target_kind]
        assert element.tag == f"{{{TEI}}}{name}" and element.get("type") == kind
        target = annotation.target
        path = (
            target.get_absolute_url()
            if annotation.target_kind != "role"
            else target.person.get_absolute_url()
        )
        assert element.get("ref").startswith("http://testserver" + path)
        kinds.add(annotation.target_kind)
    assert kinds == {"person", "role", "event"}


def test_crossing_spans_are_split_and_chained(client, demo):
    # In the demo, 孙彤宇's role "带着8个人从“中供”神秘消失,搬到…" crosses the end of an event.
    root = tei_of(client, "alibaba-b2b-18-years")
    fragments = [e for e in root.iter() if e.get("prev")]
    assert fragments
    ids = by_id(root)
    for fragment in fragments:
        before = ids[fragment.get("prev")[1:]]
        assert before.get("next") == "#" + fragment.get(XML_ID)
        assert before.get("ref") == fragment.get("ref") and before.tag == fragment.tag


def test_dates_inside_quotes_carry_iso_values_never_edtf(client, demo):
    root = tei_of(client, "alibaba-b2b-18-years")
    dates = root.findall(".//t:text//t:date", NS)
    assert len(dates) > 10
    for date in dates:
        assert date.get("when") or (date.get("notBefore") and date.get("notAfter"))
        for name in ("when", "notBefore", "notAfter"):
            assert not set(date.get(name) or "") & set("~?%/X"), etree.tostring(date, encoding="unicode")
    assert any(d.text == "1999年9月" and d.get("when") == "1999-09" for d in dates)


def test_date_attributes_map_fuzzy_values_to_their_bounds():
    import datetime

    day = datetime.date
    assert date_attributes("2002-10", day(2002, 10, 1), day(2002, 10, 31)) == {"when": "2002-10"}
    assert date_attributes("2003~", day(2003, 1, 1), day(2003, 12, 31)) == {
        "notBefore": "2003-01-01",
        "notAfter": "2003-12-31",
    }
    assert date_attributes("1999/2002", day(1999, 1, 1), day(2002, 12, 31))["notAfter"] == "2002-12-31"
    assert date_attributes("", None, None) == {}


def test_the_header_describes_the_source_and_the_original_of_a_reprint(client, demo):
    root = tei_of(client, "alibaba-b2b-18-years-reprint-qingyun")
    bibl = root.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl", NS)
    assert bibl.findtext("t:publisher", namespaces=NS) == "山东庆云鑫恒兴机床附件制造厂"
    assert bibl.find("t:date", NS).get("when") == "2017-09-12"
    related = bibl.find("t:relatedItem", NS)
    assert related.get("type") == "original"
    assert related.get("target") == "http://testserver/articles/alibaba-b2b-18-years/"
    assert related.findtext("t:bibl/t:title", namespaces=NS) == "[阿里巴巴B2B十八年]"
    original = tei_of(client, "alibaba-b2b-18-years")
    date = original.find("t:teiHeader//t:sourceDesc/t:bibl/t:date", NS)
    assert (date.get("notBefore"), date.get("notAfter")) == ("2017-08-30", "2017-09-06")


def test_the_schema_rejects_wrong_documents(client, demo, schema):
    good = tei_of(client, "alibaba-b2b-18-years-reprint-qingyun")

    def broken(change):
        root = etree.fromstring(etree.tostring(good))
        change(root)
        return schema.validate(etree.ElementTree(root))

    assert broken(lambda root: None)
    # raw EDTF in @when
    assert not broken(lambda root: root.find(".//t:text//t:date", NS).set("when", "2009~"))
    # no header
    assert not broken(lambda root: root.remove(root.find("t:teiHeader", NS)))
    # a name directly in <body>, outside any paragraph
    assert not broken(lambda root: root.find(".//t:body", NS).insert(0, etree.Element(f"{{{TEI}}}persName")))
    # an element TEI does not have
    assert not broken(lambda root: root.find(".//t:p", NS).append(etree.Element(f"{{{TEI}}}person-name")))
    # an id that is not an NCName
    assert not broken(lambda root: root.find(".//t:p", NS).set(XML_ID, "1 2"))


def test_drafts_and_unpublished_articles_never_appear(client, db, schema):
    article = factories.article()
    first, second, _ = article.paragraphs.order_by("position")
    person = factories.person()
    shown = factories.cite(first, "杨猛", person=person)
    draft = factories.cite(second, "杨猛", status=Annotation.Status.DRAFT, person=person)
    root = tei_of(client, article.slug)
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    ids = by_id(root)
    assert f"a{shown.pk}" in ids and f"a{draft.pk}" not in ids
    assert len(ids["p-2"]) == 0
    hidden = factories.article(published=False)
    assert client.get(f"/articles/{hidden.slug}/tei.xml").status_code == 404
    assert client.get("/articles/no-such-article/tei.xml").status_code == 404


def test_notes_and_crossing_spans_of_a_small_article(client, db, schema):
    article = factories.article()
    first = article.paragraphs.get(position=1)
    person = factories.person()
    organization = factories.organization()
    role = factories.role(person, org=organization)
    # "中国内贸事业部(CBU)联席总经理" (role) crosses "2002年加入阿里巴巴,现任中国内贸事业部" (note)
    note = factories.cite(first, "2002年加入阿里巴巴,现任中国内贸事业部", body="入职年份待核")
    cited = factories.cite(first, "中国内贸事业部(CBU)联席总经理", role=role)
    factories.cite(first, "中国内贸事业部", organization=organization)
    root = tei_of(client, article.slug)
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    ids = by_id(root)
    assert chain_text(ids[f"a{cited.pk}"], ids) == cited.quote
    assert ids[f"a{cited.pk}"].get("next")
    assert ids[f"a{note.pk}"].tag == f"{{{TEI}}}seg"
    assert root.find(f".//t:back//t:note[@target='#a{note.pk}']", NS).text == "入职年份待核"
    assert "".join(ids["p-1"].itertext()) == first.text


def test_the_tei_is_cached_like_other_public_pages(client, demo, settings):
    settings.ANNALS_PAGE_CACHE_SECONDS = 60
    caches[settings.ANNALS_PAGE_CACHE].clear()
    url = "/articles/alibaba-b2b-18-years/tei.xml"
    first = client.get(url)
    assert not first.has_header(HIT_HEADER) and "public" in first["Cache-Control"] and first["ETag"]
    again = client.get(url)
    assert again[HIT_HEADER] == "hit" and again.content == first.content
    assert again["Content-Type"] == MEDIA_TYPE
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_article_page_links_to_its_tei(client, demo):
    page = client.get("/articles/alibaba-b2b-18-years/").content.decode()
    assert 'href="/articles/alibaba-b2b-18-years/tei.xml" type="application/tei+xml"' in page


def test_the_command_writes_the_same_document_and_refuses_unpublished(demo, tmp_path, client):
    path = tmp_path / "a.xml"
    call_command(
        "export_tei", "alibaba-b2b-18-years", "--output", str(path), "--base-url", "http://testserver/"
    )
    assert path.read_bytes() == client.get("/articles/alibaba-b2b-18-years/tei.xml").content
    Article.objects.filter(slug="alibaba-b2b-18-years").update(is_published=False)
    with pytest.raises(CommandError, match="no published article"):
        call_command("export_tei", "alibaba-b2b-18-years")
