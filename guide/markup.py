"""What a page shows under each snippet: its output, its figures and its run time.

A page includes a snippet with pymdownx.snippets inside a fenced block whose only line
is the include; the alt text of the figures the snippet draws follows it, one numbered
line per figure, in an HTML comment (readers do not see it; screen readers read it)::

    ```python title="l1/03_compare.py"
    --8<-- "l1/03_compare.py"
    ```
    <!-- figures
    1. Line chart of the cross-entropy against the training step for both networks.
    -->

:func:`render` replaces that with the include, the printed output, each figure (a light
and a dark variant) and a line with the file, run time and date, and fills in the
numbers the prose quotes (``guide/pulls.py``). Nothing here depends on MkDocs.
"""

from __future__ import annotations

import html
import json
import re

from guide import pulls
from guide.cache import Result

INCLUDE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*python\b(?P<attrs>[^\n]*)\n"
    r'(?P=indent)--8<--[ \t]+"(?P<name>[^"\n]+\.py)"[ \t]*\n'
    r"(?P=indent)(?P=fence)[ \t]*$"
    r"(?P<alts>\n(?:[ \t]*\n)*(?P=indent)<!--[ \t]*figures"
    r'(?:[ \t]+explorable="(?P<explore>[^"\n]+)")?[ \t]*\n(?P<alt>.*?)-->[ \t]*$)?',
    re.MULTILINE | re.DOTALL,
)
PULL = re.compile(r"\{\{\s*(?P<name>[\w./-]+\.py)\s*:\s*(?P<label>[^}]+?)\s*\}\}")
ALT_ITEM = re.compile(r"^\s*(\d+)\.\s+(.+?)(?=^\s*\d+\.\s|\Z)", re.MULTILINE | re.DOTALL)
# Alt text a screen reader would find useless: it must say what the figure shows.
GENERIC_ALT = re.compile(r"^(figure|plot|chart|image|graph)( \d+)?\.?$", re.IGNORECASE)
MIN_ALT_WORDS = 6
DISPLAY_SCALE = 1.2  # figures are drawn 480 px wide and shown 576 px wide on a desktop

# After the first output on a page: why a reader's digits may differ from the page's.
DIGITS_NOTE = (
    "Printed numbers come from the build's run of this snippet. On another CPU the last "
    "digits can differ (TensorFlow's kernels sum in a CPU-dependent order); the claims "
    "the page draws from them are tested on ten seeds: see Checked claims at the end of "
    "the page, and [Environment]({prefix}environment.md#numbers-on-your-machine).\n"
    "{{: .digits-note }}"
)


class MarkupError(Exception):
    """A page asks for something its snippets cannot give (the build fails with it)."""


def included_snippets(markdown: str) -> list[str]:
    return [m["name"] for m in INCLUDE.finditer(markdown)]


def figure_uri(name: str, i: int, fig: dict, variant: str = "file") -> str:
    """Where the build puts a snippet's i-th figure (``variant`` "dark": its dark one)."""
    ext = fig[variant].rsplit(".", 1)[-1]
    dark = "-dark" if variant == "dark" else ""
    return f"figures/{name[:-3]}-{i + 1}{dark}.{ext}"


def alt_texts(block: str | None) -> list[str]:
    """The numbered alt texts of a ``<!-- figures ... -->`` block, in order."""
    if not block:
        return []
    items = [(int(n), " ".join(text.split())) for n, text in ALT_ITEM.findall(block)]
    if [n for n, _ in items] != list(range(1, len(items) + 1)):
        raise MarkupError(f"figure alt texts must be numbered 1, 2, ...: {block.strip()[:80]!r}")
    return [text for _, text in items]


