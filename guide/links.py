"""`make links`: every external link in the built site, with the pages that use it.

The build and the tests are offline, so external URLs are listed here, never fetched
(htmlproofer checks internal links and anchors). Check the list by hand, or with a link
checker on a machine that has network, when references change.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def external_links(site: Path) -> dict[str, list[str]]:
    """URL -> the built pages (relative paths) whose links point to it."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if urllib.parse.urlsplit(href).scheme in ("http", "https"):
                found[href].add(page.relative_to(site).as_posix())
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def main(site: Path) -> None:
    links = external_links(site)
    for url, pages in links.items():
        shown = ", ".join(pages[:3]) + (f" (+{len(pages) - 3} more)" if len(pages) > 3 else "")
        print(f"{url}\n    {shown}")
    print(f"\n{len(links)} external links, not fetched (the build is offline)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
