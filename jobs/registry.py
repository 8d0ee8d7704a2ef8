"""The kinds of job: each names its task function, who may start it and how it is described."""

from dataclasses import dataclass

KINDS = {}


@dataclass(frozen=True)
class Kind:
    name: str
    task: object  # a django-tasks Task taking the JobRun's id
    title: object  # a lazy translated title for the start page ("" when not started from there)
    permission: str = ""  # the permission that starts it; "" for superusers only


def register(name, *, title="", permission=""):
    """Register the decorated task as the body of job kind ``name``; return the task."""

    def wrap(task):
        KINDS[name] = Kind(name=name, task=task, title=title, permission=permission)
        return task

    return wrap


def may_start(user, kind):
    return user.is_superuser or bool(kind.permission and user.has_perm(kind.permission))


def startable(user):
    """Return the kinds user may start from the jobs page (those with a title)."""
    return [kind for kind in KINDS.values() if kind.title and may_start(user, kind)]
