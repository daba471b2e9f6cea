"""The template engine's output code (catalog/web/templating.py): `{{ value }}` compiles to one
call of the environment's `html`, and every page reads exactly as Jinja's own escaping writes it."""

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from catalog.snapshot import Text
from catalog.web.templating import _text_in, environment

# The same output written in each of the places Jinja compiles output: the template's body, a
# block, a macro, a call block, a {% set %} block, a loop, an include; plus the places that keep
# Jinja's own code: an {% autoescape false %} block and one decided at render time.
TEMPLATES = {
    "page.html": (
        "{% macro show(v) %}<i>{{ v }}</i>{% endmacro %}"
        "{% macro wrap() %}[{{ caller() }}]{% endmacro %}"
        "{% set kept %}<s>{{ value }}</s>{% endset %}"
        "<p>{{ value }}</p>{% block body %}<b>{{ value }}</b>{% endblock %}"
        "{{ show(value) }}{% call wrap() %}{{ value }}{% endcall %}{{ kept }}"
        "{% for v in [value, value] %}{{ v }}{{ loop.index }}{% endfor %}"
        "{{ value ~ '&' }}{{ value|e }}{{ value|safe }}"
        "{% include 'part.html' %}"
        "{% autoescape false %}{{ value }}{% endautoescape %}"
        "{% autoescape flag %}{{ value }}{% endautoescape %}"
    ),
    "part.html": "<u>{{ value }}</u>",
}


class Shown:
    def __str__(self) -> str:
        return "a < b"


class Safe:
    def __html__(self) -> str:
        return "<em>already safe</em>"


def render_both(value: object, language: str = "en", flag: bool = True) -> tuple[str, str]:
    """The page rendered by our environment and by a stock Jinja environment, same finalize."""
    loader = jinja2.DictLoader(TEMPLATES)
    finalize = _text_in(language)
    ours = environment(loader=loader, autoescape=True, finalize=finalize)
    stock = jinja2.Environment(loader=loader, autoescape=True, finalize=finalize)
    context = {"value": value, "flag": flag}
    return (
        ours.get_template("page.html").render(context),
        stock.get_template("page.html").render(context),
    )


def test_a_value_in_an_autoescaped_template_is_one_call_of_html():
    env = environment(autoescape=True, finalize=_text_in("en"))
    code = env.compile("{{ value }}", raw=True)
    assert "environment.html(" in code
    assert "escape(" not in code


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "<script>alert('x') & \"y\"</script>",
        Markup("<b>safe</b> &amp;"),
        Text(en="It's <en>", fr="C’est <fr>"),
        None,
        0,
        3.5,
        Shown(),
        Safe(),
        ["<a>", Markup("<b>")],
    ],
    ids=repr,
)
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("flag", [True, False])
def test_every_kind_of_value_reads_as_jinjas_own_escaping_writes_it(value, language, flag):
    ours, stock = render_both(value, language, flag)
    assert ours == stock


@given(st.text())
def test_any_text_reads_as_jinjas_own_escaping_writes_it(text):
    ours, stock = render_both(text)
    assert ours == stock


def test_an_undefined_value_still_fails_loudly():
    env = environment(undefined=jinja2.StrictUndefined, autoescape=True)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_output_without_autoescape_is_not_escaped():
    env = environment(autoescape=False)
    assert env.from_string("{{ value }}").render(value="<b>") == "<b>"


def test_a_finalize_that_takes_the_context_keeps_jinjas_own_output_code():
    @jinja2.pass_context
    def finalize(context, value):
        return f"{context['prefix']}{value}"

    source = "{{ value }}{% for v in [value] %}{{ v }}{% endfor %}"
    ours = environment(autoescape=True, finalize=finalize)
    stock = jinja2.Environment(autoescape=True, finalize=finalize)
    assert "environment.html(" not in ours.compile(source, raw=True)
    context = {"value": "<b>", "prefix": "&"}
    assert ours.from_string(source).render(context) == stock.from_string(source).render(context)
