"""The content fixtures: the shipped ones load on an empty database, reload harmlessly and
round-trip byte for byte; a broken record, in a small fixture of the test's own, is refused
by name with nothing written."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from django.utils import translation

from guide_site.contentapps import fixtures
from guide_site.models import FixtureRecord
from tests import factories, shipped

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FIXTURE_DIR = settings.BASE_DIR / "fixtures"
MODELS = [apps.get_model(label) for labels in fixtures().values() for label in labels]


def snapshot():
    state = {}
    for model in MODELS:
        rows = list(model.objects.order_by("pk").values_list())
        for field in model._meta.many_to_many:
            rows.append(sorted(model.objects.values_list("pk", f"{field.name}__pk")))
        state[model._meta.label] = rows
    return state


def empty_database():
    """As a fresh install: no content, and no memory of fixtures loaded before."""
    FixtureRecord.objects.all().delete()
    for model in reversed(MODELS):
        model.objects.all().delete()
    assert all(model.objects.count() == 0 for model in MODELS)


def counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


@pytest.mark.parametrize("command", ["loadcontent", "loaddata"])
def test_fixtures_load_into_an_empty_database_and_give_the_whole_site(command, client):
    empty_database()
    if command == "loaddata":
        call_command("loaddata", "law", "guide", verbosity=0)
    else:
        call_command("loadcontent", verbosity=0)
    # Every record of the files, and nothing else.
    assert counts() == {
        model._meta.label: shipped.count(model._meta.label_lower) for model in MODELS
    }
    Article = apps.get_model("articles.Article")
    cited = set(Article.objects.filter(citations__isnull=False).values_list("number", flat=True))
    assert cited == {record["article"][1] for record in shipped.records("channels.citation")}
    for slug in shipped.faq_pages():
        assert client.get(f"/en/questions/{slug}/").status_code == 200


@pytest.mark.parametrize("command", ["loadcontent", "loaddata"])
def test_loading_again_changes_nothing(command):
    before = snapshot()
    if command == "loaddata":
        call_command("loaddata", "law", "guide", verbosity=0)
    else:
        call_command("loadcontent", verbosity=0)
    assert snapshot() == before


@pytest.fixture
def small_guide():
    """A guide of the test's own as fixture records (natural keys, as dumpcontent writes
    them): a document, a channel that asks for it, and a page with a step for the channel and
    a citation of an article that has two paragraphs. The article stays in the database; the
    guide's own rows are gone again, so loading the records adds them."""
    article = factories.article(paragraphs=2)
    document = factories.document()
    channel = factories.channel(documents=[document])
    page = factories.faq_page(steps=[channel], citations=[(article, 1)], change_notes=0)
    rows = [document, channel, page, *page.steps.all(), *page.citations.all()]
    records = json.loads(
        serializers.serialize(
            "json", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )
    page.delete()
    channel.delete()
    document.delete()
    return records


MISSING_ARTICLE = "article 999 of the same law"


def _broken_copy(tmp_path, records, model, field, value):
    records = json.loads(json.dumps(records))
    record = next(record for record in records if record["model"] == model)
    if value == MISSING_ARTICLE:
        value = [record["fields"]["article"][0], 999]
    record["fields"][field] = value
    path = tmp_path / "guide.json"
    path.write_text(json.dumps(records, ensure_ascii=False))
    return path


@pytest.mark.parametrize(
    "model,field,value,expected",
    [
        ("channels.citation", "article", MISSING_ARTICLE, "Article matching query"),
        ("channels.step", "channel", ["no-such-channel"], "Channel matching query"),
        ("channels.citation", "paragraph_number", 9, "there is no paragraph 9"),
        ("channels.channel", "documents", [["no-such-document"]], "Document matching query"),
        ("channels.channel", "mode", "carrier-pigeon", "is not a valid choice"),
    ],
)
def test_a_broken_record_is_named_and_nothing_is_written(
    tmp_path, small_guide, model, field, value, expected
):
    # The unbroken fixture loads: what fails is the broken record.
    (tmp_path / "good").mkdir()
    good = _broken_copy(tmp_path / "good", small_guide, "channels.document", "order", 5)
    before = snapshot()
    broken = _broken_copy(tmp_path, small_guide, model, field, value)
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("loadcontent", str(broken))
    message = str(error.value)
    assert "guide.json, record" in message
    assert model in message
    assert expected in message
    assert snapshot() == before  # not even the records before the broken one
    call_command("loadcontent", str(good), verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() != before


def test_plain_loaddata_also_refuses_a_broken_reference_and_writes_nothing(tmp_path, small_guide):
    path = _broken_copy(tmp_path, small_guide, "channels.step", "channel", ["no-such-channel"])
    before = snapshot()
    with pytest.raises(Exception) as error:
        call_command("loaddata", str(path), verbosity=0)
    assert "no-such-channel" in str(error.value)
    assert snapshot() == before


def test_fixtures_round_trip_byte_for_byte(tmp_path):
    empty_database()
    call_command("loadcontent", verbosity=0)
    call_command("dumpcontent", output=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    for name in fixtures():
        assert (tmp_path / f"{name}.json").read_bytes() == (
            FIXTURE_DIR / f"{name}.json"
        ).read_bytes()


def test_the_edit_history_is_not_written_to_the_fixtures(tmp_path):
    page = apps.get_model("channels.FAQPage").objects.get(slug="check-balance")
    page.short_answer_en = "Edited."
    page.save()
    assert page.history.count() >= 2
    call_command("dumpcontent", output=tmp_path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    for name in fixtures():
        records = json.loads((tmp_path / f"{name}.json").read_text())
        assert not [r for r in records if "historical" in r["model"]]
    guide = json.loads((tmp_path / "guide.json").read_text())
    assert {"channels.changenote"} <= {r["model"] for r in guide}
