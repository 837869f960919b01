"""The built site in a real browser: headless Chromium, driven by Python Playwright.

Every HTML page of the built site (404.html included) is opened once at desktop width in
the light scheme, and every per-page probe runs on that one load (``visits``); it is opened
once more in the dark scheme for axe. The tests below then assert on what the browser saw:

* no console errors and no uncaught exceptions;
* no request leaves the site (the local server), no request fails or gets a 4xx/5xx;
* every ``<img>`` decodes (lazy images are switched to eager loading first);
* math is rendered: MathML laid out natively with a non-empty box, no TeX left over;
* axe-core's WCAG 2.0/2.1 A and AA rules pass, in the light and the dark scheme;
* keyboard focus is visible; at a phone's width no prose runs off the screen;
* the search box finds "dropout";
* each code block's copy button copies exactly the snippet file shown;
* the explorables work from the keyboard and without JavaScript.

The site is the one in ``GUIDE_SITE_DIR`` if set (``make test`` builds first), otherwise a
fresh ``mkdocs build --strict`` into a temporary directory. It is served by ``http.server``
on 127.0.0.1 under the path of ``site_url`` (as GitHub Pages serves it: 404.html links to
``/<repo>/assets/...``). Chromium is Debian's ``/usr/bin/chromium`` (or ``GUIDE_CHROMIUM``,
or a ``chromium``/``google-chrome`` on PATH). If Playwright or Chromium is missing or does
not start, these tests are SKIPPED with the reason (shown by ``-ra``), unless
``GUIDE_REQUIRE_BROWSER=1`` (CI), which turns that into a failure.
"""

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT

from guide import engine

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REQUIRE = os.environ.get("GUIDE_REQUIRE_BROWSER") == "1"


