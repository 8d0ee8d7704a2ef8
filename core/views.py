"""JSON for views: a page answers with JSON when its URL asked for ``.json``, lists in one envelope."""

from django.http import Http404, JsonResponse

PK_NAMES = {"pk", "-pk", "id", "-id"}


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


def totally_ordered(queryset):
    """Return queryset ordered as before with the primary key last, so pages never shuffle ties."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if any(isinstance(key, str) and key in PK_NAMES for key in ordering):
        return queryset
    return queryset.order_by(*ordering, "pk")


def absolute_urls(data, request):
    """Return data with every site-relative ``url`` (or ``…_url``) value made absolute: open data
    leaves the site."""
    if isinstance(data, dict):
        return {
            key: request.build_absolute_uri(value)
            if (key == "url" or key.endswith("_url")) and isinstance(value, str) and value.startswith("/")
            else absolute_urls(value, request)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [absolute_urls(item, request) for item in data]
    return data


def json_error(message, status, **extra):
    return JsonResponse({"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def link_header(data):
    """Return an RFC 8288 ``Link`` value for a list envelope's next/previous pages, or ''."""
    pages = (("next", "next"), ("previous", "prev"))
    return ", ".join(f'<{data[key]}>; rel="{rel}"' for key, rel in pages if data.get(key))


class JSONMixin:
    """Render ``get_json(context)`` instead of the template when the URL asked for ``.json``.

    For JSON, a missing page is ``{"error": "not found"}`` with a 404, and a filter value the
    filter form refuses is a 400 naming the fields (the HTML page shows the same form errors).
    """

    @property
    def wants_json(self):
        return self.kwargs.get("format") == "json"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            if self.wants_json:
                return json_error("not found", 404)
            raise

    def get_json(self, context):
        raise NotImplementedError

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(totally_ordered(queryset), page_size)

    def list_json(self, context, results):
        """Return results in the list envelope, paged as the view's ``page_obj`` says."""
        return list_envelope(self.request, results, context.get("page_obj"))

    def filter_errors(self):
        filterset = getattr(self, "filterset", None)
        if filterset is None or not filterset.is_bound or filterset.is_valid():
            return None
        return {name: [str(e) for e in errors] for name, errors in filterset.form.errors.items()}

    def render_to_response(self, context, **response_kwargs):
        if not self.wants_json:
            return super().render_to_response(context, **response_kwargs)
        errors = self.filter_errors()
        if errors:
            return json_error("invalid filter: " + ", ".join(sorted(errors)), 400, fields=errors)
        data = absolute_urls(self.get_json(context), self.request)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        if isinstance(data, dict) and "results" in data and link_header(data):
            response["Link"] = link_header(data)
        return response