def check_alts(name: str, alts: list[str], n_figures: int) -> None:
    if len(alts) != n_figures:
        raise MarkupError(
            f"{name} draws {n_figures} figure(s) but the page gives {len(alts)} alt text(s): "
            "add a '<!-- figures' comment after its include, one numbered line per figure"
        )
    for i, alt in enumerate(alts, 1):
        if GENERIC_ALT.match(alt) or len(alt.split()) < MIN_ALT_WORDS:
            raise MarkupError(
                f"{name}, figure {i}: alt text {alt!r} does not say what the figure shows "
                f"(a sentence of at least {MIN_ALT_WORDS} words)"
            )


def figure_markup(name: str, i: int, fig: dict, alt: str, prefix: str) -> str:
    """Markdown for one figure: the light and the dark variant (Material shows the one
    for the current scheme), each with its size, loaded lazily."""
    alt = alt.replace("[", "(").replace("]", ")")
    size = ""
    if fig.get("width"):
        w, h = (round(fig[k] * DISPLAY_SCALE) for k in ("width", "height"))
        size = f' width="{w}" height="{h}"'
    out = []
    variants = (
        [("file", "#only-light"), ("dark", "#only-dark")] if fig.get("dark") else [("file", "")]
    )
    for variant, fragment in variants:
        uri = figure_uri(name, i, fig, variant)
        out.append(f"![{alt}]({prefix}{uri}{fragment}){{ .snippet-figure loading=lazy{size} }}")
    return "\n".join(out)


def readout_rows(stdout: str, labels: list[str]) -> dict | None:
    """The printed table's header and each value's row, for an explorable's readout:
    each label must begin exactly one output line; the header is the line above the
    first of them. None if the output has no such table."""
    lines = stdout.splitlines()
    rows = []
    for label in labels:
        hits = [i for i, line in enumerate(lines) if line.strip().split(" ")[0] == label]
        if len(hits) != 1:
            return None
        rows.append(hits[0])
    first = min(rows)
    header = lines[first - 1] if first > 0 else ""
    return {"header": header, "rows": [lines[i] for i in rows]}


def explorable_html(name: str, res: Result, control: str, template: str, url_prefix: str) -> str:
    """One figure per parameter value, shown one at a time above a labelled slider
    (docs/assets/explorables.js). Without JavaScript the first frame shows, and the
    printed table above holds every value's numbers. ``url_prefix`` leads from the
    page's URL to the site root (raw HTML is not rewritten by the site generator)."""
    labels = [fig.get("label", "") for fig in res.figures]
    if len(res.figures) < 2 or not all(labels) or len(set(labels)) != len(labels):
        raise MarkupError(
            f"{name}: an explorable needs two or more figures, each labelled with its own "
            f"value (fig.set_label(...)); got labels {labels}"
        )
    if "{value}" not in template:
        raise MarkupError(f"{name}: the explorable's alt text needs a {{value}}: {template!r}")
    ident = "explore-" + re.sub(r"[^\w]+", "-", name[:-3]).strip("-")
    frames = []
    for i, fig in enumerate(res.figures):
        alt = html.escape(template.format(value=labels[i]))
        size = ""
        if fig.get("width"):
            w, h = (round(fig[k] * DISPLAY_SCALE) for k in ("width", "height"))
            size = f' width="{w}" height="{h}"'
        imgs = []
        for variant, fragment in [("file", "#only-light"), ("dark", "#only-dark")]:
            if variant in fig:
                uri = url_prefix + figure_uri(name, i, fig, variant) + fragment
                imgs.append(
                    f'<img class="snippet-figure no-zoom" src="{uri}" alt="{alt}"{size}'
                    ' loading="lazy">'
                )
        hidden = " hidden" if i else ""
        frames.append(
            f'<div class="explorable-frame" data-frame="{i}"{hidden}>{"".join(imgs)}</div>'
        )
    rows = readout_rows(res.stdout, labels)
    readout = ""
    if rows:
        text = html.escape(rows["header"] + "\n" + rows["rows"][0])
        readout = f'<pre class="explorable-readout" aria-live="polite">{text}</pre>'
    data = html.escape(json.dumps({"values": labels, "rows": rows}), quote=True)
    first = html.escape(f"{control} = {labels[0]}")
    return (
        f'\n<figure class="explorable" id="{ident}" data-explorable="{data}">\n'
        f'<div class="explorable-control" hidden>'
        f'<label for="{ident}-range">{html.escape(control)}</label>'
        f'<input type="range" id="{ident}-range" min="0" max="{len(labels) - 1}" step="1" '
        f'value="0" aria-valuetext="{first}">'
        f'<output for="{ident}-range">{html.escape(labels[0])}</output></div>\n'
        + "\n".join(frames)
        + f"\n{readout}\n</figure>\n"
    )