def _unavailable(reason: str):
    if REQUIRE:
        pytest.fail(f"GUIDE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError as exc:  # pragma: no cover - the dev group installs it
    if REQUIRE:
        raise
    pytest.skip(f"Python Playwright is not installed ({exc})", allow_module_level=True)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 30_000
DESKTOP = {"width": 1280, "height": 800}
PHONE_VIEWPORT = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    candidates = [os.environ.get("GUIDE_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


# ------------------------------------------------------------------------ the site


def url_prefix() -> str:
    """The path the site is published under, from site_url: "/regularization-guide/"."""
    m = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
    path = urllib.parse.urlsplit(m[1]).path if m else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path):
        path = urllib.parse.urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0not-under-prefix")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(built_site):
    prefix = url_prefix()
    handler = functools.partial(
        type("Handler", (_Handler,), {"prefix": prefix}), directory=str(built_site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


def page_urls(site: Path) -> list[str]:
    """Every HTML page, as a URL relative to the site root ("", "l1/", "404.html")."""
    out = []
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


# --------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if exe is None:
        _unavailable("no Chromium: install Debian's `chromium` or set GUIDE_CHROMIUM")
    try:
        pw = sync_playwright().start()
    except Exception as exc:
        _unavailable(f"Playwright could not start: {exc}")
    try:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, timeout=120_000)
    except Exception as exc:
        pw.stop()
        _unavailable(f"Chromium ({exe}) could not start: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="session")
def context(browser, base_url):
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
    origin = base_url.split("/", 3)[:3]
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin="/".join(origin))
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


def is_local(url: str, base_url: str) -> bool:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme in ("data", "blob", "about"):
        return True
    return urllib.parse.urlsplit(url).netloc == urllib.parse.urlsplit(base_url).netloc


@dataclass
class Visit:
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    maths: list[dict] = field(default_factory=list)
    leftover_tex: list[str] = field(default_factory=list)
    has_math_markup: bool = False
    axe: list[str] = field(default_factory=list)  # violations, light scheme
    copies: list[dict] = field(default_factory=list)  # see COPIED_TEXTS
    clicked: dict | None = None  # one real click: {title, clipboard, computed}
    focus: dict = field(default_factory=dict)  # see FOCUS_RINGS
    phone: dict = field(default_factory=dict)  # see PHONE


EAGER_IMAGES = """async () => {
  const imgs = [...document.images];
  for (const img of imgs) img.loading = "eager";  // they are loading=lazy
  const timeout = new Promise(resolve => setTimeout(resolve, 20000));
  await Promise.race([Promise.all(imgs.map(i => i.decode().catch(() => null))), timeout]);
  return imgs.map(i => ({src: i.getAttribute("src"), complete: i.complete,
                         width: i.naturalWidth, height: i.naturalHeight}));
}"""

MATHS = """() => [...document.querySelectorAll("math")].map(m => {
  const r = m.getBoundingClientRect();
  return {tex: m.textContent.slice(0, 60), width: r.width, height: r.height,
          display: getComputedStyle(m).display, visible: m.checkVisibility()};
})"""

# Text outside code, scripts and math that still looks like TeX delimiters.
LEFTOVER_TEX = r"""() => {
  const skip = "PRE, CODE, SCRIPT, STYLE, MATH, TEXTAREA";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest(skip)) continue;
    if (/\\[()\[\]]|\$\$/.test(n.textContent)) out.push(n.textContent.trim().slice(0, 80));
  }
  return out;
}"""


@pytest.fixture(scope="session")
def visits(built_site, base_url, context) -> dict[str, Visit]:
    """Open every page once and run every per-page probe on that load, in an order where
    none disturbs the next: what loading did; axe (light scheme); the page narrowed to a
    phone's width, then widened again; the copy buttons (one click); keyboard focus
    last. Loading a page takes longer than most probes, so each page is loaded once,
    not once per test."""
    context.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    axe = AxeScanner()
    out = {}
    for rel in page_urls(built_site):
        v = out[rel] = Visit()
        v.has_math_markup = "<math" in (built_site / _html_file(rel)).read_text(encoding="utf-8")
        page = context.new_page()
        try:
            _record(page, v, base_url)
            response = page.goto(base_url + rel, wait_until="load")
            v.status = response.status if response else None
            v.images = page.evaluate(EAGER_IMAGES)
            try:  # the search worker fetches its index after load; wait for late requests
                page.wait_for_load_state("networkidle", timeout=10_000)
            except PlaywrightError:
                pass
            v.maths = page.evaluate(MATHS)
            v.leftover_tex = page.evaluate(LEFTOVER_TEX)
            v.axe = axe.scan(page, rel)
            page.set_viewport_size(PHONE_VIEWPORT)  # before any hover, click or focus
            page.evaluate(NEXT_FRAME)  # the layout at the new width
            v.phone = page.evaluate(PHONE)
            page.set_viewport_size(DESKTOP)
            page.evaluate(NEXT_FRAME)
            v.copies, v.clicked = _copy_buttons(page)
            page.keyboard.press("Tab")  # keyboard modality: :focus-visible applies
            v.focus = page.evaluate(FOCUS_RINGS)
        finally:
            page.close()
    assert axe.seen, "no code token styles found: has the code block markup changed?"
    return out


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _record(page, v: Visit, base_url: str) -> None:
    def console(msg):
        if msg.type == "error":
            v.console_errors.append(f"console.error: {msg.text} ({msg.location.get('url')})")

    def request(req):
        if not is_local(req.url, base_url):
            v.external.append(req.url)

    def failed(req):
        if is_local(req.url, base_url):
            v.broken.append(f"{req.url} ({req.failure})")

    def response(res):
        if res.status >= 400:
            v.broken.append(f"{res.url} (HTTP {res.status})")

    page.on("console", console)
    page.on("pageerror", lambda exc: v.console_errors.append(f"uncaught: {exc}"))
    page.on("request", request)
    page.on("requestfailed", failed)
    page.on("response", response)


def _html_file(rel: str) -> str:
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _report(problems: dict) -> str:
    return "\n".join(
        f"{page or '/'}:\n  " + "\n  ".join(map(str, p)) for page, p in problems.items()
    )


# ---------------------------------------------------------------- every page, checks


def test_every_page_loads(visits):
    assert len(visits) >= 2 and "" in visits and "404.html" in visits, sorted(visits)
    bad = {rel: [f"HTTP {v.status}"] for rel, v in visits.items() if v.status != 200}
    assert not bad, _report(bad)


def test_no_console_errors(visits):
    bad = {rel: v.console_errors for rel, v in visits.items() if v.console_errors}
    assert not bad, "console errors:\n" + _report(bad)


def test_no_request_leaves_the_site(visits):
    bad = {rel: v.external for rel, v in visits.items() if v.external}
    assert not bad, "requests to other hosts (aborted by the test):\n" + _report(bad)


def test_no_request_fails(visits):
    bad = {rel: v.broken for rel, v in visits.items() if v.broken}
    assert not bad, "failed requests:\n" + _report(bad)


def test_every_image_decodes(visits):
    bad = {
        rel: [i for i in v.images if not (i["complete"] and i["width"] > 0 and i["height"] > 0)]
        for rel, v in visits.items()
    }
    bad = {rel: imgs for rel, imgs in bad.items() if imgs}
    assert not bad, "images that did not decode:\n" + _report(bad)
    assert any(v.images for v in visits.values()), "no page has an image: nothing was checked"


def test_math_is_rendered_as_mathml(visits):
    bad = {}
    for rel, v in visits.items():
        problems = [f"TeX left in the text: {t!r}" for t in v.leftover_tex]
        shown = [m for m in v.maths if m["visible"]]
        if v.has_math_markup and not shown:
            problems.append("the page has <math> but none is visible")
        for m in shown:
            if not (m["width"] > 0 and m["height"] > 0):
                problems.append(f"empty box: {m}")
            if "math" not in m["display"]:  # "math" / "block math": Chromium's MathML layout
                problems.append(f"not laid out as MathML (display: {m['display']}): {m}")
        if problems:
            bad[rel] = problems
    assert not bad, _report(bad)
    assert any(v.maths for v in visits.values()), "no page has math: nothing was checked"


# --------------------------------------------------------------------------- search


def _pages_mentioning(site: Path, word: str) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted(
        {
            d["location"].split("#")[0]
            for d in index["docs"]
            if word in (d.get("title", "") + " " + d.get("text", "")).lower()
        }
    )


def test_search_finds_dropout(built_site, base_url, context):
    if not _pages_mentioning(built_site, "dropout"):
        pytest.skip("no page of the built site mentions 'dropout' yet: nothing to find")
    page = context.new_page()
    try:
        page.goto(base_url, wait_until="load")
        box = page.locator("input.md-search__input")
        if not box.is_visible():  # narrow layouts: the search icon opens it
            page.locator("label[for='__search']").first.click()
        box.click()
        box.press_sequentially("dropout", delay=50)
        page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT_MS)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a[href]", "els => els.map(e => e.href)"
        )
    finally:
        page.close()
    assert hrefs, "the search showed results without links"
    found = []
    for href in hrefs:
        path = urllib.parse.urlsplit(href).path
        assert path.startswith(url_prefix()), f"result outside the site: {href}"
        rel = _html_file(path[len(url_prefix()) :])
        target = built_site / rel
        assert target.is_file(), f"search result {href} points to no page ({rel})"
        if "dropout" in target.read_text(encoding="utf-8").lower():
            found.append(rel)
    assert found, f"no search result for 'dropout' leads to a page about it: {hrefs}"


# ----------------------------------------------------------------------- copy button


COPY_BUTTON = "button.md-clipboard, button.md-code__button[data-md-type='copy']"
SENTINEL = "<<the copy button copied nothing>>"
# What each titled code block's copy button would copy, computed as Material's bundle
# does (``hs()`` in Material 9.8.1: the button's data-clipboard-text, or its target's
# innerText while the target carries data-md-copying, which hides annotations; then
# trimEnd). One real click per page checks this computation against the clipboard.
COPIED_TEXTS = f"""() => [...document.querySelectorAll("div.highlight")].flatMap(block => {{
  const title = block.querySelector(":scope > span.filename");
  if (!title) return [];
  const button = block.querySelector("{COPY_BUTTON}");
  if (!button) return [{{title: title.innerText, text: null}}];
  const extract = () => {{
    const target = document.querySelector(button.getAttribute("data-clipboard-target"));
    target.setAttribute("data-md-copying", "");
    const fixed = target.closest("[data-copy]");
    const text = fixed ? fixed.getAttribute("data-copy") : target.innerText;
    target.removeAttribute("data-md-copying");
    return text.trimEnd();
  }};
  const text = button.getAttribute("data-clipboard-text") || extract();
  return [{{title: title.innerText, text}}];
}})"""


def _copy_buttons(page) -> tuple[list[dict], dict | None]:
    """[{title, text}] for every titled code block of the page (text: what its copy
    button copies, None without a button), and {title, clipboard, computed} for a real
    click on the first block with a button whose title is a snippet file."""
    copies = page.evaluate(COPIED_TEXTS)
    for i, c in enumerate(copies):
        title = c["title"].removeprefix("snippets/")
        if c["text"] is None or not (engine.SNIPPETS / title).is_file():
            continue  # no button (reported by the test), or not a snippet file
        block = page.locator("div.highlight:has(> span.filename)").nth(i)
        page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
        copied = SENTINEL
        try:
            block.scroll_into_view_if_needed()
            block.hover()
            block.locator(COPY_BUTTON).first.click()
        except PlaywrightError as exc:  # reported by the test, not by every test
            copied = f"{SENTINEL} (the click failed: {str(exc).splitlines()[0]})"
        deadline = time.monotonic() + 10
        while copied == SENTINEL and time.monotonic() < deadline:
            copied = page.evaluate("() => navigator.clipboard.readText()")
            time.sleep(0.05)
        return copies, {"title": title, "clipboard": copied, "computed": c["text"]}
    return copies, None


def test_copy_button_copies_the_snippet_file(visits):
    """Every code block titled with a snippet file copies that file: its copied text
    plus one "\\n" is the file, byte for byte (``ruff format`` ends a file with exactly
    one newline; Material trims trailing whitespace). On each page one real click
    checks that the clipboard gets what the page's copy buttons were computed to copy."""
    checked, bad = 0, {}
    for rel, v in visits.items():
        for c in v.copies:
            title = c["title"].removeprefix("snippets/")
            path = engine.SNIPPETS / title
            if not (title.endswith(".py") and path.is_file()):  # "Output" blocks etc.
                continue
            checked += 1
            if c["text"] is None:
                bad.setdefault(rel, []).append(f"{title}: no copy button")
            elif (c["text"] + "\n").encode() != path.read_bytes():
                bad.setdefault(rel, []).append(f"{title}: {_first_difference(c['text'], path)}")
        click = v.clicked
        if click and click["clipboard"].startswith(SENTINEL):
            what = click["clipboard"].removeprefix(SENTINEL).strip() or "(nothing)"
            bad.setdefault(rel, []).append(f"{click['title']}: the copy button copied {what}")
        elif click and click["clipboard"] != click["computed"]:
            bad.setdefault(rel, []).append(
                f"{click['title']}: the click copied {click['clipboard'][:60]!r}, "
                f"not the computed {str(click['computed'])[:60]!r}"
            )
    assert not bad, "copy buttons that do not copy the snippet file:\n" + _report(bad)
    assert checked > 50, f"only {checked} code blocks with a snippets/ title: what changed?"
    clicks = sum(v.clicked is not None for v in visits.values())
    assert clicks >= 15, f"only {clicks} pages had a copy button clicked"


def _first_difference(copied: str, path: Path) -> str:
    want = path.read_text(encoding="utf-8")
    got = copied + "\n"
    i = next((k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), None)
    if i is None:
        return f"length {len(got)} vs file {len(want)}: {got[-40:]!r} vs {want[-40:]!r}"
    return f"first difference at char {i}: copied {got[i : i + 40]!r}, file {want[i : i + 40]!r}"


# ------------------------------------------------------------------- accessibility

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Code blocks hold three quarters of a page's elements (one <span> per token), and axe's
# color-contrast rule, the costly one, would check each. A token's contrast depends only
# on its computed colour, background, font size and weight, and the same few
# combinations repeat on every page; so inside code blocks each combination is checked
# where it first appears, and every other rule runs on every element of every page.
CODE = ".highlight, .highlight-ipynb"
MARK_NEW_CODE_STYLES = """(seen) => {
  seen = new Set(seen);
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
    }
    return "none";
  };
  // Only text axe can measure: shown, and not scrolled out of its code box (axe reports
  // clipped text as "incomplete", which would leave its combination unchecked).
  const measurable = (e) => {
    if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const box = e.closest("pre") || e, r = e.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return r.width > 0 && r.left >= b.left && r.right <= b.right;
  };
  const code = document.querySelectorAll(".highlight *, .highlight-ipynb *");
  const fresh = [];
  for (const e of code) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (!measurable(e)) continue;
    const s = getComputedStyle(e);
    const key = [s.color, background(e), s.fontSize, s.fontWeight].join("|");
    if (!seen.has(key)) { seen.add(key); e.setAttribute("data-axe-contrast", ""); fresh.push(key); }
  }
  return {fresh, code: code.length};
}"""


class AxeScanner:
    """axe-core, as bundled by axe-playwright-python (run offline), injected once per
    page; ``seen`` holds the code styles already checked for contrast in this scheme."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.script = Axe().axe_script
        self.seen: list[str] = []

    def scan(self, page, rel: str) -> list[str]:
        """The page's violations: ["rule: /page: element: summary", ...]."""
        tags = {"type": "tag", "values": AXE_TAGS}
        code = page.evaluate(MARK_NEW_CODE_STYLES, self.seen)
        self.seen += code["fresh"]
        scans = [({"exclude": [CODE]}, {"runOnly": tags})]
        if code["code"]:  # axe fails on an empty include
            no_contrast = {"color-contrast": {"enabled": False}}
            scans.append(({"include": [CODE]}, {"runOnly": tags, "rules": no_contrast}))
        if code["fresh"]:
            scans.append(({"include": ["[data-axe-contrast]"]}, {"runOnly": ["color-contrast"]}))
        page.evaluate(self.script)
        found = []
        for context, options in scans:
            options = {**options, "resultTypes": ["violations"]}
            result = page.evaluate("([c, o]) => axe.run(c, o)", [context, options])
            for v in result["violations"]:
                for node in v["nodes"]:
                    where = " ".join(node["target"]) + " " + node["html"][:80]
                    found.append(f"{v['id']}: /{rel}: {where}: {v['help']}")
        return found


@pytest.fixture(scope="session")
def dark_axe(built_site, base_url, browser) -> list[str]:
    """axe on every page in the dark scheme (the light scheme's scan is in ``visits``)."""
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    ctx.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    axe, found = AxeScanner(), []
    try:
        for rel in page_urls(built_site):
            page = ctx.new_page()
            try:
                page.goto(base_url + rel, wait_until="load")
                found += axe.scan(page, rel)
            finally:
                page.close()
    finally:
        ctx.close()
    assert axe.seen, "no code token styles found: has the code block markup changed?"
    return found


@pytest.mark.parametrize(
    "scheme", ["light", pytest.param("dark", marks=pytest.mark.xdist_group("dark"))]
)
def test_no_accessibility_violations(request, scheme):
    """WCAG 2.0/2.1 A and AA, as axe-core checks them, on every page. The dark scheme
    has a browser of its own, which pytest-xdist can run beside the light one."""
    if scheme == "light":
        found = [f for v in request.getfixturevalue("visits").values() for f in v.axe]
    else:
        found = request.getfixturevalue("dark_axe")
    assert not found, f"{len(found)} axe violations ({scheme}):\n" + "\n".join(found[:60])


# ------------------------------------------------------------------------- phones


PHONE = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll(".md-content p, .md-content li, .md-content h1,"
    + " .md-content h2, .md-content h3, .md-content td")]
    .filter(e => e.closest("pre, table, .math, .jupyter-wrapper") === null)
    .filter(e => e.getBoundingClientRect().right > vw + 1)
    .map(e => e.tagName + ": " + e.textContent.trim().slice(0, 60));
  const figures = [...document.querySelectorAll("img.snippet-figure")]
    .filter(i => i.getBoundingClientRect().width > 0)
    .map(i => ({src: i.getAttribute("src"), width: i.getBoundingClientRect().width}));
  // A copy button over the code box would cover the end of the first line of code.
  const buttons = [...document.querySelectorAll(".md-code__button, clipboard-copy")]
    .filter(b => b.getBoundingClientRect().width > 0);
  const covering = buttons.filter(b => {
      const box = b.closest(".highlight, .jp-InputArea-editor");
      const code = box && box.querySelector("pre > code, .highlight-ipynb pre");
      if (!code) return false;
      const r = b.getBoundingClientRect(), c = code.getBoundingClientRect();
      return r.bottom > c.top && r.top < c.bottom && r.right > c.left && r.left < c.right;
    })
    .map(b => "copy button over: " + b.closest(".highlight, .jp-InputArea-editor")
      .textContent.trim().slice(0, 50));
  return {scroll: document.documentElement.scrollWidth, vw, wide, figures, covering,
    buttons: buttons.length};
}"""


@pytest.fixture(scope="session")
def phone_layout(visits) -> dict[str, dict]:
    """PHONE on every page, at 390 x 844 CSS px (the page loaded at desktop width, then
    narrowed: CSS lays out by CSS px, so a phone's device pixel ratio changes nothing
    measured here)."""
    return {rel: v.phone for rel, v in visits.items()}


def test_no_prose_overflows_a_phone(phone_layout):
    """At 390 px no paragraph, list item or heading runs off the screen (code blocks,
    tables and formulas scroll inside their own box)."""
    bad = {rel: v["wide"] for rel, v in phone_layout.items() if v["wide"]}
    bad |= {
        rel: [f"page scrolls sideways: {v['scroll']} > {v['vw']} px"]
        for rel, v in phone_layout.items()
        if v["scroll"] > v["vw"] + 1
    }
    assert not bad, _report(bad)


def test_no_copy_button_covers_code_on_a_phone(phone_layout):
    """Copy buttons sit in the block's title bar (content pages) or above the cell (labs),
    never over the code, where a phone's long lines reach the right edge."""
    bad = {rel: v["covering"] for rel, v in phone_layout.items() if v["covering"]}
    seen = sum(v["buttons"] for v in phone_layout.values())
    assert seen > 50, f"only {seen} copy buttons found: did the theme's markup change?"
    assert not bad, _report(bad)


