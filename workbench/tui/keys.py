"""The keymap from the config file, checked before the screen opens: an unknown binding
id or a key that two bindings would share is refused with a message, instead of being
ignored or silently taking a key away ("q" bound to verified would no longer quit)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from collections.abc import Iterator

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from workbench.errors import InputError


def _our_classes() -> Iterator[type]:
    import workbench.tui

    # Screens are imported where they are opened: import them all to know every id.
    for found in pkgutil.iter_modules(workbench.tui.__path__, "workbench.tui."):
        importlib.import_module(found.name)
    for name, module in list(sys.modules.items()):
        if name.startswith("workbench.tui") and module is not None:
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == name and isinstance(getattr(cls, "BINDINGS", None), list):
                    yield cls


def _bindings(cls: type) -> list[Binding]:
    return [b for b in cls.BINDINGS if isinstance(b, Binding)]  # type: ignore[attr-defined]


def check_keymap(keymap: dict[str, str]) -> None:
    """Raise InputError naming the first unknown id or clash in `keymap`."""
    if not keymap:
        return
    classes = list(_our_classes())
    known = {b.id for cls in classes for b in _bindings(cls) if b.id}
    for binding_id in keymap:
        if binding_id not in known:
            raise InputError(
                f"unknown key binding id {binding_id!r} in the keymap setting; ids are:"
                f" {', '.join(sorted(known))}"
            )
    everywhere = [b for cls in classes if issubclass(cls, App) for b in _bindings(cls)]
    for cls in classes:
        if issubclass(cls, Screen):
            _check_screen([*_bindings(cls), *everywhere], keymap)


def _keys(binding: Binding, keymap: dict[str, str]) -> list[str]:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",") if key.strip()]


def _check_screen(bindings: list[Binding], keymap: dict[str, str]) -> None:
    # Only clashes the keymap made: a screen's own key shadowing an app key ("q" ends
    # triage rather than quitting) is by design.
    owner: dict[str, Binding] = {}
    for binding in bindings:
        for key in _keys(binding, keymap):
            other = owner.setdefault(key, binding)
            if other is binding or other.action == binding.action:
                continue
            if binding.id in keymap or other.id in keymap:
                raise InputError(
                    f"the keymap gives {key!r} to both {other.id or other.action} and"
                    f" {binding.id or binding.action}; give each its own key"
                )
