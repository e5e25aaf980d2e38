"""WeasyPrint's libraries found from one ldconfig listing (render/weasy.py): the same
answers as ctypes.util's own first step, which runs ldconfig once per name."""

from __future__ import annotations

import ctypes.util
import os
import sys

import pytest

from make_brief.render.weasy import LDCONFIG, _from_listing, _ldconfig_listing

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not os.access(LDCONFIG, os.X_OK),
    reason="only Linux with glibc's ldconfig is sped up",
)

#: The names WeasyPrint 70 tries, in its order (weasyprint/text/ffi.py), and a few more.
NAMES = [
    *("gobject-2.0-0", "gobject-2.0", "libgobject-2.0-0", "libgobject-2.0.so.0"),
    *("pango-1.0-0", "pango-1.0", "libpango-1.0-0", "libpango-1.0.so.0"),
    *("harfbuzz", "harfbuzz-0.0", "libharfbuzz-0", "libharfbuzz.so.0"),
    *("harfbuzz-subset", "fontconfig-1", "fontconfig", "pangoft2-1.0-0", "pangoft2-1.0"),
    *("glib-2.0-0", "glib-2.0", "c", "m", "no-such-library-at-all"),
]


@pytest.mark.parametrize("name", NAMES)
def test_the_listing_answers_as_ctypes_first_step(name: str) -> None:
    ours = _from_listing(_ldconfig_listing())(name)
    assert ours == ctypes.util._findSoname_ldconfig(name)  # type: ignore[attr-defined]
    if ours is not None:  # and what it names is what the loader opens
        assert ctypes.CDLL(ours)
