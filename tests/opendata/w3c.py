"""The MUST requirements of the W3C Web Annotation Data Model, as checks on JSON-LD (plain dicts).

Written from https://www.w3.org/TR/annotation-model/ (Recommendation, 23 February 2017):
section numbers in brackets. Each check returns a list of failures (empty when it passes).
"""

import re

ANNO = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
XSD_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s]+$")


def as_list(value):
    return value if isinstance(value, list) else [value]


def check_context(data):
    """[3.1] 1+ @context, anno.jsonld one of them; a single value MUST be a string."""
    context = data.get("@context")
    if context is None:
        return ["no @context"]
    if isinstance(context, list):
        return (
            [] if ANNO in context and len(context) > 1 else ["@context list without anno.jsonld (or of one)"]
        )
    return [] if context == ANNO else [f"@context {context!r}"]


def check_selector(selector):
    """[4.2.4] quote: exactly 1 exact, 0..1 prefix/suffix; [4.2.5] position: 1 start, 1 end, ints >= 0."""
    kind = selector.get("type")
    if kind == "TextQuoteSelector":
        bad = not isinstance(selector.get("exact"), str) or not selector["exact"]
        bad |= any(not isinstance(selector.get(k, ""), str) for k in ("prefix", "suffix"))
        return ["bad TextQuoteSelector"] if bad else []
    if kind == "TextPositionSelector":
        start, end = selector.get("start"), selector.get("end")
        ok = all(isinstance(v, int) and v >= 0 for v in (start, end)) and start <= end
        return [] if ok else ["bad TextPositionSelector"]
    return [f"unexpected selector {kind!r}"]


def check_body(body):
    """[3.2.1] an IRI, [3.2.4] a TextualBody with exactly 1 string value, [4] a SpecificResource: 1 source."""
    if isinstance(body, str):
        return [] if IRI.match(body) else [f"body {body!r} is not an IRI"]
    errors = []
    if body.get("purpose") is not None and body["purpose"] not in MOTIVATIONS:
        errors.append(f"purpose {body['purpose']!r}")  # [3.3.5] a Motivation instance
    if body.get("type") == "TextualBody":
        return errors + ([] if isinstance(body.get("value"), str) else ["TextualBody without a value"])
    if body.get("type") == "SpecificResource" or "source" in body:
        return errors + (
            [] if IRI.match(str(body.get("source", ""))) else ["SpecificResource without source"]
        )
    return errors + ([] if IRI.match(str(body.get("id", ""))) else ["body without id"])


def check_target(target):
    """[3.1] a target is an IRI or a resource; [4] a SpecificResource has exactly 1 source; selectors typed."""
    if isinstance(target, str):
        return [] if IRI.match(target) else ["target is not an IRI"]
    if not IRI.match(str(target.get("source", ""))):
        return ["target without a source IRI"]
    errors = []
    for selector in as_list(target.get("selector", [])):
        errors += check_selector(selector)
    return errors


def check_annotation(data, embedded=False):
    """Return every failed MUST of one annotation; embedded in a page, it needs no @context."""
    errors = [] if embedded else check_context(data)
    if not IRI.match(str(data.get("id", ""))):
        errors.append("id is not one IRI")  # [3.1] exactly 1 IRI
    if "Annotation" not in as_list(data.get("type")):
        errors.append("type lacks Annotation")  # [3.1] 1+ types, Annotation one of them
    targets = as_list(data.get("target", []))
    if not targets:
        errors.append("no target")  # [3.1] 1+ targets
    for target in targets:
        errors += check_target(target)
    for body in as_list(data.get("body", [])):
        errors += check_body(body)
    for motivation in as_list(data.get("motivation", [])):
        if motivation not in MOTIVATIONS:
            errors.append(f"motivation {motivation!r}")
    for key in ("created", "modified"):
        if key in data and not XSD_UTC.match(data[key]):
            errors.append(f"{key} is not an xsd:dateTime in UTC with Z")  # [3.3.1]
    return errors


def check_page(page, embedded=False):
    """[5.2] an AnnotationPage: 1 IRI, type AnnotationPage, 1+ items; [5.1] a collection needs first."""
    errors = [] if embedded else check_context(page)
    if page.get("type") != "AnnotationPage" or not IRI.match(str(page.get("id", ""))):
        errors.append("page id/type")
    if not page.get("items"):
        errors.append("page without items")
    return errors


def check_collection(data):
    errors = check_context(data)
    if data.get("type") != "AnnotationCollection" or not IRI.match(str(data.get("id", ""))):
        errors.append("collection id/type")
    if data.get("total") and "first" not in data:
        errors.append("collection with annotations but no first page")
    return errors
