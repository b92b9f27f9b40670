"""The "Editors" group: everything content work needs, nothing about accounts."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories
from tests.channels.test_admin import _faq_form_data

pytestmark = pytest.mark.django_db

ACCOUNT_APPS = {"auth", "admin", "sessions", "contenttypes"}


def test_the_editors_group_has_content_permissions_only():
    permissions = Group.objects.get(name="Editors").permissions.select_related("content_type")
    apps = {p.content_type.app_label for p in permissions}
    assert apps == {"articles", "channels", "guide_site"}
    codenames = {p.codename for p in permissions}
    for model in ["faqpage", "channel", "activationmethod", "document", "law", "paragraph"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"{action}_{model}" in codenames
        assert f"view_historical{model}" in codenames
    assert "check_content" in codenames
    assert not apps & ACCOUNT_APPS


@pytest.mark.parametrize(
    "name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
    ],
)
def test_an_editor_cannot_reach_user_administration(editor_client, editor, name):
    assert editor_client.get(reverse(name)).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_change", args=[editor.pk])).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:channels_faqpage_changelist") in index


def test_an_editor_can_edit_a_faq_page_and_see_it_published(editor_client, client):
    page = factories.faq_page(steps=[factories.method()])
    data = _faq_form_data(page)
    data["short_answer_en"] = "Take your card and ID to a bank outlet."
    response = editor_client.post(reverse("admin:channels_faqpage_change", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        "Take your card and ID to a bank outlet."
        in client.get(f"/en/questions/{page.slug}/").content.decode()
    )


def test_an_editor_can_work_on_every_content_model(editor_client):
    from django.contrib import admin

    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in {"articles", "channels"}:
            continue
        for view in ["changelist", "add"]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            # Feedback and searches that found nothing come from readers only: nobody adds
            # them in the admin.
            readers = {("feedback", "add"), ("searchmiss", "add")}
            expected = 403 if (opts.model_name, view) in readers else 200
            assert editor_client.get(url).status_code == expected, url


@pytest.mark.slow
def test_an_editor_can_run_the_content_check_and_other_staff_cannot(
    editor_client, client, django_user_model
):
    url = reverse("admin:channels_content_check")
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert url in index
    assert editor_client.get(url).status_code == 200

    other = django_user_model.objects.create_user("helper", password="x-long-pass", is_staff=True)
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("admin:index")).content.decode()


def test_the_content_check_page_is_not_public(client):
    response = client.get(reverse("admin:channels_content_check"))
    assert response.status_code == 302
    assert f"/{settings.ADMIN_PATH}login/" in response["Location"]


def test_one_command_creates_an_editor_who_can_sign_in_and_edit(client, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-pass-phrase")
    call_command(
        "createeditor", "wang", "--email", "wang@example.org", "--noinput", stdout=io.StringIO()
    )
    user = get_user_model().objects.get(username="wang")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password("a-long-editor-pass-phrase")
    client.force_login(user)
    assert client.get(reverse("admin:channels_channel_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_the_editor_command_refuses_a_weak_password_or_a_taken_name(monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createeditor", "li", "--noinput")
    assert not get_user_model().objects.filter(username="li").exists()
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-pass-phrase")
    call_command("createeditor", "li", "--noinput", stdout=io.StringIO())
    with pytest.raises(CommandError, match="'li'"):
        call_command("createeditor", "li", "--noinput")
