import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Alias, Person, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_slug_is_pinyin_and_unique():
    first = factories.person("杨猛")
    second = factories.person("杨猛")
    assert (first.slug, second.slug) == ("yang-meng", "yang-meng-2")


def test_slug_is_stable_when_the_name_changes():
    person = factories.person("杨猛")
    person.name = "杨 猛"
    person.save()
    assert person.slug == "yang-meng"


@pytest.mark.parametrize("query", ["杨猛", "yang meng", "yangmeng", "Yang Meng", "ym", "猛"])
def test_search_finds_by_name_pinyin_and_initials(query):
    person = factories.person("杨猛")
    factories.person("戴珊")
    assert list(Person.objects.search(query)) == [person]


def test_search_finds_by_alias():
    wang = factories.person("王峻涛")
    Alias.objects.create(person=wang, name="老榕", kind=Alias.Kind.NICKNAME)
    assert list(Person.objects.search("老榕")) == [wang]
    assert list(Person.objects.search("laorong")) == [wang]


def test_role_bounds_follow_edtf():
    role = factories.role(start_edtf="2002-10", start_text="2002年10月末", end_edtf="2003~")
    assert (str(role.start_lower), str(role.start_upper)) == ("2002-10-01", "2002-10-31")
    assert (str(role.end_lower), str(role.end_upper)) == ("2003-01-01", "2003-12-31")


def test_role_rejects_bad_edtf():
    with pytest.raises(ValidationError, match="is not valid EDTF"):
        factories.role(start_edtf="2002-13")


def test_role_cannot_end_before_it_starts():
    role = factories.role(start_edtf="2005")
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(pk=role.pk).update(end_upper="2001-12-31")


def test_role_natural_key_round_trips():
    org = factories.organization("中国内贸事业部")
    role = factories.role(factories.person("杨猛"), "联席总经理", org, start_edtf="2017")
    assert Role.objects.get_by_natural_key(*role.natural_key()) == role


def test_undated_roles_follow_their_sequence_in_career_order():
    yang = factories.person("杨猛")
    later = factories.role(yang, "区域经理", sequence=3)
    first = factories.role(yang, "销售", start_edtf="2002-04-01", sequence=1)
    middle = factories.role(yang, "区域主管", start_edtf="2003-09~", sequence=2)
    assert list(Role.objects.career_order()) == [first, middle, later]


def test_alias_unique_per_person():
    person = factories.person("戴珊")
    Alias.objects.create(person=person, name="MM")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(person=person, name="MM")