def output_block(
    name: str, res: Result, alts: list[str], prefix: str, first: bool, explorable: str = ""
) -> str:
    """What follows a snippet's code on the page: its output, its figures (or, for an
    explorable, the ``explorable`` HTML in their place) and the line with its run time."""
    if not res.ok:  # only in `mkdocs serve`: show the error instead of stale output
        body = "\n".join("    " + line for line in res.error.splitlines())
        return f'\n!!! failure "snippets/{name} failed"\n\n    ```text\n{body}\n    ```\n'
    parts = []
    if res.stdout.strip():
        fence = "```" + "`" * max(
            0, max((len(m) for m in re.findall("`{3,}", res.stdout)), default=0) - 2
        )
        # data-search-exclude: Material's search skips it. Printed numbers are noise in
        # results and were half of the search index, which every page downloads.
        attrs = '{ .text title="Output" data-search-exclude="" }'
        parts.append(f"{fence}{attrs}\n{res.stdout.rstrip()}\n{fence}")
        if first:
            parts.append(DIGITS_NOTE.format(prefix=prefix))
    if explorable:
        parts.append(explorable)
    else:
        parts += [figure_markup(name, i, f, alts[i], prefix) for i, f in enumerate(res.figures)]
    parts.append(
        f"`snippets/{name}` · ran in {res.seconds:.1f} s on {res.produced[:10]} · "
        f"[download]({prefix}code/{name}){{ download }}\n{{: .snippet-meta }}"
    )
    return "\n\n" + "\n\n".join(parts) + "\n"


def render(
    markdown: str,
    results: dict[str, Result],
    labs: dict[str, Result],
    prefix: str,
    url_prefix: str = "",
    note_digits: bool = True,
) -> str:
    """The page's Markdown with every include followed by its output and figures, and
    every ``{{ snippet: ... }}`` filled in. ``prefix`` leads from the page's source to
    the docs root ("" or "../"), ``url_prefix`` from its URL to the site root (for raw
    HTML). Raises :class:`MarkupError`."""
    noted = [] if note_digits else ["-"]

    def add_output(m):
        name = m["name"]
        res = results.get(name)
        if res is None:  # the page changed after the snippets were run
            raise MarkupError(f"the page changed during the build ({name}); build again")
        alts = alt_texts(m["alt"])
        first = not noted and bool(res.stdout.strip())
        noted.extend([name] if first else [])
        code = m.group(0)[: m.start("alts") - m.start()] if m["alts"] else m.group(0)
        if m["explore"] and res.ok:  # all figures are frames; one alt text with {value}
            check_alts(name, alts, 1)
            widget = explorable_html(name, res, m["explore"], alts[0], url_prefix)
            return code + "\n" + output_block(name, res, [], prefix, first, explorable=widget)
        if res.ok:
            check_alts(name, alts, len(res.figures))
        return code + "\n" + output_block(name, res, alts, prefix, first)

    markdown = INCLUDE.sub(add_output, markdown)

    def pull(m):
        name, label = m["name"], m["label"]
        res = results.get(name) or labs.get(name)
        if res is None:
            raise MarkupError(f"{{{{ {name}: ... }}}} but the page does not include {name}")
        if not res.ok:
            return "(failed)"
        try:
            return pulls.quote(res, label)
        except KeyError as exc:
            raise MarkupError(exc.args[0]) from None

    return PULL.sub(pull, markdown)
