"""Small HTML helpers for tests: ids, links and the lang attribute of a page."""

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
        if "style" in attrs or tag == "style":
            self.styles_inline += 1


def parse(response_or_html):
    html = response_or_html
    if hasattr(response_or_html, "content"):
        html = response_or_html.content.decode()
    parser = PageParser()
    parser.feed(html)
    return parser
