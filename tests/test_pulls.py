"""Numbers quoted in prose (guide/pulls.py): from a printed line or from a named result,
and never a number the printed output does not show."""

import pytest

from guide.cache import Result
from guide.pulls import quote

RES = Result(
    name="x/01_demo.py",
    seed=None,
    key="k",
    ok=True,
    stdout="model     val CE\nplain      1.068\nL1(1e-3)   0.210\nbest: L1(1e-3)\nshare: 58%\n",
    values={"val_ce": {"plain": 1.06768, "L1(1e-3)": 0.2101}, "share": [0.58], "n": 3},
)


def test_a_printed_label_is_quoted_as_printed():
    assert quote(RES, "best") == "L1(1e-3)"


def test_a_named_result_is_quoted_with_its_format_when_the_output_shows_it():
    assert quote(RES, 'val_ce["plain"]:.3f') == "1.068"
    assert quote(RES, "val_ce['L1(1e-3)']:.3f") == "0.210"
    assert quote(RES, "share[0]:.0%") == "58%"


@pytest.mark.parametrize(
    "spec",
    [
        'val_ce["plain"]:.4f',  # 1.0677 is not printed: the reader could not check it
        'val_ce["plain"]:.2f',  # 1.07 is not a number of its own in "1.068"
        'val_ce["ridge"]:.3f',  # no such key
        "n",  # 3 appears nowhere as a number of its own
        "no such label",
    ],
)
def test_anything_the_output_does_not_show_fails(spec):
    with pytest.raises(KeyError, match="x/01_demo.py"):
        quote(RES, spec)