def test_figure_text_is_at_least_9_px_on_a_phone(built_site, phone_layout):
    """The smallest text in each figure, as rendered at 390 px: the figure's smallest
    font (recorded when it was saved) scaled by its rendered / natural width."""
    from guide.figures import MIN_FONT_PX
    from guide.markup import INCLUDE, figure_uri

    records = {}
    for md in (ROOT / "docs").rglob("*.md"):
        for m in INCLUDE.finditer(md.read_text(encoding="utf-8")):
            res = engine.load_cached(m["name"], None)
            for i, fig in enumerate(res.figures if res else []):
                records[figure_uri(m["name"], i, fig)] = fig
    bad, checked = {}, 0
    for rel, v in phone_layout.items():
        for f in v["figures"]:
            uri = f["src"].split("#")[0].lstrip("./")
            fig = records.get(uri)
            if fig is None:
                continue
            checked += 1
            px = fig["min_font_pt"] * 4 / 3 * f["width"] / fig["width"]
            if px < MIN_FONT_PX:
                bad.setdefault(rel, []).append(f"{uri}: {px:.1f} px")
    assert checked, "no figure was measured"
    assert not bad, _report(bad)


# --------------------------------------------------------------------- explorables


def _explorable_pages(site: Path) -> list[str]:
    return [
        rel
        for rel in page_urls(site)
        if 'class="explorable"' in (site / _html_file(rel)).read_text(encoding="utf-8")
    ]


