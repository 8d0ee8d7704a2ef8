"""{% work_queue as queue %}: the editors' work queue for the admin index."""

from django import template

from workbench.queue import work_queue as build

register = template.Library()


@register.simple_tag(takes_context=True)
def work_queue(context):
    """Return the work queue of the logged-in editor."""
    return build(context["request"].user)
