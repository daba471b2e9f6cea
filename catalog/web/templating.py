"""The site's one template engine: Jinja2 through Django's backend.

Chosen over the Django template language after a measured spike on the result page (see the
README's benchmark section): the same page rendered about ten times faster.

`template.html#block` renders one block of a template alone (jinja2-fragments), so an htmx
fragment and the full page come from the same markup, as Django's template partials did.
Django's own apps (the admin, the sitemap) keep their templates in the second engine.
"""

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import Any

import jinja2
import jinja2.ext
import jinja2.filters
import jinja2.lexer
import jinja2.nodes
import jinja2.parser
from django.conf import settings
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.backends import jinja2 as django_jinja2
from django.template.defaultfilters import date as format_date
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import trans_real
from django_htmx.jinja import htmx_script
from jinja2_fragments import render_block
from markupsafe import Markup

from catalog.present import summary
from catalog.present.pages import row_names
from catalog.present.summary import period_text
from catalog.present.typography import french_html, french_text
from catalog.snapshot import Notice, SourceRef, Text
from catalog.web.alternates import translated_url


@lru_cache(maxsize=4096)
def _reverse(language: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, args=args)


def url(name: str, *args: Any) -> str:
    """reverse(), remembered: a page links to the same few dozen addresses, and reverse() was
    a third of a render. The address depends only on these arguments, the language and the
    script prefix."""
    return _reverse(translation.get_language(), get_script_prefix(), name, args)


@lru_cache(maxsize=1024)
def _citation(language: str, prefix: str, slugs: tuple[str, ...]) -> Markup:
    label = translation.gettext("Sources:") if len(slugs) > 1 else translation.gettext("Source:")
    sources_page = reverse("catalog:sources")
    links = Markup(", ").join(
        Markup('<a href="{}#source-{}">{}</a>').format(sources_page, slug, slug) for slug in slugs
    )
    return Markup('<span class="cite">{} {}</span>').format(label, links)


# What the page being rendered has cited, in order: its printed reference list (base.html).
_cited: ContextVar[dict[str, SourceRef] | None] = ContextVar("cited", default=None)


def cite(sources: Iterable[SourceRef]) -> Markup:
    """Links to the sources page for `sources`, in a "Source(s):" line. A page cites the same
    few sets of sources again and again; each set is written once per language."""
    sources = tuple(sources or ())
    if not sources:
        return Markup("")
    cited = _cited.get()
    if cited is not None:
        for source in sources:
            cited.setdefault(source.slug, source)
    slugs = tuple(source.slug for source in sources)
    return _citation(translation.get_language(), get_script_prefix(), slugs)


@jinja2.pass_context
def page_in(context: jinja2.runtime.Context, lang: str, absolute: bool = False) -> str:
    """This page in `lang` (the home page on error pages): see catalog.web.alternates."""
    request: HttpRequest | None = context.get("request")
    return translated_url(request, lang, bool(context.get("error_page")), absolute)


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


def once(macro: jinja2.runtime.Macro, notice: Notice, *args: Any) -> Markup:
    """A macro's output, rendered once per notice version, language and arguments.

    For the parts of a page that depend only on the content: per-version structures computed
    once per language. The macro must read nothing but its arguments (import it without
    context), and `notice` comes first among them.
    """
    return _once(notice, (macro.name, *(_key(arg) for arg in args)), lambda: macro(notice, *args))


def _once(notice: Notice, key: tuple, render: Callable[[], str]) -> Markup:
    """What `render` writes, kept with the notice version (Notice.rendered) under the active
    language and `key`. Its citations are recorded at every use, so the printed reference list
    of each page stays whole."""
    key = (translation.get_language(), *key)
    try:
        html, sources = notice.rendered[key]
    except KeyError:
        token = _cited.set({})
        try:
            html = Markup(render())
            sources = tuple(_cited.get().values())
        finally:
            _cited.reset(token)
        notice.rendered[key] = (html, sources)
    cited = _cited.get()
    if cited is not None:
        for source in sources:
            cited.setdefault(source.slug, source)
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


@jinja2.pass_context
def reference_list(context: jinja2.runtime.Context) -> Markup:
    """The printed list of every source the page has cited so far, in the order of first
    citation (base.html calls it after the page's content)."""
    sources = tuple((_cited.get() or {}).values())
    if not sources:
        return Markup("")
    return _reference_list(context.environment, translation.get_language(), sources)


