"""The law works without the guide: with ``channels`` not installed, every law page answers,
and article pages have no "Cited by" section (the guide provides it through
``articles.backlinks``)."""

import json
import subprocess
import sys

import pytest

from tests import shipped
from tests.tools.servers import BASE_DIR

pytestmark = pytest.mark.slow

SCRIPT = """
import json
from django.test import Client
from articles.models import Article
client = Client()
paths = []
for lang in ("zh-hans", "en"):
    law = f"/{lang}/law/social-insurance-law/"
    paths += [f"/{lang}/law/", law]
    paths += [f"{law}article/{article.number}/" for article in Article.objects.all()]
found = {}
for path in paths:
    response = client.get(path, HTTP_HOST="localhost")
    found[path] = [response.status_code, "cited-by" in response.content.decode()]
print(json.dumps(found))
"""


def test_every_law_page_answers_without_the_guide(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tests.law_only_settings",
        "DJANGO_VAR_DIR": str(tmp_path),
        "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "--noinput")
    assert "Loaded" in manage("loadcontent")  # the law's fixture only: the guide's is not known
    found = json.loads(manage("shell", "-c", SCRIPT).strip().splitlines()[-1])
    # In each language: the list of laws, each law, each article.
    laws, articles = shipped.count("articles.law"), shipped.count("articles.article")
    assert len(found) == 2 * (1 + laws + articles)
    assert {path: status for path, (status, _cited) in found.items() if status != 200} == {}
    assert [path for path, (_status, cited) in found.items() if cited] == []
