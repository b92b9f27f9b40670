"""Security headers, the admin login lockout, and editors' text that tries to be markup."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles.models import Chapter, Item, Law, Paragraph
from channels.models import ActivationMethod, Channel, Citation, Document, FAQPage, Step, Term
from tests import factories

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers(client):
    response = client.get("/en/ways/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp  # no third-party source


# --- The admin login locks out after repeated failures (django-axes). ---


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@example.org", "right-horse-9")


def login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
    )


def test_five_bad_passwords_lock_the_login_even_for_the_right_one(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "wrong")
        assert response.status_code == 200  # the form again, with an error
        assert "_auth_user_id" not in client.session
    response = login(client, "wrong")
    assert response.status_code == 429
    response = login(client, "right-horse-9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by these failures.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert login(other, "right-horse-9").status_code == 302


def test_behind_nginx_the_lockout_is_per_reader_not_per_proxy(editor, settings):
    # nginx on loopback names each reader in X-Real-IP: one reader's failures must not lock
    # the editor out everywhere.
    attacker = Client(REMOTE_ADDR="127.0.0.1", headers={"X-Real-IP": "203.0.113.66"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "wrong")
    assert login(attacker, "right-horse-9").status_code == 429
    editor_at_work = Client(REMOTE_ADDR="127.0.0.1", headers={"X-Real-IP": "198.51.100.7"})
    assert login(editor_at_work, "right-horse-9").status_code == 302


def test_an_x_real_ip_from_anyone_but_a_trusted_proxy_is_ignored(editor, settings):
    # A client talking to the app directly cannot dodge the lockout with a new header each time.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client = Client(REMOTE_ADDR="203.0.113.66", headers={"X-Real-IP": f"198.51.100.{n}"})
        login(client, "wrong")
    client = Client(REMOTE_ADDR="203.0.113.66", headers={"X-Real-IP": "198.51.100.99"})
    assert login(client, "right-horse-9").status_code == 429


def test_a_trusted_proxy_sending_no_address_is_taken_as_itself(editor, settings):
    proxy = Client(REMOTE_ADDR="127.0.0.1", headers={"X-Real-IP": "not an address"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(proxy, "wrong")
    assert login(Client(REMOTE_ADDR="127.0.0.1"), "right-horse-9").status_code == 429


def test_a_good_login_is_not_locked_and_resets_the_count(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "right-horse-9").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200


def test_the_lockout_adds_no_cookie_to_public_pages(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    reader = Client()
    for _ in range(2):
        response = reader.get("/en/")
        assert response.status_code == 200
        assert not response.cookies and "Cookie" not in response.get("Vary", "")


# --- What editors type is text, never markup. ---

HOSTILE = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)><a href="javascript:x">j</a>'


class MarkupAudit(HTMLParser):
    """Every element and attribute of a page, to find any that an editor's text created."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.images, self.handlers, self.js_links = [], 0, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # JSON-LD is data the browser never runs; every other script must be our file.
        if tag == "script" and attrs.get("type") != "application/ld+json":
            self.scripts.append(attrs.get("src"))
        if tag == "img":
            self.images += 1
        self.handlers += [name for name in attrs if name.startswith("on")]
        if (attrs.get("href") or "").lower().startswith("javascript:"):
            self.js_links.append(attrs["href"])


def fill(obj, fields, value=HOSTILE):
    for field in fields:
        # As much of it as the column holds (PostgreSQL refuses more); the script tag first.
        text = value[: obj._meta.get_field(field).max_length]
        for code in ("zh_hans", "en"):
            if hasattr(obj, f"{field}_{code}"):
                setattr(obj, f"{field}_{code}", text)
        if not hasattr(obj, f"{field}_en"):
            setattr(obj, field, text)
    obj.save()


def test_hostile_text_in_every_editor_field_is_shown_as_text(client):
    route_fields = ["name", "summary", "how", "where", "source_name"]
    for channel in Channel.objects.all():
        fill(channel, [*route_fields, "hours"])
    for method in ActivationMethod.objects.all():
        fill(method, route_fields)
    for document in Document.objects.all():
        fill(document, ["name", "description"])
    for term in Term.objects.all():
        fill(term, ["chinese", "pinyin", "meaning"])
    for page in FAQPage.objects.all():
        fill(page, ["question", "short_answer", "body", "caution", "steps_heading"])
    for step in Step.objects.all():
        fill(step, ["title", "text"])
    for citation in Citation.objects.all():
        fill(citation, ["note"])
    for law in Law.objects.all():
        fill(law, ["title", "short_title", "source_name"])
    for chapter in Chapter.objects.all()[:3]:
        fill(chapter, ["title"])
    # Two cited articles' paragraphs: their pages show the guide's pages that cite them too.
    hostile_paragraphs = list(Paragraph.objects.filter(article__citations__isnull=False)[:2])
    for paragraph in hostile_paragraphs:
        fill(paragraph, ["text"])
    for item in Item.objects.all()[:5]:
        fill(item, ["text"])
    # One language empty: the other language's text is shown with a note (another code path).
    page = FAQPage.objects.published().first()
    FAQPage.objects.filter(pk=page.pk).update(short_answer_en="", caution_en="")
    Channel.objects.filter(pk=Channel.objects.first().pk).update(summary_en="", how_en="")

    law = Law.objects.first()
    pages = [
        "/{lang}/",
        *(f"/{{lang}}/questions/{page.slug}/" for page in FAQPage.objects.published()),
        "/{lang}/ways/",
        "/{lang}/documents/",
        "/{lang}/law/",
        f"/{{lang}}/law/{law.slug}/",
        *(
            f"/{{lang}}/law/{law.slug}/article/{paragraph.article.number}/"
            for paragraph in hostile_paragraphs
        ),
    ]
    for lang in ("zh-hans", "en"):
        for pattern in pages:
            path = pattern.format(lang=lang)
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            audit = MarkupAudit()
            audit.feed(html)
            assert len(audit.scripts) == 1 and audit.scripts[0].endswith(".js"), path
            assert audit.images == 0 and audit.handlers == [] and audit.js_links == [], path
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path


def test_links_editors_give_must_be_web_addresses():
    channel = factories.channel(phone="12333")
    channel.source_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        channel.full_clean()
    assert "source_url" in error.value.message_dict
    channel.source_url = "https://rsj.beijing.gov.cn/"
    channel.phone = "12333<script>"
    with pytest.raises(ValidationError) as error:
        channel.full_clean()
    assert "phone" in error.value.message_dict
