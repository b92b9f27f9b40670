"""Import a law from its plain-text source into the database.

Usage:
    python manage.py importlaw articles/sources/social-insurance-law.zh.md \\
        --english articles/sources/social-insurance-law.en.md \\
        --slug social-insurance-law --short-title 社会保险法 \\
        --short-title-en "Social Insurance Law" --chapters 12 --articles 98

Then write the result back to the fixtures with ``python manage.py dumpcontent``.

The Chinese text is parsed strictly (see ``articles/lawtext.py``); the English reference
translation, when given, must have exactly the same chapters, articles, paragraphs and
items. Everything is written in one transaction: a malformed text changes nothing, and
running the command twice leaves the database as the first run did.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from articles.lawtext import CHINESE, ENGLISH, LawTextError, check_same_shape, parse
from articles.models import Article, Chapter, Item, Law, Paragraph


class Command(BaseCommand):
    help = "Import a law (chapters, articles, paragraphs, items) from its plain-text source."

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="The official Chinese text, e.g. articles/sources/….zh.md"
        )
        parser.add_argument("--english", help="An English translation in the mirrored format.")
        parser.add_argument("--slug", required=True, help="e.g. social-insurance-law")
        parser.add_argument("--short-title", required=True, help="e.g. 社会保险法")
        parser.add_argument("--short-title-en", default="", help="e.g. Social Insurance Law")
        parser.add_argument("--chapters", type=int, help="Refuse the text unless it has this many.")
        parser.add_argument("--articles", type=int, help="Refuse the text unless it has this many.")
        parser.add_argument("--source-name", default="国家法律法规数据库")
        parser.add_argument("--source-name-en", default="National Database of Laws and Regulations")
        parser.add_argument("--source-url", default="https://flk.npc.gov.cn/")
        parser.add_argument("--in-force", help="YYYY-MM-DD, when the text does not say it.")

    def handle(self, *args, **options):
        zh = self._read(options["source"], CHINESE)
        en = self._read(options["english"], ENGLISH) if options["english"] else None
        if en is not None:
            try:
                check_same_shape(zh, en)
            except LawTextError as error:
                raise CommandError(f"{options['english']}: {error}") from error
        for name, expected, found in (
            ("chapters", options["chapters"], len(zh.chapters)),
            ("articles", options["articles"], len(zh.articles)),
        ):
            if expected is not None and expected != found:
                raise CommandError(
                    f"{options['source']}: expected {expected} {name}, found {found}."
                )

        adopted, amended = zh.dates()
        in_force = options["in_force"] or zh.in_force_date()
        if adopted is None:
            raise CommandError(f"{options['source']}: no adoption date (…通过) in the header.")
        if in_force is None:
            raise CommandError("The text does not say when it came into force: pass --in-force.")

        for number, before, after in zh.normalised:
            self.stdout.write(f"Article {number}: normalised punctuation: {before!r} → {after!r}")

        try:
            with transaction.atomic():
                counts = self._save(zh, en, options, adopted, amended, in_force)
        except ProtectedError as error:
            raise CommandError(
                "The new text drops an article or chapter that the guide still cites or "
                f"uses; nothing was changed. {error.args[0]}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['slug']}: {len(zh.chapters)} chapters, {len(zh.articles)} articles; "
                f"{counts['created']} rows created, {counts['updated']} updated, "
                f"{counts['deleted']} deleted."
            )
        )

    def _read(self, path, syntax):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            return parse(text, syntax)
        except LawTextError as error:
            raise CommandError(f"{path}: {error}") from error

    def _save(self, zh, en, options, adopted, amended, in_force):
        counts = {"created": 0, "updated": 0, "deleted": 0}

        def upsert(model, lookup, values):
            obj = model.objects.filter(**lookup).first()
            if obj is None:
                obj = model.objects.create(**lookup, **values)
                counts["created"] += 1
                return obj
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj.save(update_fields=changed)
                counts["updated"] += 1
            return obj

        def prune(queryset):
            deleted, _ = queryset.delete()
            counts["deleted"] += deleted

        law_values = {
            "title_zh_hans": zh.title,
            "short_title_zh_hans": options["short_title"],
            "source_name_zh_hans": options["source_name"],
            "source_name_en": options["source_name_en"],
            "source_url": options["source_url"],
            "adopted_on": adopted,
            "amended_on": amended,
            "in_force_on": in_force,
        }
        if en is not None:
            law_values["title_en"] = en.title
        if options["short_title_en"]:
            law_values["short_title_en"] = options["short_title_en"]
        law = upsert(Law, {"slug": options["slug"]}, law_values)

        en_chapters = en.chapters if en else [None] * len(zh.chapters)
        for chapter, chapter_en in zip(zh.chapters, en_chapters, strict=True):
            values = {"title_zh_hans": chapter.title}
            if chapter_en:
                values["title_en"] = chapter_en.title
            chapter_obj = upsert(Chapter, {"law": law, "number": chapter.number}, values)
            en_articles = chapter_en.articles if chapter_en else [None] * len(chapter.articles)
            for article, article_en in zip(chapter.articles, en_articles, strict=True):
                article_obj = upsert(
                    Article, {"law": law, "number": article.number}, {"chapter": chapter_obj}
                )
                en_paragraphs = (
                    article_en.paragraphs if article_en else [None] * len(article.paragraphs)
                )
                for paragraph, paragraph_en in zip(article.paragraphs, en_paragraphs, strict=True):
                    values = {"text_zh_hans": paragraph.text}
                    if paragraph_en:
                        values["text_en"] = paragraph_en.text
                    paragraph_obj = upsert(
                        Paragraph, {"article": article_obj, "number": paragraph.number}, values
                    )
                    en_items = paragraph_en.items if paragraph_en else [None] * len(paragraph.items)
                    for (number, text), item_en in zip(paragraph.items, en_items, strict=True):
                        values = {"text_zh_hans": text}
                        if item_en:
                            values["text_en"] = item_en[1]
                        upsert(Item, {"paragraph": paragraph_obj, "number": number}, values)
                    prune(paragraph_obj.items.exclude(number__lte=len(paragraph.items)))
                prune(article_obj.paragraphs.exclude(number__lte=len(article.paragraphs)))
        prune(law.articles.exclude(number__lte=len(zh.articles)))
        prune(law.chapters.exclude(number__lte=len(zh.chapters)))
        return counts
