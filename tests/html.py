"""Small HTML helpers for tests: ids, links, the lang attribute, meta tags and JSON-LD."""

import json
from html.parser import HTMLParser


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.links = []
        self.lang = None
        self.hreflangs = {}
        self.scripts = []
        self.styles_inline = 0
        self.meta = {}  # name or property → content (the last one; og:locale:alternate…)
        self.meta_all = []  # (name or property, content) in order
        self.canonical = None
        self.json_ld = []
        self._in_json_ld = False
        self._json_ld_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.hreflangs[attrs["hreflang"]] = attrs.get("href")
        if tag == "script":
            self.scripts.append(attrs.get("src"))
            if attrs.get("type") == "application/ld+json":
                self._in_json_ld = True
                self._json_ld_text = []
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            key = attrs.get("property") or attrs.get("name")
            self.meta[key] = attrs.get("content")
            self.meta_all.append((key, attrs.get("content")))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        if "style" in attrs or tag == "style":
            self.styles_inline += 1

    def handle_data(self, data):
        if self._in_json_ld:
            self._json_ld_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(json.loads("".join(self._json_ld_text)))
            self._in_json_ld = False

    def json_ld_of_type(self, type_name):
        return [item for item in self.json_ld if item.get("@type") == type_name]


def parse(response_or_html):
    html = response_or_html
    if hasattr(response_or_html, "content"):
        html = response_or_html.content.decode()
    parser = PageParser()
    parser.feed(html)
    return parser
