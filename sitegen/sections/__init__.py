"""The sections of the site, one module each, found by looking in this package.

A section module defines ``SECTION``, a :class:`~sitegen.plan.Section`. Adding a
page type is a new module here and a template: the build and the preview loop
over :data:`SECTIONS` and know none of them by name.
"""

from __future__ import annotations

import importlib
import pkgutil

from sitegen.plan import Section


def _discover() -> tuple[Section, ...]:
    found: list[Section] = []
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        section = getattr(loaded, "SECTION", None)
        if isinstance(section, Section):
            found.append(section)
    keys = [section.key for section in found]
    if len(set(keys)) != len(keys):
        raise RuntimeError(f"two sections share a key: {sorted(keys)}")
    return tuple(sorted(found, key=lambda section: (section.order, section.key)))


SECTIONS: tuple[Section, ...] = _discover()
"""Every section, in their declared order."""
