"""Static checks of the snippet contract (CONTRIBUTING.md), on a snippet's source.

Each check returns a list of problems, empty when the source is fine, so that
``tests/test_snippets.py`` can apply it to every snippet and also show that it catches a
planted mistake. They read the code with :mod:`ast`; they catch the usual forms of each
mistake, not every conceivable one.
"""

from __future__ import annotations

import ast
import re

MODEL_CALLS = {"Sequential", "Model"}  # keras.Sequential(...), keras.Model(...)
RESEED = "set_random_seed"  # keras.utils.set_random_seed(SEED)


def _name(func: ast.AST) -> str:
    """The last part of a called name: keras.utils.set_random_seed -> set_random_seed."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)]


def cache_after_shuffle(src: str) -> list[str]:
    """A tf.data chain that calls .cache() after .shuffle() caches the first epoch's
    order and replays it forever: cache first, then shuffle and batch."""
    problems = []
    for call in _calls(ast.parse(src)):
        if _name(call.func) != "cache":
            continue
        inner = call.func.value if isinstance(call.func, ast.Attribute) else None
        while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
            if inner.func.attr == "shuffle":
                problems.append(f"line {call.lineno}: .cache() after .shuffle()")
                break
            inner = inner.func.value
    return problems


def graph_machinery(src: str) -> list[str]:
    """tf.while_loop, and loops compiled into one graph with AutoGraph off, are machinery
    for the site, not for the reader: write compile/fit, or a Python loop around a small
    compiled step. A step with no loop may turn AutoGraph off
    (``@tf.function(autograph=False)``): AutoGraph reads the function's source file,
    which code pasted into a Python prompt does not have."""
    tree = ast.parse(src)
    problems, on_a_step = [], set()
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for deco in fn.decorator_list:
            keywords = [k for k in getattr(deco, "keywords", []) if k.arg == "autograph"]
            on_a_step |= {id(k) for k in keywords}
            loops = [n for n in ast.walk(fn) if isinstance(n, ast.For | ast.While)]
            if keywords and loops:
                problems.append(f"line {loops[0].lineno}: a loop compiled with AutoGraph off")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "while_loop":
            problems.append(f"line {node.lineno}: tf.while_loop")
        if isinstance(node, ast.keyword) and node.arg == "autograph" and id(node) not in on_a_step:
            problems.append(f"line {node.value.lineno}: autograph=... outside a step's decorator")
    return problems


def private_attributes(src: str) -> list[str]:
    """``obj._name`` reads a private attribute (of a Keras object, usually): it changes
    without notice between versions and backends. Use the public API."""
    return [
        f"line {n.lineno}: .{n.attr}"
        for n in ast.walk(ast.parse(src))
        if isinstance(n, ast.Attribute) and n.attr.startswith("_") and not n.attr.startswith("__")
    ]


def _builds_model(node: ast.AST, factories: set[str]) -> bool:
    return any(_name(c.func) in MODEL_CALLS | factories for c in _calls(node))


def _reseeds(node: ast.AST) -> bool:
    return any(_name(c.func) == RESEED for c in _calls(node))


def unseeded_models(src: str) -> list[str]:
    """Compared models must start from the same initial weights: when a snippet builds
    more than one model, each must be preceded by ``keras.utils.set_random_seed(SEED)``
    (in the function that builds it, or earlier in the same block or loop body)."""
    tree = ast.parse(src)
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    # A factory is a function that builds a model; one that reseeds first is safe.
    factories: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, fn in functions.items():
            if name not in factories and _builds_model(fn, factories):
                factories.add(name)
                changed = True
    safe = set()
    for name in factories:
        body = functions[name].body
        first = next((i for i, s in enumerate(body) if _builds_model(s, factories - {name})), None)
        if first is not None and any(_reseeds(s) for s in body[:first]):
            safe.add(name)

    problems: list[str] = []
    builds = 0  # models built, counting a loop's or a comprehension's as two

    def visit(body: list[ast.stmt], in_loop: bool) -> None:
        nonlocal builds
        seeded = False  # a reseed since the last model was built
        for stmt in body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if isinstance(stmt, ast.For | ast.While | ast.With | ast.If):
                visit(stmt.body, in_loop or isinstance(stmt, ast.For | ast.While))
                seeded = False
                continue
            many = in_loop or any(
                isinstance(n, ast.ListComp | ast.DictComp | ast.GeneratorExp)
                for n in ast.walk(stmt)
            )
            for call in _calls(stmt):
                name = _name(call.func)
                if name in safe:
                    builds += 2 if many else 1
                elif name in MODEL_CALLS or name in factories:
                    builds += 2 if many else 1
                    if not (seeded or _reseeds(stmt)):
                        problems.append(f"line {call.lineno}: a model built without a reseed")
                    seeded = False
            if _reseeds(stmt) and not _builds_model(stmt, factories):
                seeded = True

    visit(tree.body, False)
    return problems if builds > 1 else []


# Layers that draw random numbers when created or built: initial weights, or a seed for
# their masks and noise (a Dropout takes one from the global generator when created).
RANDOM_LAYERS = re.compile(
    r"Dense|EinsumDense|(Depthwise|Separable)?Conv\w*|Embedding|LSTM|GRU|SimpleRNN"
    r"|MultiHeadAttention|\w*Dropout|GaussianNoise|Random\w+|MixUp|CutMix|RandAugment|AugMix"
)


def unseeded_layers(src: str) -> list[str]:
    """A snippet prints the same numbers on every run only if Keras's global generator is
    seeded before the first layer that draws from it: ``keras.utils.set_random_seed``
    must come first in the order the code runs (module level, following calls into the
    snippet's own functions). A layer given its own ``seed=`` is exempt."""
    tree = ast.parse(src)
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    entered: set[str] = set()

    def first_draw(body: list[ast.stmt]) -> str | None:
        """'' at a reseed, a problem at an unseeded layer, None if neither happens."""
        for stmt in body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for call in sorted(_calls(stmt), key=lambda c: (c.lineno, c.col_offset)):
                name = _name(call.func)
                if name == RESEED:
                    return ""
                seeded = any(k.arg == "seed" for k in call.keywords)
                if RANDOM_LAYERS.fullmatch(name) and not seeded:
                    return f"line {call.lineno}: {name}(...) before any {RESEED}(...)"
                if name in functions and name not in entered:
                    entered.add(name)
                    if (found := first_draw(functions[name].body)) is not None:
                        return found
        return None

    found = first_draw(tree.body)
    return [found] if found else []


CHECKS = [
    cache_after_shuffle,
    graph_machinery,
    private_attributes,
    unseeded_models,
    unseeded_layers,
]
