"""The content fixtures: load on an empty database, reload harmlessly, refuse broken
records by name, and round-trip byte for byte."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from guide_site.contentapps import fixtures
from guide_site.models import FixtureRecord

pytestmark = pytest.mark.django_db

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
    found = counts()
    assert found["channels.Channel"] == 5
    assert found["channels.ActivationMethod"] == 3
    assert found["channels.FAQPage"] == 2
    assert found["channels.Document"] >= 5
    assert found["articles.Chapter"] == 12
    assert found["articles.Article"] == 98
    Article = apps.get_model("articles.Article")
    cited = set(Article.objects.filter(citations__isnull=False).values_list("number", flat=True))
    assert {4, 5, 74} <= cited
    assert client.get("/en/questions/check-balance/").status_code == 200


@pytest.mark.parametrize("command", ["loadcontent", "loaddata"])
def test_loading_again_changes_nothing(command):
    before = snapshot()
    if command == "loaddata":
        call_command("loaddata", "law", "guide", verbosity=0)
    else:
        call_command("loadcontent", verbosity=0)
    assert snapshot() == before


def _broken_copy(tmp_path, model, field, value):
    records = json.loads((FIXTURE_DIR / "guide.json").read_text())
    for record in records:
        if record["model"] == model:
            record["fields"][field] = value
            break
    path = tmp_path / "guide.json"
    path.write_text(json.dumps(records, ensure_ascii=False))
    return path


@pytest.mark.parametrize(
    "model,field,value,expected",
    [
        ("channels.citation", "article", ["social-insurance-law", 999], "Article matching query"),
        ("channels.step", "channel", ["no-such-channel"], "Channel matching query"),
        ("channels.citation", "paragraph_number", 9, "there is no paragraph 9"),
        ("channels.channel", "documents", [["no-such-document"]], "Document matching query"),
        ("channels.channel", "mode", "carrier-pigeon", "is not a valid choice"),
    ],
)
def test_a_broken_record_is_named_and_nothing_is_written(tmp_path, model, field, value, expected):
    path = _broken_copy(tmp_path, model, field, value)
    empty_database()
    call_command("loadcontent", str(FIXTURE_DIR / "law.json"), verbosity=0)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("loadcontent", str(path), verbosity=0)
    message = str(error.value)
    assert "guide.json, record" in message
    assert model in message
    assert expected in message
    assert snapshot() == before  # not even the records before the broken one


def test_plain_loaddata_also_refuses_a_broken_reference_and_writes_nothing(tmp_path):
    path = _broken_copy(tmp_path, "channels.step", "channel", ["no-such-channel"])
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
