"""Printed references: every page lists the sources it cites, once each, numbered in the order of
first citation, with their full addresses (base.html, catalog.web.templating.cite)."""

import re

import pytest

pytestmark = pytest.mark.django_db

RESULT = "/{lang}/result/?country=FR&age=adult&setting=on&uses=ai-tools&uses=posts"


def references(html: str) -> list[str]:
    section = html.split('<section class="references"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li><span class="slug">([^<]+)</span>', section)


def cited_in_order(html: str) -> list[str]:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    cited = re.findall(r'<span class="cite">(.*?)</span>', main)
    return list(dict.fromkeys(slug for line in cited for slug in re.findall(r">([^<]+)</a>", line)))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "path", [RESULT, "/{lang}/", "/{lang}/categories/profile/", "/{lang}/not-a-member/"]
)
def test_a_page_lists_each_source_it_cites_once_in_the_order_of_first_citation(client, path, lang):
    html = client.get(path.format(lang=lang)).content.decode()
    cited = cited_in_order(html)
    assert len(cited) >= 2
    assert references(html) == cited


def test_each_reference_gives_the_full_address_of_the_source(client, notice):
    html = client.get(RESULT.format(lang="en")).content.decode()
    section = html.split('<section class="references"', 1)[1].split("</section>", 1)[0]
    by_slug = {source.slug: source for source in notice.sources}
    for slug in references(html):
        if by_slug[slug].url:
            assert f'<span class="url">{by_slug[slug].url}</span>' in section
    assert re.search(r'<span class="url">https://', section)
    assert 'class="url">/' not in section  # never a relative address


def test_a_page_that_cites_nothing_has_no_reference_list(client):
    html = client.get("/en/search/").content.decode()
    assert 'class="references"' not in html


def test_the_reference_list_is_in_the_pages_language(client):
    assert ">References</h2>" in client.get(RESULT.format(lang="en")).content.decode()
    assert ">Références</h2>" in client.get(RESULT.format(lang="fr")).content.decode()
