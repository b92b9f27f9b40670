"""Fixtures seed an empty database; after that the database is the truth. `make serve`
runs `loadcontent` on every start, and nothing an editor saved is ever overwritten without
saying so first (guide_site/fixtures.py has the rules).

Each test ships a small "release" of its own (a fixture file made from factory content) and
loads it the way `make serve` does, so the shipped content plays no part."""

import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.urls import reverse

from channels.models import Channel, Document, FAQPage, Step
from guide_site.fixtures import fields_to_dump
from guide_site.models import FixtureRecord
from tests import factories
from tests.adminforms import form_data

pytestmark = pytest.mark.django_db


class Release:
    """A fixture file with a document, a channel that asks for it, and a FAQ page that lists
    the channel; loaded once, as a first release, into the database."""

    def __init__(self, path):
        self.path = path
        document = factories.document()
        channel = factories.channel(documents=[document], name_en="Ring the hotline")
        page = factories.faq_page(steps=[channel], change_notes=0)
        objects = [document, channel, page, *page.steps.all()]
        self.records = []
        for obj in objects:
            self.records += serializers.serialize(
                "python",
                [obj],
                fields=fields_to_dump(type(obj)),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        self.records = json.loads(json.dumps(self.records, default=str))
        self.document, self.channel, self.page = document.slug, channel.slug, page.slug
        # Gone again: the release brings them.
        page.delete()
        channel.delete()
        document.delete()
        self.write()
        output = self.load()
        assert "4 added" in output, output

    def write(self, **changes):
        """The release's file, with {slug: {field: value}} changed."""
        for record in self.records:
            record["fields"].update(changes.get(record["fields"].get("slug"), {}))
        self.path.write_text(json.dumps(self.records, ensure_ascii=False), encoding="utf-8")
        return self

    def load(self, *args):
        out = io.StringIO()
        call_command("loadcontent", str(self.path), *args, stdout=out)
        return out.getvalue()


@pytest.fixture
def release(tmp_path):
    return Release(tmp_path / "guide.json")


def edit_channel(client, slug, **fields):
    """Save a channel through the admin's change form, as an editor's browser would."""
    url = reverse("admin:channels_channel_change", args=[Channel.objects.get(slug=slug).pk])
    data = form_data(client.get(url))
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_restart_keeps_what_an_editor_saved_and_its_history(release, editor_client, editor):
    edit_channel(editor_client, release.channel, name_en="Ring 12333")
    output = release.load()  # what `make serve` runs on every start
    channel = Channel.objects.get(slug=release.channel)
    assert channel.name_en == "Ring 12333"
    assert "1 kept as editors changed them" in output
    latest = channel.history.first()
    assert latest.history_user == editor and latest.name_en == "Ring 12333"


def test_a_release_updates_what_no_editor_touched(release):
    output = release.write(**{release.channel: {"summary_en": "New words."}}).load()
    channel = Channel.objects.get(slug=release.channel)
    assert channel.summary_en == "New words."
    assert "1 updated from the fixtures" in output
    assert channel.history.first().history_change_reason == "Updated from fixtures (loadcontent)"


def test_a_release_and_an_editor_changing_one_record_waits_for_review(
    release, editor_client, editor
):
    edit_channel(editor_client, release.channel, name_en="Ring 12333")
    output = release.write(**{release.channel: {"name_en": "Call 12333 now"}}).load()
    assert Channel.objects.get(slug=release.channel).name_en == "Ring 12333"
    assert "1 to review" in output
    assert f'channels.channel ["{release.channel}"]: name_en' in output
    waiting = FixtureRecord.objects.get(pending__isnull=False)
    # Loading the same release again asks again, and changes nothing.
    assert "1 to review" in release.load()
    # The editor sees both versions in the admin and takes the shipped one.
    changelist = reverse("admin:guide_site_fixturerecord_changelist")
    assert release.channel in editor_client.get(f"{changelist}?waiting=yes").content.decode()
    detail = editor_client.get(reverse("admin:guide_site_fixturerecord_change", args=[waiting.pk]))
    assert "Ring 12333" in detail.content.decode()
    assert "Call 12333 now" in detail.content.decode()
    editor_client.post(
        changelist, {"action": "take_shipped", "_selected_action": [waiting.pk]}, follow=True
    )
    channel = Channel.objects.get(slug=release.channel)
    assert channel.name_en == "Call 12333 now"
    assert channel.history.first().history_user == editor
    assert "0 to review" in release.load()


def test_keeping_the_editors_version_settles_it(release, editor_client):
    edit_channel(editor_client, release.channel, name_en="Ring 12333")
    release.write(**{release.channel: {"name_en": "Call 12333 now"}}).load()
    waiting = FixtureRecord.objects.get(pending__isnull=False)
    editor_client.post(
        reverse("admin:guide_site_fixturerecord_changelist"),
        {"action": "keep_current", "_selected_action": [waiting.pk]},
    )
    assert "0 to review" in release.load()
    assert Channel.objects.get(slug=release.channel).name_en == "Ring 12333"


def test_what_an_editor_deleted_stays_deleted_and_the_load_still_works(release):
    Document.objects.filter(slug=release.document).delete()  # the channel lists it
    FAQPage.objects.filter(slug=release.page).delete()  # its steps go too
    output = release.load()
    assert not Document.objects.filter(slug=release.document).exists()
    assert not FAQPage.objects.filter(slug=release.page).exists()
    assert not Step.objects.filter(page__slug=release.page).exists()
    assert "0 added" in output


def test_overwriting_is_deliberate_asks_first_and_names_who(
    release, editor_client, django_user_model, monkeypatch
):
    edit_channel(editor_client, release.channel, name_en="Ring 12333")
    with pytest.raises(CommandError, match="--user"):
        release.load("--overwrite")
    operator = django_user_model.objects.create_user("operator", is_staff=True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Nothing changed" in release.load("--overwrite", "--user", "operator")
    assert Channel.objects.get(slug=release.channel).name_en == "Ring 12333"
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    output = release.load("--overwrite", "--user", "operator")
    assert release.channel in output and "1 overwritten" in output
    channel = Channel.objects.get(slug=release.channel)
    assert channel.name_en == "Ring the hotline"
    latest = channel.history.first()
    assert latest.history_user == operator
    assert latest.history_change_reason == "Overwritten from fixtures (loadcontent --overwrite)"


def test_a_dry_run_changes_nothing(release):
    assert "Would load" in release.write(**{release.channel: {"summary_en": "New."}}).load(
        "--dry-run"
    )
    assert Channel.objects.get(slug=release.channel).summary_en != "New."


def test_a_release_after_a_migration_that_added_a_field_still_updates(release):
    """The base was recorded before a migration added ``standing`` and ``sources`` (and
    while a field existed that is gone now): the record, untouched by editors, takes the
    release's change instead of waiting for review."""
    record = FixtureRecord.objects.get(model="channels.channel", key=f'["{release.channel}"]')
    older = {k: v for k, v in record.base.items() if k not in ("standing", "sources", "needs_card")}
    record.base = {**older, "a_field_since_removed": "x"}
    record.save()
    output = release.write(**{release.channel: {"summary_en": "New words."}}).load()
    assert "1 updated from the fixtures" in output and "0 to review" in output
    assert Channel.objects.get(slug=release.channel).summary_en == "New words."


def test_an_edit_of_an_added_field_is_still_the_editors(release, editor_client):
    record = FixtureRecord.objects.get(model="channels.channel", key=f'["{release.channel}"]')
    record.base = {k: v for k, v in record.base.items() if k != "standing"}
    record.save()
    edit_channel(
        editor_client, release.channel, standing="changed", standing_note_en="Now at the bank."
    )
    output = release.write(**{release.channel: {"summary_en": "New words."}}).load()
    assert "1 to review" in output
    assert Channel.objects.get(slug=release.channel).standing == "changed"
