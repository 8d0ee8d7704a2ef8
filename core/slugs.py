"""Stable, unique slugs for authority records and articles."""

from textkit.pinyin import slugify_zh


def unique_slug(model, text, field="slug", max_length=90):
    """Return a slug for text unique among model's rows: yang-meng, then yang-meng-2, …"""
    base = slugify_zh(text, max_length=max_length)
    taken = set(model._default_manager.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"
