"""Open data views: W3C Web Annotations, TEI, QuickStatements and the API description.

Each answers a GET with its own media type; the JSON list and detail pages stay in views.py.
"""

import json
import re

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_safe

from archive import public
from core.views import json_error
from people.models import Person

from . import openapi, payloads, webannotation, wikidata

LD_TYPES = ["application/ld+json", "application/json", "text/html"]


def jsonld_response(data, status=200):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type=webannotation.MEDIA_TYPE, status=status
    )
    response["Vary"] = "Accept"
    return response


@require_safe
def annotation_detail(request, pk):
    """Answer one public annotation as JSON-LD; a browser asking for HTML goes to the cited sentence."""
    annotation = webannotation.public_annotation(pk)
    if annotation is None:
        return json_error("not found", 404)
    if request.get_preferred_type(LD_TYPES) == "text/html":
        response = HttpResponseRedirect(payloads.citation_url(annotation))
        response.status_code = 303
        response["Vary"] = "Accept"
        return response
    response = jsonld_response(webannotation.annotation_jsonld(annotation, request.build_absolute_uri))
    response["Link"] = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
    return response


@require_safe
def article_annotations(request, slug):
    """Answer the article's AnnotationCollection, or with ``?page=N`` one AnnotationPage."""
    article = public.articles().filter(slug=slug).first()
    if article is None:
        return json_error("not found", 404)
    absolute = request.build_absolute_uri
    number = request.GET.get("page")
    if number is None:
        return jsonld_response(webannotation.annotation_collection(article, absolute))
    page = webannotation.annotation_page(article, absolute, int(number)) if number.isdigit() else None
    return jsonld_response(page) if page else json_error("not found", 404)


def positions_of(request):
    """Return the ``?position=TITLE=Q-id`` pairs of a request whose id is valid, as a dict."""
    pairs = (value.rpartition("=") for value in request.GET.getlist("position"))
    return {
        title.strip(): item for title, _, item in pairs if title.strip() and re.match(r"^Q[1-9]\d*$", item)
    }


@require_safe
def person_quickstatements(request, slug):
    """Answer a person's public career as QuickStatements v1; ``?position=TITLE=Q-id`` names positions."""
    people = public.people(Person.objects.filter(slug=slug))
    if not people.exists():
        return json_error("not found", 404)
    lines, skipped = wikidata.quickstatements(people, request.build_absolute_uri, positions_of(request))
    response = HttpResponse("".join(line + "\n" for line in lines), content_type="text/plain; charset=utf-8")
    response["X-QuickStatements-Skipped"] = str(len(skipped))
    return response


@require_safe
def openapi_document(request):
    """Answer the OpenAPI 3.1 description of the public JSON endpoints."""
    return JsonResponse(openapi.document(request.build_absolute_uri("/").rstrip("/")))


def json_not_found(request):
    return json_error("not found", 404)
