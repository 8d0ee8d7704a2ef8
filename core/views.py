"""JSON for views: a page answers with JSON when its URL asked for ``.json``, lists in one envelope."""

from django.http import JsonResponse


def list_envelope(request, results, page=None):
    """Return a list answer: ``count, results, page, num_pages, next, previous`` (absolute URLs)."""
    if page is None:
        return {
            "count": len(results),
            "results": results,
            "page": 1,
            "num_pages": 1,
            "next": None,
            "previous": None,
        }

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": page.paginator.count,
        "results": results,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }


class JSONMixin:
    """Render ``get_json(context)`` instead of the template when the URL asked for ``.json``."""

    @property
    def wants_json(self):
        return self.kwargs.get("format") == "json"

    def get_json(self, context):
        raise NotImplementedError

    def list_json(self, context, results):
        """Return results in the list envelope, paged as the view's ``page_obj`` says."""
        return list_envelope(self.request, results, context.get("page_obj"))

    def render_to_response(self, context, **response_kwargs):
        if self.wants_json:
            return JsonResponse(self.get_json(context), json_dumps_params={"ensure_ascii": False})
        return super().render_to_response(context, **response_kwargs)