@lru_cache(maxsize=256)
def _reference_list(
    env: jinja2.Environment, language: str, sources: tuple[SourceRef, ...]
) -> Markup:
    """Written once per language and list: sources compare by value, so a corrected source
    makes a new list."""
    return Markup(env.get_template("_references.html").render(references=sources))


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def environment(extensions: Iterable = (), **options: Any) -> jinja2.Environment:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n", Once, *extensions], **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.policies["ext.i18n.trimmed"] = True  # as Django's {% blocktranslate trimmed %}
    env.globals.update(
        url=url,
        cite=cite,
        once=once,
        item_groups=summary.item_groups,
        category_sources=summary.category_sources,
        reference_list=reference_list,
        static=static,
        page_in=page_in,
        htmx_script=htmx_script,
        row_names=row_names,
        language=translation.get_language,
    )
    env.filters.update(period=period_text, date=format_date, capfirst=capfirst)
    return env


class _Block:
    """One block of a template, in the shape Django's Template wrapper expects."""

    def __init__(self, template: jinja2.Template, block: str) -> None:
        if block not in template.blocks:
            raise TemplateDoesNotExist(f"{template.name}#{block}")
        self.template, self.block = template, block
        self.name, self.filename = f"{template.name}#{block}", template.filename

    def render(self, context: dict) -> str:
        return render_block(self.template.environment, self.template.name, self.block, context)


class FrenchTypography(jinja2.ext.Extension):
    """French typography in a template's own text (catalog.present.typography), applied when a
    template compiles in the French environment. Translations get it when the catalogue is
    compiled (catalog/management/commands/compilemessages.py) and content when the snapshot is
    built, so no page is rewritten at request time. Text inside {% trans %} stays as written: it
    is the message id. The separators of `join` are the template's own text too."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)

        @jinja2.pass_eval_context
        def join(context: Any, value: Iterable, separator: str = "", attribute: Any = None) -> str:
            return jinja2.filters.do_join(context, value, french_text(separator), attribute)

        environment.filters["join"] = join

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterator[jinja2.lexer.Token]:
        in_trans, previous = False, None
        for token in stream:
            if previous is not None and previous.type == "block_begin" and token.type == "name":
                in_trans = token.value == "trans" or (in_trans and token.value != "endtrans")
            if token.type == "data" and not in_trans:
                token = jinja2.lexer.Token(token.lineno, "data", french_html(token.value))
            previous = token
            yield token


def _text_in(language: str) -> Callable[[Any], Any]:
    """What {{ text }} shows of a bilingual Text in this environment's language, without
    asking for the active language at every value."""
    french = language == "fr"

    def finalize(value: Any) -> Any:
        if type(value) is Text:
            return value.fr if french else value.en
        return value

    return finalize


class _Page(django_jinja2.Template):
    """A template rendered as a page: it starts with an empty list of cited sources."""

    def render(self, context: dict | None = None, request: HttpRequest | None = None) -> str:
        token = _cited.set({})
        try:
            return super().render(context, request)
        finally:
            _cited.reset(token)


class Jinja2(django_jinja2.Jinja2):
    """Django's Jinja2 backend with one compiled environment per language, whose gettext reads
    that language's catalogue directly (a page asks for about a hundred strings); plus
    `name#block` for a block rendered alone."""

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self.envs = {code: self._language_environment(code) for code, _ in settings.LANGUAGES}

    def _language_environment(self, language: str) -> jinja2.Environment:
        base = self.env
        env = environment(
            extensions=[FrenchTypography] if language == "fr" else [],
            loader=base.loader,
            autoescape=base.autoescape,
            auto_reload=base.auto_reload,
            undefined=base.undefined,
            finalize=_text_in(language),
        )
        env.install_gettext_translations(  # type: ignore[attr-defined]  # the i18n extension's
            trans_real.translation(language), newstyle=True
        )
        return env

    def get_template(self, template_name: str) -> django_jinja2.Template:
        name, _, block = template_name.partition("#")
        env = self.envs.get(translation.get_language(), self.env)
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(exc.name, backend=self) from exc
        if block:
            return django_jinja2.Template(_Block(template, block), self)
        return _Page(template, self)
