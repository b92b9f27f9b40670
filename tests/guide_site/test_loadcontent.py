"""Fixtures seed an empty database; after that the database is the truth. `make serve`
runs `loadcontent` on every start, and nothing an editor saved is ever overwritten without
saying so first (guide_site/fixtures.py has the rules)."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from channels.models import Channel, Document, FAQPage, Step
from guide_site.models import FixtureRecord

pytestmark = pytest.mark.django_db

FIXTURES = [str(settings.BASE_DIR / "fixtures" / "law.json")]


def load(*args, guide=None, **options):
    out = io.StringIO()
    call_command(
        "loadcontent",
        *FIXTURES,
        str(guide or settings.BASE_DIR / "fixtures" / "guide.json"),
        *args,
        stdout=out,
        **options,
    )
    return out.getvalue()


def release(tmp_path, **changes):
    """fixtures/guide.json as a new release ships it: {slug: {field: value}}."""
    records = json.loads((settings.BASE_DIR / "fixtures" / "guide.json").read_text("utf-8"))
    for record in records:
        for field, value in changes.get(record["fields"].get("slug"), {}).items():
            record["fields"][field] = value
    path = tmp_path / "guide.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def edit_channel(client, slug, **fields):
    """Save a channel through the admin's change form, as an editor's browser would."""
    channel = Channel.objects.get(slug=slug)
    url = reverse("admin:channels_channel_change", args=[channel.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_restart_keeps_what_an_editor_saved_and_its_history(editor_client, editor):
    edit_channel(editor_client, "hotline-12333", name_en="Ring 12333")
    output = load()  # what `make serve` runs on every start
    channel = Channel.objects.get(slug="hotline-12333")
    assert channel.name_en == "Ring 12333"
    assert "1 kept as editors changed them" in output
    latest = channel.history.first()
    assert latest.history_user == editor and latest.name_en == "Ring 12333"


def test_a_release_updates_what_no_editor_touched(tmp_path):
    output = load(guide=release(tmp_path, **{"official-website": {"summary_en": "New words."}}))
    channel = Channel.objects.get(slug="official-website")
    assert channel.summary_en == "New words."
    assert "1 updated from the fixtures" in output
    assert channel.history.first().history_change_reason == "Updated from fixtures (loadcontent)"


def test_a_release_and_an_editor_changing_one_record_waits_for_review(
    tmp_path, editor_client, editor
):
    edit_channel(editor_client, "hotline-12333", name_en="Ring 12333")
    shipped = release(tmp_path, **{"hotline-12333": {"name_en": "Call 12333 now"}})
    output = load(guide=shipped)
    assert Channel.objects.get(slug="hotline-12333").name_en == "Ring 12333"
    assert "1 to review" in output and 'channels.channel ["hotline-12333"]: name_en' in output
    waiting = FixtureRecord.objects.get(pending__isnull=False)
    # Loading the same release again asks again, and changes nothing.
    assert "1 to review" in load(guide=shipped)
    # The editor sees both versions in the admin and takes the shipped one.
    changelist = reverse("admin:guide_site_fixturerecord_changelist")
    page = editor_client.get(f"{changelist}?waiting=yes").content.decode()
    assert "hotline-12333" in page
    detail = editor_client.get(reverse("admin:guide_site_fixturerecord_change", args=[waiting.pk]))
    assert "Ring 12333" in detail.content.decode() and "Call 12333 now" in detail.content.decode()
    editor_client.post(
        changelist, {"action": "take_shipped", "_selected_action": [waiting.pk]}, follow=True
    )
    channel = Channel.objects.get(slug="hotline-12333")
    assert channel.name_en == "Call 12333 now"
    assert channel.history.first().history_user == editor
    assert "0 to review" in load(guide=shipped)


def test_keeping_the_editors_version_settles_it(tmp_path, editor_client):
    edit_channel(editor_client, "hotline-12333", name_en="Ring 12333")
    shipped = release(tmp_path, **{"hotline-12333": {"name_en": "Call 12333 now"}})
    load(guide=shipped)
    waiting = FixtureRecord.objects.get(pending__isnull=False)
    editor_client.post(
        reverse("admin:guide_site_fixturerecord_changelist"),
        {"action": "keep_current", "_selected_action": [waiting.pk]},
    )
    assert "0 to review" in load(guide=shipped)
    assert Channel.objects.get(slug="hotline-12333").name_en == "Ring 12333"


def test_what_an_editor_deleted_stays_deleted_and_the_load_still_works():
    Document.objects.filter(slug="inquiry-password").delete()  # a channel lists it
    FAQPage.objects.filter(slug="activate-card").delete()  # its steps and citations go too
    output = load()
    assert not Document.objects.filter(slug="inquiry-password").exists()
    assert not FAQPage.objects.filter(slug="activate-card").exists()
    assert not Step.objects.filter(page__slug="activate-card").exists()
    assert "0 added" in output


def test_overwriting_is_deliberate_asks_first_and_names_who(
    tmp_path, editor_client, django_user_model, monkeypatch
):
    edit_channel(editor_client, "hotline-12333", name_en="Ring 12333")
    with pytest.raises(CommandError, match="--user"):
        load("--overwrite")
    operator = django_user_model.objects.create_user("operator", is_staff=True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Nothing changed" in load("--overwrite", "--user", "operator")
    assert Channel.objects.get(slug="hotline-12333").name_en == "Ring 12333"
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    output = load("--overwrite", "--user", "operator")
    assert "hotline-12333" in output and "1 overwritten" in output
    channel = Channel.objects.get(slug="hotline-12333")
    assert channel.name_en == "Call the 12333 hotline"
    latest = channel.history.first()
    assert latest.history_user == operator
    assert latest.history_change_reason == "Overwritten from fixtures (loadcontent --overwrite)"


def test_a_dry_run_changes_nothing(tmp_path):
    shipped = release(tmp_path, **{"official-website": {"summary_en": "New words."}})
    assert "Would load" in load("--dry-run", guide=shipped)
    assert Channel.objects.get(slug="official-website").summary_en != "New words."
