"""Every interface string has a Chinese translation, checked against the current source."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PO = Path("locale/zh_Hans/LC_MESSAGES/django.po")


def parse_po(text):
    """(msgid, [msgstr…], flags) for each entry of a .po file."""
    entries, entry, key = [], None, None

    def unquote(s):
        return s.strip()[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()

    for line in text.splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r"^(msgid|msgid_plural|msgctxt|msgstr(?:\[\d+\])?) (.*)$", line):
            key = match.group(1)
            value = unquote(match.group(2))
            if key.startswith("msgstr"):
                entry["msgstr"][key] = value
            else:
                entry[key] = value
        elif line.startswith('"') and key:
            if key.startswith("msgstr"):
                entry["msgstr"][key] += unquote(line)
            else:
                entry[key] += unquote(line)
    return [e for e in entries if e["msgid"]]


def untranslated(entries):
    return [
        e["msgid"]
        for e in entries
        if "fuzzy" in e["flags"] or not all(e["msgstr"].values()) or not e["msgstr"]
    ]


def test_the_committed_catalogue_is_complete_and_valid():
    entries = parse_po((settings.BASE_DIR / PO).read_text(encoding="utf-8"))
    assert len(entries) > 150
    assert untranslated(entries) == []
    subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(settings.BASE_DIR / PO)], check=True
    )


@pytest.mark.slow
def test_no_message_in_the_code_lacks_a_chinese_translation(tmp_path):
    """Extract the messages from the code as it is now, and merge them into a copy of the
    catalogue: a string added without a translation shows up empty."""
    copy = tmp_path / "site"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", "staticfiles", ".git", "node_modules", "__pycache__", "test-artifacts"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "--ignore=tests",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_VAR_DIR": str(tmp_path / "var")},
    )
    entries = parse_po((copy / PO).read_text(encoding="utf-8"))
    assert untranslated(entries) == []
    # And the extraction saw the templates, not just Python files.
    assert "Legal basis" in {e["msgid"] for e in entries}


def test_chinese_pages_use_the_translations(client, db):
    from tests import factories

    page = factories.faq_page(citations=[factories.article()])
    html = client.get(f"/zh-hans/questions/{page.slug}/").content.decode()
    assert "法律依据" in html
    assert "Legal basis" not in html
