"""The law, as its own citation levels: law → chapter (章) → article (条) → paragraph (款)
→ item (项). Every level below the law has a stable anchor that readers link to; the anchors
follow PRODUCT.md and never change with the language."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guide_site.models import numbered_within

from .numerals import to_chinese


def is_chinese(language=None):
    return (language or get_language() or "").startswith("zh")


def provision_label(article, paragraph_number=None, item_number=None):
    """How a lawyer writes a citation: 《社会保险法》第七十四条第四款 / Social Insurance Law,
    Article 74, paragraph 4."""
    law = article.law.short_title
    if is_chinese():
        text = f"《{law}》第{to_chinese(article.number)}条"
        if paragraph_number:
            text += f"第{to_chinese(paragraph_number)}款"
            if item_number:
                text += f"第{to_chinese(item_number)}项"
        return text
    text = _("%(law)s, Article %(number)s") % {"law": law, "number": article.number}
    if paragraph_number:
        text += _(", paragraph %(number)s") % {"number": paragraph_number}
        if item_number:
            text += _(", item %(number)s") % {"number": item_number}
    return text


class LawManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Law(models.Model):
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The full official title, e.g. 中华人民共和国社会保险法."),
    )
    short_title = models.CharField(
        _("short title"),
        max_length=100,
        help_text=_("How readers name it, e.g. 社会保险法 / Social Insurance Law."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Part of every link to the law, e.g. social-insurance-law. Never change it."),
    )
    adopted_on = models.DateField(_("adopted on"), help_text=_("e.g. 2010-10-28"))
    amended_on = models.DateField(
        _("last amended on"), null=True, blank=True, help_text=_("e.g. 2018-12-29")
    )
    in_force_on = models.DateField(_("in force from"), help_text=_("e.g. 2011-07-01"))
    source_name = models.CharField(
        _("official source"),
        max_length=200,
        help_text=_("Where the text comes from, e.g. 国家法律法规数据库."),
    )
    source_url = models.URLField(
        _("official source address"), blank=True, help_text=_("e.g. https://flk.npc.gov.cn/")
    )

    objects = LawManager()

    class Meta:
        ordering = ["short_title"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("articles:law", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def natural_key_from_fields(cls, fields):
        return (fields["slug"],)


ChapterBase = numbered_within(
    Law,
    "law",
    related_name="chapters",
    parent_label=_("law"),
    number_label=_("number"),
    number_help=_("e.g. 1 for 第一章"),
)


class Chapter(ChapterBase):
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. 总则 / General Provisions")
    )

    class Meta(ChapterBase.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return f"{self.label} {self.title}"

    def get_absolute_url(self):
        return f"{self.law.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"chapter-{self.number}"

    @property
    def label(self):
        if is_chinese():
            return f"第{to_chinese(self.number)}章"
        return _("Chapter %(number)s") % {"number": self.number}

    @property
    def article_range(self):
        """First and last article numbers; uses prefetched articles when there are some."""
        numbers = [article.number for article in self.articles.all()]
        return (min(numbers), max(numbers)) if numbers else None


ArticleBase = numbered_within(
    Law,
    "law",
    related_name="articles",
    parent_label=_("law"),
    number_label=_("number"),
    number_help=_("e.g. 74 for 第七十四条. Numbers run through the whole law."),
)


class Article(ArticleBase):
    chapter = models.ForeignKey(
        Chapter,
        # Articles go with their chapter; what the guide cites is protected by Citation.
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name=_("chapter"),
        help_text=_("The chapter the article stands in, e.g. 第一章 总则."),
    )

    class Meta(ArticleBase.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return provision_label(self)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.law.slug, "number": self.number})

    @property
    def anchor(self):
        return f"article-{self.number}"

    def label_for(self, language):
        if is_chinese(language):
            return f"第{to_chinese(self.number)}条"
        return f"Article {self.number}"

    @property
    def label_zh(self):
        return self.label_for("zh-hans")

    @property
    def label(self):
        if is_chinese():
            return self.label_for("zh-hans")
        return _("Article %(number)s") % {"number": self.number}

    def get_law_url(self):
        """This article's place in the whole law."""
        return f"{self.law.get_absolute_url()}#{self.anchor}"


ParagraphBase = numbered_within(
    Article,
    "article",
    related_name="paragraphs",
    parent_label=_("article"),
    number_label=_("number"),
    number_help=_("e.g. 4 for the fourth 款"),
)


class Paragraph(ParagraphBase):
    """A 款: the article's blank-line separated paragraphs, numbered from 1."""

    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The paragraph as the law words it, e.g. 国家多渠道筹集社会保险资金。"),
    )

    class Meta(ParagraphBase.Meta):
        verbose_name = _("paragraph (款)")
        verbose_name_plural = _("paragraphs (款)")

    def __str__(self):
        return f"{self.article} ¶{self.number}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"{self.article.anchor}-{self.number}"

    @property
    def label(self):
        if is_chinese():
            return f"第{to_chinese(self.number)}款"
        return _("Paragraph %(number)s") % {"number": self.number}


ItemBase = numbered_within(
    Paragraph,
    "paragraph",
    related_name="items",
    parent_label=_("paragraph"),
    number_label=_("number"),
    number_help=_("e.g. 2 for （二）"),
)


class Item(ItemBase):
    """A 项: a numbered item, （一）, （二）…, inside a paragraph."""

    text = models.TextField(
        _("text"), help_text=_("The item without its number, e.g. 应当由第三人负担的；")
    )

    class Meta(ItemBase.Meta):
        verbose_name = _("item (项)")
        verbose_name_plural = _("items (项)")

    def __str__(self):
        return f"{self.paragraph} ({self.number})"

    def get_absolute_url(self):
        return f"{self.paragraph.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"{self.paragraph.anchor}-{self.number}"

    @property
    def label_zh(self):
        return f"（{to_chinese(self.number)}）"

    @property
    def label_en(self):
        return f"({self.number})"

    @property
    def label(self):
        return self.label_zh if is_chinese() else self.label_en
