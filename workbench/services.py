"""The workbench's writes that need its own readers: suggestions from the name matcher."""

from archive.services.annotations import suggestions_create

from .selectors import suggested_spans


def suggestions_generate(*, article, user=None):
    """Suggest the known names found in article's paragraphs; return how many were new."""
    spans = suggested_spans(list(article.paragraphs.all()))
    return suggestions_create(article=article, spans=spans, user=user)
