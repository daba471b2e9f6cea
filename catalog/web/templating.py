"""The site's one template engine: Jinja2 through Django's backend.

Chosen over the Django template language after a measured spike on the result page (see the
README, "How a page renders"): the same result page rendered in about a third of the time.

`template.html#block` renders one block of a template alone (jinja2-fragments), so an htmx
fragment and the full page come from the same markup, as Django's template partials did.
Django's own apps (the admin, the sitemap) keep their templates in the second engine.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.ext
import jinja2.filters
import jinja2.lexer
from django.conf import settings
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.backends import jinja2 as django_jinja2
from django.template.defaultfilters import date as format_date
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import trans_real
from django_htmx import jinja as django_htmx_jinja
from jinja2_fragments import render_block
from markupsafe import Markup, _escape_inner, escape

from catalog.present import summary
from catalog.present.pages import row_names
from catalog.present.summary import period_text
from catalog.present.typography import french_html, french_text
from catalog.rules.assessment import CategoryResult, RowUse
from catalog.snapshot import SourceRef, Text
from catalog.web.alternates import page_addresses
from catalog.web.fragments import (
    Once,
    key_by,
    note_citations,
    once,
    page_citations,
    render_page,
)
from catalog.web.links import path, path_in

_static = lru_cache(maxsize=256)(static)  # the manifest is read once per process


@lru_cache(maxsize=1024)
def _citation(language: str, prefix: str, slugs: tuple[str, ...]) -> Markup:
    label = translation.gettext("Sources:") if len(slugs) > 1 else translation.gettext("Source:")
    sources_page = reverse("catalog:sources")
    links = Markup(", ").join(
        Markup('<a href="{}#source-{}">{}</a>').format(sources_page, slug, slug) for slug in slugs
    )
    return Markup('<span class="cite">{} {}</span>').format(label, links)


def cite(sources: Iterable[SourceRef]) -> Markup:
    """Links to the sources page for `sources`, in a "Source(s):" line. A page cites the same
    few sets of sources again and again; each set is written once per language."""
    sources = tuple(sources or ())
    if not sources:
        return Markup("")
    note_citations(sources)
    slugs = tuple(source.slug for source in sources)
    return _citation(translation.get_language(), get_script_prefix(), slugs)


@jinja2.pass_context
def this_page(context: jinja2.runtime.Context) -> dict[str, tuple[str, str]]:
    """This page's path and absolute URL in each language (the home page's on error pages),
    for base.html's alternates and language switch: see catalog.web.alternates."""
    return page_addresses(context.get("request"), bool(context.get("error_page")))


_LANGUAGE_NAMES = {"en": "English", "fr": "Français"}  # each in its own language


@jinja2.pass_context
def language_switch(context: jinja2.runtime.Context, oob: bool = False) -> Markup:
    """The link to this page in the other language. base.html works out `here` once for it
    and the alternates; an htmx fragment sends the switch again (oob) so it follows the pushed
    URL."""
    here = context.get("here") or this_page(context)
    current = context.get("LANGUAGE_CODE")
    links = "".join(
        f'<a href="{escape(path)}" hreflang="{code}" lang="{code}">{_LANGUAGE_NAMES[code]}</a>'
        for code, (path, _absolute) in here.items()
        if code != current
    )
    swap = ' data-hx-swap-oob="true"' if oob else ""
    return Markup(f'<p class="lang-switch" id="lang-switch"{swap}>{links}</p>')


@dataclass(frozen=True)
class SiteLinks:
    """What every page's header and footer link to, and its stylesheet."""

    home: str
    check: str
    search: str
    notices: str
    sources: str
    changes: str
    not_a_member: str
    stylesheet: str


@lru_cache(maxsize=16)
def _site_links(language: str, prefix: str) -> SiteLinks:
    """Reversed once per language and script prefix, instead of a dozen url() calls a page."""
    return SiteLinks(
        home=path_in(language, "catalog:home"),
        check=path_in(language, "catalog:check-start"),
        search=path_in(language, "catalog:search"),
        notices=path_in(language, "catalog:notices"),
        sources=path_in(language, "catalog:sources"),
        changes=path_in(language, "catalog:changes"),
        not_a_member=path_in(language, "catalog:not-a-member"),
        stylesheet=_static("css/site.css"),
    )


def site_links() -> SiteLinks:
    return _site_links(translation.get_language(), get_script_prefix())


@jinja2.pass_context
def reference_list(context: jinja2.runtime.Context) -> Markup:
    """The printed list of every source the page has cited so far, in the order of first
    citation (base.html calls it after the page's content)."""
    sources = page_citations()
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


def htmx_script(nonce: object = None) -> Markup:
    """django-htmx's script tag (its debug helper included under DEBUG), with the static file's
    address looked up once per process instead of at every page."""
    if settings.DEBUG or nonce is None:
        return Markup(django_htmx_jinja.htmx_script(nonce=nonce))
    source = escape(_static("django_htmx/htmx-2.min.js"))
    return Markup(f'<script src="{source}" defer nonce="{escape(nonce)}"></script>')


