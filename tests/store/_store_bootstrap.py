"""Make ``newsledger.store`` importable while the package's ``__init__`` is incomplete.

The top-level ``newsledger/__init__.py`` imports modules other engineers are
still writing; when that import fails, a bare package module (same path, no
``__init__`` code) stands in, so the store's tests run on their own.  Once the
package imports cleanly this does nothing.
"""

from __future__ import annotations

import importlib.util
import sys
import types


def ensure_newsledger() -> None:
    try:
        import newsledger  # noqa: F401
    except ImportError:
        spec = importlib.util.find_spec("newsledger")
        if spec is None or not spec.submodule_search_locations:
            raise
        stub = types.ModuleType("newsledger")
        stub.__path__ = list(spec.submodule_search_locations)
        stub.__file__ = spec.origin
        sys.modules["newsledger"] = stub


ensure_newsledger()