def _wait_for_frame_image(page, ident: str, timeout_ms: float = 15_000) -> None:
    """Wait until the shown frame's image has loaded (a lazy image is requested only once
    its frame shows; a loaded machine takes a while). If it never does, FRAME_STATE's
    "loaded" reports it."""
    js = (
        f"() => [...document.querySelectorAll('#{ident} .explorable-frame:not([hidden]) img')]"
        ".filter(i => i.getBoundingClientRect().width > 0)"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(js, timeout=timeout_ms)


FRAME_STATE = """box => ({
  shown: [...box.querySelectorAll(".explorable-frame")].map(f => !f.hidden),
  loaded: [...box.querySelectorAll(".explorable-frame:not([hidden]) img")]
    .filter(i => i.getBoundingClientRect().width > 0)
    .every(i => i.complete && i.naturalWidth > 0),
  output: box.querySelector("output").textContent,
  valuetext: box.querySelector("input").getAttribute("aria-valuetext"),
  readout: (box.querySelector(".explorable-readout") || {}).textContent || "",
  inUrl: new URL(location.href).searchParams.get(box.id),
  label: box.querySelector("label").getBoundingClientRect().width > 0,
})"""


def test_explorable_slider_works_from_the_keyboard(built_site, base_url, context):
    """On every explorable the slider has a visible label and value; each ArrowRight shows
    the next frame and only it (its image loaded), and updates the value, the screen
    reader's value text, the readout row and the URL; opening that URL restores it."""
    pages = _explorable_pages(built_site)
    assert pages, "no page has an explorable"
    bad = {}
    for rel in pages:
        page = context.new_page()
        try:
            page.goto(base_url + rel, wait_until="load")
            for box in page.locator("figure.explorable").all():
                box.scroll_into_view_if_needed()
                data = json.loads(box.get_attribute("data-explorable"))
                values, rows = data["values"], (data["rows"] or {}).get("rows")
                ident = box.get_attribute("id")
                box.locator("input").focus()
                for i in range(len(values)):
                    if i:
                        page.keyboard.press("ArrowRight")
                        page.wait_for_function(
                            f"() => !document.querySelector('#{ident} [data-frame=\"{i}\"]').hidden"
                        )
                    _wait_for_frame_image(page, ident)  # lazy: requested once shown
                    s = box.evaluate(FRAME_STATE)
                    want = [j == i for j in range(len(values))]
                    problems = [
                        s["shown"] != want and f"frames shown {s['shown']}",
                        not s["loaded"] and "image not loaded",
                        not s["label"] and "label not visible",
                        s["output"] != values[i] and f"value shown {s['output']!r}",
                        not s["valuetext"].endswith(values[i]) and "aria-valuetext stale",
                        rows and rows[i] not in s["readout"] and "readout stale",
                        i and s["inUrl"] != values[i] and f"URL keeps {s['inUrl']!r}",
                    ]
                    for p in filter(None, problems):
                        bad.setdefault(rel, []).append(f"{ident} at {values[i]}: {p}")
                page.goto(page.url, wait_until="load")  # the linked value is restored
                restored = page.locator(f"#{ident}").evaluate(FRAME_STATE)
                if restored["output"] != values[-1]:
                    bad.setdefault(rel, []).append(f"{ident}: URL value not restored")
        finally:
            page.close()
    assert not bad, _report(bad)


def test_explorable_without_javascript_shows_a_frame_and_the_numbers(built_site, base_url, browser):
    """With JavaScript off, each explorable shows its first frame, no dead slider, and the
    page still shows the printed table with a row for every value."""
    pages = _explorable_pages(built_site)
    assert pages, "no page has an explorable"
    ctx = browser.new_context(java_script_enabled=False)
    ctx.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    bad = {}
    try:
        for rel in pages:
            page = ctx.new_page()
            page.goto(base_url + rel, wait_until="load")
            text = page.locator(".md-content").inner_text()
            for box in page.locator("figure.explorable").all():
                values = json.loads(box.get_attribute("data-explorable"))["values"]
                ident = box.get_attribute("id")
                if box.locator(".explorable-control").is_visible():
                    bad.setdefault(rel, []).append(f"{ident}: slider visible without JS")
                shown = [f.is_visible() for f in box.locator(".explorable-frame").all()]
                if shown != [True] + [False] * (len(values) - 1):
                    bad.setdefault(rel, []).append(f"{ident}: frames shown {shown}")
                missing = [v for v in values if v not in text]
                if missing:
                    bad.setdefault(rel, []).append(f"{ident}: no printed row for {missing}")
            page.close()
    finally:
        ctx.close()
    assert not bad, _report(bad)


FOCUS_RINGS = """() => {
  const focusable = [...document.querySelectorAll(
    ".md-content a[href], .md-content button, .md-content input, .md-content summary,"
    + " .md-content [tabindex='0'], .md-content clipboard-copy")]
    .filter(e => e.getBoundingClientRect().width > 0);
  const bare = [];
  for (const e of focusable) {
    e.focus();
    if (document.activeElement !== e) continue;
    const s = getComputedStyle(e);
    if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0)
      bare.push(e.tagName + "." + (e.className || "").toString().split(" ")[0] + ": "
        + (e.textContent || "").trim().slice(0, 40));
  }
  return {count: focusable.length, bare: bare.slice(0, 10)};
}"""


def test_keyboard_focus_is_visible_on_every_page(visits):
    """Everything in the content a keyboard can reach shows a focus ring when focused
    (WCAG 2.4.7; axe does not check it): code blocks, links, buttons, the lab cells
    nbconvert makes focusable, explorable sliders."""
    bad = {rel: v.focus["bare"] for rel, v in visits.items() if v.focus["bare"]}
    total = sum(v.focus["count"] for v in visits.values())
    assert total > 100, f"only {total} focusable elements found"
    assert not bad, _report(bad)
