"""Suggestion quality on the demo feature against the curated mentions (the person annotations in archive/demo/records/annotations.csv)."""

import re

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_suggestions_recall_at_least_95_percent_of_curated_mentions(capsys):
    call_command("load_demo", verbosity=0)
    call_command("suggestion_quality")
    out = capsys.readouterr().out
    recall, precision = map(float, re.search(r"recall ([\d.]+)\s+precision ([\d.]+)", out).groups())
    assert recall >= 0.95 and precision > 0, out
    assert int(re.search(r"(\d+) curated mentions", out).group(1)) > 50, out
    with pytest.raises(CommandError, match="no article with slug 'nope'"):
        call_command("suggestion_quality", article="nope")
    with pytest.raises(CommandError, match="no such file"):
        call_command("suggestion_quality", mentions="/nonexistent.csv")
