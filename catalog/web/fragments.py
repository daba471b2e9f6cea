"""Parts of pages rendered once per notice version and language, and the citations of a page.

A part that depends only on the content (a category's card, a region's periods, a catalog
page's body) is rendered the first time a language needs it and kept with its notice version
(Notice.kept); a new content revision builds new versions, so nothing goes stale and
nothing is timed. The per-version structures computed once per language that let a page render
without a page cache.

Importable without Django set up: Babel loads the `Once` extension to extract messages.
"""

from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.ext
import jinja2.nodes
import jinja2.parser
from django.utils import translation
from markupsafe import Markup

if TYPE_CHECKING:
    from catalog.snapshot import Notice, SourceRef

# What the page being rendered has cited, in order: its printed reference list (base.html).
_cited: ContextVar["dict[str, SourceRef] | None"] = ContextVar("cited", default=None)


def note_citations(sources: "Iterable[SourceRef]") -> None:
    """Add sources to the page's reference list (once each, in the order of first citation)."""
    cited = _cited.get()
    if cited is not None:
        for source in sources:
            cited.setdefault(source.slug, source)


def page_citations() -> "tuple[SourceRef, ...]":
    return tuple((_cited.get() or {}).values())


def render_page(render: Callable[[], str]) -> str:
    """Render a page with an empty reference list of its own."""
    token = _cited.set({})
    try:
        return render()
    finally:
        _cited.reset(token)


def _key(value: Any) -> Hashable:
    """What identifies an argument of a fragment within one notice version: a content object
    (one with a `slug` field) by its type and slug; any other dataclass by all its fields;
    sequences member by member; anything else must be a plain, hashable value."""
    keyer = _KEYERS.get(type(value))
    if keyer is None:
        keyer = _KEYERS[type(value)] = _keyer(type(value))
    return keyer(value)


def _keyer(cls: type) -> Callable[[Any], Hashable]:
    if issubclass(cls, (list, tuple)):
        return lambda value: tuple(map(_key, value))
    if issubclass(cls, (set, frozenset)):
        return lambda value: tuple(sorted(map(_key, value)))
    if is_dataclass(cls):
        names = tuple(field.name for field in fields(cls))
        if "slug" in names:
            return lambda value: (cls, value.slug)
        return lambda value: (cls, *(_key(getattr(value, name)) for name in names))
    if cls.__hash__ is None:
        raise TypeError(f"a fragment's argument must be hashable: {cls.__name__}")
    return lambda value: value


_KEYERS: dict[type, Callable[[Any], Hashable]] = {}


def key_by(cls: type, keyer: Callable[[Any], Hashable]) -> None:
    """Identify arguments of type `cls` with `keyer`, a flat function of what the fragment
    reads, instead of the field-by-field default: for arguments passed on every page."""
    _KEYERS[cls] = keyer


def once(macro: jinja2.runtime.Macro, notice: "Notice", *args: Any) -> Markup:
    """A macro's output, rendered once per notice version, language and arguments.

    For the parts of a page that depend only on the content: per-version structures computed
    once per language. The macro must read nothing but its arguments (import it without
    context), and `notice` comes first among them.
    """
    return _once(notice, (macro.name, *(_key(arg) for arg in args)), lambda: macro(notice, *args))


def _once(notice: "Notice", key: tuple, render: Callable[[], str]) -> Markup:
    """What `render` writes, kept with the notice version (Notice.kept) under the active
    language and `key`. Its citations are recorded at every use, so the printed reference list
    of each page stays whole."""

    def render_and_note_citations() -> tuple[Markup, tuple]:
        token = _cited.set({})
        try:
            return Markup(render()), page_citations()
        finally:
            _cited.reset(token)

    html, sources = notice.kept((translation.get_language(), *key), render_and_note_citations)
    note_citations(sources)
    return html


class Once(jinja2.ext.Extension):
    """{% once notice, key… %}…{% endonce %}: the enclosed part of a template rendered once per
    notice version, language and keys (see `once`). The part may read only the notice, the keys,
    and what the view derives from them alone; never the request (nonce, host, query)."""

    tags = {"once"}

    def parse(self, parser: jinja2.parser.Parser) -> jinja2.nodes.Node:
        lineno = next(parser.stream).lineno
        args = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            args.append(parser.parse_expression())
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        where = jinja2.nodes.Const(f"{parser.name}:{lineno}")
        call = self.call_method("_render", [where, jinja2.nodes.List(args)])
        return jinja2.nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, where: str, args: list, caller: Callable[[], str]) -> Markup:
        notice, *keys = args
        return _once(notice, (where, *(_key(key) for key in keys)), caller)
