"""load_demo reads articles.yaml and the records/ CSVs through the import_archive service."""

import shutil

import pytest

from archive.models import Annotation
from archive.services.demo import DEMO_DIR, DemoDataError, demo_counts, demo_load

pytestmark = pytest.mark.django_db
# articles, paragraphs, people, aliases, organisations, roles, events, annotations
COUNTS = [2, 179, 24, 2, 36, 42, 51, 259]


def test_load_demo_counts_and_a_second_load_changes_no_annotation():
    assert list(demo_load().values()) == COUNTS
    versions = dict(Annotation.objects.values_list("pk", "version"))
    assert list(demo_load().values()) == COUNTS
    assert dict(Annotation.objects.values_list("pk", "version")) == versions
    assert set(Annotation.objects.values_list("status", flat=True)) == {Annotation.Status.PUBLISHED}


def test_a_bad_record_names_its_file_and_line_and_loads_nothing(tmp_path):
    folder = shutil.copytree(DEMO_DIR, tmp_path / "demo")
    roles = folder / "records" / "roles.csv"
    data = roles.read_bytes()
    assert b"\r\nyang-meng," in data
    roles.write_bytes(data.replace(b"\r\nyang-meng,", b"\r\nnobody-at-all,", 1))
    with pytest.raises(DemoDataError, match=r"records/: .*52.*roles\.csv:person.*nobody-at-all"):
        demo_load(folder=folder)
    assert list(demo_counts().values()) == [0] * len(COUNTS)