# A result page passes its eight categories to once(): each by its slug, status and items.
key_by(
    CategoryResult,
    lambda category: (
        CategoryResult,
        category.category.slug,
        category.status,
        tuple([(result.item.slug, result.status) for result in category.items]),
    ),
)
# And its rows beside training, each with the names of the categories it names: by the row's
# slug and those names, not field by field (27 µs a result, now 3).
key_by(
    RowUse,
    lambda use: (RowUse, use.row.slug, tuple([name.both() for name in use.categories])),
)


def language_code(request: HttpRequest) -> dict[str, str | None]:
    """The active language for `<html lang>` (a context processor): Django's i18n processor
    also works out LANGUAGES and LANGUAGE_BIDI, which no template reads."""
    return {"LANGUAGE_CODE": translation.get_language()}


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


class _HtmlOutput(jinja2.compiler.CodeGenerator):
    """Compiles `{{ value }}` in an autoescaped template to one call of the environment's `html`
    (finalize, then escape) instead of Jinja's escape(finalize(value)), whose every value becomes
    a new Markup, already safe values included, only to be joined into the page's text.
    Environment.code_generator_class is Jinja's hook for the code a template compiles to."""

    def _fused(self, frame: jinja2.compiler.Frame, finalize: Any) -> bool:
        # A finalize that asks for the context or environment keeps Jinja's own code: `html`
        # calls it with the value alone.
        plain_finalize = finalize.src in (None, "environment.finalize(")
        return bool(frame.eval_ctx.autoescape) and not frame.eval_ctx.volatile and plain_finalize

    def _output_child_pre(self, node: Any, frame: jinja2.compiler.Frame, finalize: Any) -> None:
        if self._fused(frame, finalize):
            self.write("environment.html(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: jinja2.compiler.Frame, finalize: Any) -> None:
        if self._fused(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def _html_writer(finalize: Callable[[Any], Any] | None) -> Callable[[Any], str]:
    """A value as autoescaped output: finalized, then escaped unless it is already safe. Text,
    not Markup: the caller joins it into the page (or a macro's output, which Jinja marks safe)."""

    def html(value: Any) -> str:
        if finalize is not None:
            value = finalize(value)
        if type(value) is str:
            return _escape_inner(value)
        if type(value) is Markup:
            return value
        return escape(value)

    return html


class _Environment(jinja2.Environment):
    code_generator_class = _HtmlOutput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.html = _html_writer(self.finalize)

    def make_globals(self, d: dict[str, Any] | None) -> dict[str, Any]:  # type: ignore[override]
        """A template's globals as one flat dict, not Jinja's ChainMap over the environment's:
        every render (and include) copies them into its context: 17 µs from a ChainMap of two
        dozen names, under 1 from a dict. Jinja asks for globals to be set before templates
        load (ours are, in `environment`), so the copy cannot miss a later one."""
        return {**self.globals, **(d or {})}


def environment(extensions: Iterable = (), **options: Any) -> jinja2.Environment:
    env = _Environment(extensions=["jinja2.ext.i18n", Once, *extensions], **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.policies["ext.i18n.trimmed"] = True  # as Django's {% blocktranslate trimmed %}
    env.globals.update(
        url=path,
        cite=cite,
        once=once,
        item_groups=summary.item_groups,
        category_sources=summary.category_sources,
        reference_list=reference_list,
        static=_static,
        this_page=this_page,
        language_switch=language_switch,
        site_links=site_links,
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


class CompiledTranslations(jinja2.ext.Extension):
    """{{ _("literal") }} becomes the translated text when a template compiles in a language's
    own environment, instead of a gettext call at every render (a page has dozens). The text is
    what the i18n extension's newstyle gettext gives: the translation, not escaped. Messages
    with a "%" keep their call (newstyle formats them)."""

    _SHAPE = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterator[jinja2.lexer.Token]:
        translations = self.environment.translations  # type: ignore[attr-defined]
        pending: list[jinja2.lexer.Token] = []
        for token in stream:
            if not pending and token.type != "variable_begin":
                yield token
                continue
            pending.append(token)
            shape = tuple(kept.type for kept in pending)
            if shape != self._SHAPE[: len(shape)] or (len(shape) == 2 and token.value != "_"):
                yield from pending
                pending = []
            elif len(shape) == len(self._SHAPE):
                message = pending[3].value
                if "%" in message:
                    yield from pending
                else:
                    yield jinja2.lexer.Token(token.lineno, "data", translations.gettext(message))
                pending = []
        yield from pending


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
        return render_page(lambda: super(_Page, self).render(context, request))


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
            extensions=[CompiledTranslations, *([FrenchTypography] if language == "fr" else [])],
            loader=base.loader,
            autoescape=base.autoescape,
            auto_reload=base.auto_reload,
            undefined=base.undefined,
            finalize=_text_in(language),
        )
        env.translations = trans_real.translation(language)  # type: ignore[attr-defined]
        env.install_gettext_translations(  # type: ignore[attr-defined]  # the i18n extension's
            env.translations, newstyle=True
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
