"""The next part of a long article, for the workbench page to insert as the editor goes on.

Same guard and error shape as ``api.py``; the same permission as the page (view annotations).
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from core.i18n import text_language

from . import parts
from .api import BadRequest, endpoint

MAX_POSITION = 2**31 - 1  # positions are PositiveIntegerField: no paragraph stands beyond this
MAX_YEAR = 9999  # the years date phrases name have four digits


@endpoint(get=["archive.view_annotation"])
def part(request, article):
    """GET ?after=N[&year=Y]: the part after paragraph position N, drawn, with what it carries.

    year is the last year named before it, from the previous part's answer ("" for none yet);
    without it the server reads the paragraphs before the part to find it. After the last
    paragraph the answer is an empty part (no html, next null).
    """
    after = _whole(request.GET.get("after"), "after", MAX_POSITION)
    year = parts.UNKNOWN
    if "year" in request.GET:
        given = request.GET["year"].strip()
        year = _whole(given, "year", MAX_YEAR) if given else None
    found = parts.part_after(article, after, year=year)
    return JsonResponse(parts.part_json(article, parts.part_context(found, text_language())))


def _whole(value, name, largest):
    # ASCII digits only: int() would also take "+5", "5_000" and other scripts' digits.
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        raise BadRequest(_("%(name)s: a whole number, 0 or more, is required.") % {"name": name})
    number = int(value)
    if number > largest:
        raise BadRequest(
            _("%(name)s: %(value)s is larger than %(largest)s.")
            % {"name": name, "value": value, "largest": largest}
        )
    return number
