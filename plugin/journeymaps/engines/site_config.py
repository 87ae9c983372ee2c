"""The site's ``mkdocs.yml`` as ``journeymaps generate`` reads it, and the one it writes beside the docs it makes.

Read with PyYAML, not MkDocs: tags such as ``!ENV`` or
``!!python/name:material.extensions.emoji.twemoji`` are kept as they are
written, for the engine to read. ``INHERIT`` is followed and merged as MkDocs
merges it, so the written file stands alone. Paths that are relative to the
config file are written again relative to the new one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "journeys"
#: The Markdown extension that passes the generated HTML through (engines/raw_html.py), by its module's name.
RAW_HTML = "journeymaps.engines.raw_html"


class ConfigError(Exception):
    """The site's configuration cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag this program does not interpret (``!ENV [...]``, ``!!python/name:...``)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(Tagged, _represent)
_Dumper.add_representer(str, _text)


def _merge(base: dict, child: dict) -> dict:
    """``child`` over ``base``, mappings merged key by key (as MkDocs merges ``INHERIT``)."""
    merged = dict(base)
    for key, value in child.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(
            merged.get(key), dict) else value
    return merged


def _load(path: Path, seen: tuple[Path, ...] = ()) -> dict:
    if path in seen:
        raise ConfigError(f"{path}: INHERIT goes round in a circle")
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)  # a SafeLoader that keeps unknown tags
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings (site_name: ..., nav: ...)")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        data = _merge(_load((path.parent / parent).resolve(), (*seen, path)), data)
    return data


@dataclass
class SiteConfig:
    """The settings of one site, and where its files are."""

    path: Path  # the config file
    data: dict  # every setting, INHERIT merged
    plugin: object = None  # the journeys plugin's entry (None without options)
    has_plugin: bool = False
    others: list = field(default_factory=list)  # the other plugins, as written

    @property
    def folder(self) -> Path:
        """The folder of the config file: what its relative paths start from."""
        return self.path.parent

    @property
    def docs_dir(self) -> Path:
        """The folder of the hand-written pages."""
        return (self.folder / str(self.data.get("docs_dir") or "docs")).resolve()

    @property
    def custom_dir(self) -> Path | None:
        """The theme's folder of overrides, if any."""
        theme = self.data.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return (self.folder / custom).resolve() if isinstance(custom, str) else None

    @property
    def theme_name(self) -> str | None:
        """The theme's name (``material``), if the config names one."""
        theme = self.data.get("theme")
        return theme.get("name") if isinstance(theme, dict) else theme if isinstance(theme, str) else None


def read_config(path: Path) -> SiteConfig:
    """The site's configuration, with the journeys plugin's entry set apart from the others."""
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: there is no such file; name the site's config with -f path/to/mkdocs.yml")
    data = _load(path)
    config = SiteConfig(path, data)
    plugins = data.get("plugins")
    items = list(plugins.items()) if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    for name, options in items:
        if name == PLUGIN:
            config.has_plugin, config.plugin = True, options
        else:
            config.others.append({name: options} if options is not None else name)
    return config


def _moved(value: object, old: Path, new: Path) -> object:
    """A path relative to ``old`` written relative to ``new`` (other values as they are)."""
    if not isinstance(value, str) or os.path.isabs(value):
        return value
    return os.path.relpath(old / value, new)


def _extension_names(extensions: list) -> set[str]:
    return {next(iter(e)) if isinstance(e, dict) else e for e in extensions if isinstance(e, dict | str)}


def written_config(config: SiteConfig, out: Path, nav: list, css: list[str], js: list[str],
                   overrides: str | None, offline: bool, not_in_nav: list[str] = ()) -> str:
    """The YAML of ``out/mkdocs.yml``: the site's settings for the docs in ``out/docs``, without the plugin."""
    data = dict(config.data)
    data["docs_dir"] = "docs"
    for key in ("site_dir", "hooks", "watch"):
        if key in data:
            value = data[key]
            data[key] = [_moved(v, config.folder, out) for v in value] if isinstance(value, list) else _moved(
                value, config.folder, out)
    data["nav"] = nav
    if not_in_nav:  # the later parts of long lists and the folder pages of a large site, as the plugin leaves them
        own = data.get("not_in_nav")
        data["not_in_nav"] = "\n".join([*([own] if isinstance(own, str) and own.strip() else []),
                                         *(f"/{path}" for path in not_in_nav)]) + "\n"
    if "plugins" in data:  # without it the engine takes its default (search), as it would for the site
        data["plugins"] = config.others
    data["extra_css"] = [*css, *(c for c in data.get("extra_css") or [] if c not in css)]
    data["extra_javascript"] = [*(j for j in data.get("extra_javascript") or [] if j not in js), *js]
    theme = data.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme} if theme else {}
    if overrides is not None:
        theme["custom_dir"] = overrides
    elif "custom_dir" in theme:
        theme["custom_dir"] = _moved(theme["custom_dir"], config.folder, out)
    if offline and theme.get("name") == "material":
        theme["font"] = False  # no web fonts: Zensical, like Material, asks Google for them otherwise
    if theme:
        data["theme"] = theme
    # The generated headings carry their ids in attribute lists ("## Name {#id}"), and their HTML is passed through.
    extensions = list(data.get("markdown_extensions") or [])
    extensions += [name for name in ("toc", "attr_list", RAW_HTML) if name not in _extension_names(extensions)]
    data["markdown_extensions"] = extensions
    source = os.path.relpath(config.path, out) if config.folder in out.parents else config.path
    header = f"# Written by `journeymaps generate` from {source}: do not edit, it is written again each time.\n"
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
