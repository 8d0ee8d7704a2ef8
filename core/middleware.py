"""Refuse a query string holding NUL before any view sees it.

No page takes a NUL in a parameter, and PostgreSQL cannot store or compare one (``?q=%00`` on
the search page was a 500). Answer 400 with a one-line reason instead, on every URL (as JSON on a JSON address).
"""

from django.http import HttpResponseBadRequest, JsonResponse


class RejectNulQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = f"Query parameter {name.replace(chr(0), '')!r} holds a NUL character."
                if request.path.endswith((".json", ".jsonld")):
                    return JsonResponse({"error": message}, status=400)
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
