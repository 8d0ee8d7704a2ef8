"""The OpenAPI 3.1 description of the public JSON endpoints (served at /api/openapi.json).

Schemas follow payloads.py; a date is an EDTF string or null (``["string", "null"]``).
"""

DATE = {"type": ["string", "null"], "description": "EDTF (e.g. 2002-10, 1999~, 1999/2002), null when unknown"}
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
URL = {"type": "string", "format": "uri"}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": TEXT, "fields": {"type": "object"}}}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def array(item):
    return {"type": "array", "items": item}


def obj(required, **properties):
    return {"type": "object", "required": list(required), "properties": properties}


SUMMARY = obj(["name", "slug", "url"], name=TEXT, slug=TEXT, url=URL)
CITATION = obj(
    ["article", "paragraph", "quote"], article=TEXT, paragraph={"type": "integer"}, quote=TEXT, url=URL
)
SCHEMAS = {
    "Error": ERROR,
    "Citation": CITATION,
    "Organization": {"oneOf": [SUMMARY, {"type": "null"}]},
    "PersonSummary": obj(
        ["name", "slug", "aliases", "url"], name=TEXT, slug=TEXT, aliases=array(TEXT), url=URL
    ),
    "Role": obj(
        ["title", "organization", "start", "end", "start_text", "end_text", "current", "citations"],
        title=TEXT,
        organization=ref("Organization"),
        start=DATE,
        end=DATE,
        start_text=TEXT,
        end_text=TEXT,
        current={"type": "boolean"},
        citations=array(ref("Citation")),
        citation_count={
            "type": "integer",
            "minimum": 0,
            "description": "all of them; citations lists the first",
        },
        citations_url={**URL, "description": "every citation, a page at a time"},
    ),
    "Event": obj(
        ["title", "date", "date_text", "participants", "organizations", "citations"],
        title=TEXT,
        slug=TEXT,
        date=DATE,
        date_text=TEXT,
        end=DATE,
        participants=array(obj(["name", "slug"], name=TEXT, slug=TEXT)),
        organizations=array(obj(["name", "slug"], name=TEXT, slug=TEXT)),
        citations=array(ref("Citation")),
        citation_count={"type": "integer", "minimum": 0},
        citations_url=URL,
    ),
    "ArticleSummary": obj(
        ["title", "slug", "outlet", "published", "reprint_of", "url"],
        title=TEXT,
        slug=TEXT,
        outlet=TEXT,
        published=DATE,
        reprint_of=NULLABLE_TEXT,
        url=URL,
        source_url={"type": ["string", "null"]},
    ),
}


def envelope(item):
    return obj(
        ["count", "results", "page", "num_pages", "next", "previous"],
        count={"type": "integer", "minimum": 0},
        results=array(item),
        page={"type": "integer", "minimum": 1},
        num_pages={"type": "integer", "minimum": 1},
        next={"type": ["string", "null"], "format": "uri"},
        previous={"type": ["string", "null"], "format": "uri"},
    )


def query(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or TEXT,
    }


def year(lowest, highest):
    """Return a year filter's schema: an integer in range, or empty as a form sends "no filter"."""
    return {
        "oneOf": [
            {"type": "integer", "minimum": lowest, "maximum": highest},
            {"type": "string", "maxLength": 0},
        ]
    }


SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}
PAGE = query("page", "page number, from 1", {"type": "integer", "minimum": 1})
ROLE = {"name": "role", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def answer(schema, errors=(404,)):
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    # Any address may answer 400: a query parameter holding NUL is refused before any view runs.
    for status in sorted({400, *errors}):
        responses[str(status)] = {
            "description": "error",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return responses


def get(summary, schema, parameters=(), errors=(404,)):
    return {"get": {"summary": summary, "parameters": list(parameters), "responses": answer(schema, errors)}}


PATHS = {
    "/people.json": get(
        "People by name, alias or pinyin",
        envelope(ref("PersonSummary")),
        [
            query("q", "name, alias or pinyin"),
            query("organization", "organisation slug"),
            query("title", "role title"),
            query("year", "held a role in (empty: any)", year(1900, 2100)),
            PAGE,
        ],
        (400, 404),
    ),
    "/people/{slug}.json": get(
        "A person's career: every role, the first events and the first citations of each",
        obj(
            ["person", "roles", "events"],
            person=ref("PersonSummary"),
            roles=array(ref("Role")),
            events=array(ref("Event")),
            event_count={"type": "integer", "minimum": 0},
            events_url=URL,
        ),
        [SLUG],
    ),
    "/people/{slug}/roles/{role}.json": get(
        "Every citation of one role, ranked: the clearest statement first, a page at a time",
        {
            **envelope(ref("Citation")),
            "properties": {**envelope(ref("Citation"))["properties"], "role": {"type": "object"}},
        },
        [SLUG, ROLE, PAGE],
    ),
    "/people/{slug}/mentions.json": get(
        "Every public mention of a person, originals first, a page at a time",
        {
            **envelope(ref("Citation")),
            "properties": {**envelope(ref("Citation"))["properties"], "person": SUMMARY},
        },
        [SLUG, PAGE],
    ),
    "/events.json": get(
        "The events timeline",
        envelope(ref("Event")),
        [
            query("year", "overlapping the year (empty: any)", year(1000, 2999)),
            query("person", "participant slug"),
            query("organization", "organisation slug"),
            query("category", "event category"),
            PAGE,
        ],
        (400, 404),
    ),
    "/events/{slug}.json": get("One event", ref("Event"), [SLUG]),
    "/articles.json": get("The articles", envelope(ref("ArticleSummary")), [PAGE]),
    "/articles/{slug}.json": get(
        "An article and its paragraphs",
        obj(["article", "paragraphs"], article=ref("ArticleSummary"), paragraphs=array({"type": "object"})),
        [SLUG],
    ),
    "/organizations/{slug}.json": get(
        "Who held which post at an organisation",
        obj(
            ["organization", "roles", "events"],
            organization=SUMMARY,
            roles=array({"type": "object"}),
            events=array(ref("Event")),
        ),
        [SLUG],
    ),
    "/search.json": get("Search", {"type": "object", "required": ["query"]}, [query("q", "words")], ()),
}


def document(server):
    """Return the OpenAPI document, with server as the base URL."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Annals public data",
            "version": "1",
            "description": "Public, published evidence only. Also: /annotations/{id} (W3C Web Annotation), "
            "/articles/{slug}/annotations.jsonld, /articles/{slug}/tei.xml (TEI P5, application/tei+xml), "
            "/people/{slug}/quickstatements.txt. "
            "utf16Start/utf16End: UTF-16 offsets of a TextPositionSelector where they differ from code points.",
        },
        "servers": [{"url": server}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
