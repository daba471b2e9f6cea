"""The objection letter and its route (catalog/present/letter.py), per region. No database.

A small notice is built by hand from catalog.snapshot's dataclasses and assessed with the real
rules (catalog.rules.assessment.assess), so the letter reads what a visitor's result holds.

French comes from the compiled catalog (locale/fr), as on the site.
"""

import re
from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from catalog.present.letter import (
    OBJECTION_FORM_URL,
    POLICY_HELP_URL,
    LetterRoute,
    objection_letter,
    route,
)
from catalog.rules.answers import Answers
from catalog.rules.assessment import Assessment, assess
from catalog.snapshot import (
    NOTICE,
    POLICY,
    Category,
    Exclusion,
    Item,
    Notice,
    Period,
    PolicyUse,
    Region,
    Row,
    SourceRef,
    Text,
)

NNBSP = "\u202f"
IRELAND = "LinkedIn Ireland Unlimited Company"
CORPORATION = "LinkedIn Corporation"


# ---------------------------------------------------------------- a small notice, by hand


def t(en: str, fr: str = "") -> Text:
    return Text(en, fr or en)


SOURCE = SourceRef(
    slug="N26",
    kind="primary",
    title="LinkedIn European Regional Privacy Notice",
    title_lang="en",
    title_fr="",
    url="https://www.linkedin.com/legal/privacy/eu",
    url_fr="",
    publisher="LinkedIn",
    publisher_fr="",
    publisher_in_sentence_fr="",
    published=t("21 Aug 2026", "21 août 2026"),
    note=t(""),
)


def row(slug: str, en: str, fr: str, setting: bool = False, regions=frozenset()) -> Row:
    return Row(slug, 70, t(en, fr), t(""), setting, not setting, frozenset(regions), (SOURCE,))


ROWS = (
    row("safety", "Safety and security", "Sûreté et sécurité"),
    row(
        "ai-general",
        "Our AI features generally",
        "Nos fonctionnalités d'IA en général",
    ),
    row(
        "features",
        "To offer our content-generating Generative AI features",
        "Pour proposer nos fonctionnalités d'IA générative de création de contenu",
    ),
    row(
        "train",
        "To train our content-generating Generative AI systems",
        "Pour entraîner nos systèmes d'IA générative de création de contenu",
        setting=True,
    ),
    row(
        "improve",
        "To improve LinkedIn's products and Services generally",
        "Pour améliorer les produits et services de LinkedIn en général",
    ),
    row(
        "microsoft-uk",
        "Sharing data with our parent company, Microsoft for its AI training purposes",
        "Partage de données avec notre société mère, Microsoft, pour l'entraînement de son IA",
        setting=True,
        regions={"gb"},
    ),
)


def period(start: date, end: date | None = None, announced: bool = True) -> Period:
    return Period(start, end, False, False, announced, t(""), (SOURCE,))


def region(slug, countries, document, controller, objection, periods) -> Region:
    return Region(
        slug=slug,
        name=t(slug),
        countries=frozenset(countries),
        document=document,
        controller=controller,
        objection=objection,
        regulator=t("regulator"),
        regulator_url="https://example.org/",
        regulator_sources=(),
        note=t(""),
        sources=(),
        periods=periods,
        facts=(),
    )


NOW = period(date(2025, 11, 3))
REGIONS = (
    region("eea", {"FR", "DE", "IE"}, NOTICE, IRELAND, "gdpr", (NOW,)),
    region("ch", {"CH"}, NOTICE, IRELAND, "fadp", (NOW,)),
    region(
        "gb",
        {"GB"},
        NOTICE,
        CORPORATION,
        "uk-gdpr",
        (period(date(2024, 9, 18), date(2024, 9, 20)), NOW),
    ),
    region("ca", {"CA"}, POLICY, CORPORATION, "policy", (NOW,)),
    region(
        "other", set(), POLICY, CORPORATION, "policy", (period(date(2024, 9, 18), None, False),)
    ),
)


def item(slug: str, category: str, rows: tuple[str, ...], use: str = "") -> Item:
    return Item(slug, category, t(slug), t(""), t(""), use, rows, ("notice", "faq"), (SOURCE,))


CATEGORIES = (
    Category(
        "profile",
        t("Profile data", "Données de profil"),
        t(""),
        (item("name-photo", "profile", ("train", "ai-general", "improve", "safety")),),
    ),
    Category(
        "content",
        t("Published content", "Contenu publié"),
        t(""),
        (item("posts", "content", ("train", "ai-general", "improve", "microsoft-uk"), "posts"),),
    ),
    Category(
        "verification",
        t("Verification data", "Données de vérification"),
        t(""),
        (item("badge", "verification", ("safety",), "verification"),),
    ),
    Category(
        "feedback",
        t("Feedback", "Retours"),
        t(""),
        (item("thumbs", "feedback", ("ai-general", "improve"), "feedback"),),
    ),
)

POLICY_USES = (
    PolicyUse(
        "ai-development",
        169,
        t(
            "LinkedIn may use your personal data to develop and train AI models.",
            "LinkedIn peut utiliser vos données personnelles pour développer et entraîner des "
            "modèles d'IA.",
        ),
        (SOURCE,),
    ),
    PolicyUse(
        "safety-models",
        None,
        t(
            "The setting does not apply to models used for security, safety or anti-abuse.",
            "Le réglage ne s'applique pas aux modèles de sécurité, de sûreté ou de lutte contre "
            "les abus.",
        ),
        (SOURCE,),
    ),
)

MINORS = Exclusion(
    "minors", t("Members under 18"), t(""), t(""), "", False, date(2025, 9, 18), (SOURCE,)
)

TEST_NOTICE = Notice(
    slug="2026-08-21",
    code_id=2,
    effective=date(2026, 8, 21),
    title=t("European Regional Privacy Notice", "Avis de confidentialité régional européen"),
    summary=t(""),
    changes=t(""),
    changes_sources=(),
    source=SOURCE,
    sources=(SOURCE,),
    rows=ROWS,
    policy_uses=POLICY_USES,
    regions=REGIONS,
    categories=CATEGORIES,
    exclusions=(MINORS,),
)


def assessment(country: str, setting: str = "on", uses=("posts",)) -> Assessment:
    return assess(Answers(country, "adult", setting=setting, uses=frozenset(uses)), TEST_NOTICE)


def letter(country: str, language: str, **answers) -> str:
    return objection_letter(assessment(country, **answers), language)


EUROPE = ["FR", "GB", "CH"]
ELSEWHERE = ["US", "CA"]
LANGUAGES = ["en", "fr"]


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


# ---------------------------------------------------------------- the law and the controller


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_eea_letter_objects_under_gdpr_article_21_to_linkedin_ireland(language):
    text = letter("FR", language)
    assert IRELAND in text and CORPORATION not in text
    if language == "en":
        assert "article 21(1) of the General Data Protection Regulation (GDPR)" in text
        assert "(GDPR, article 18(1)(d))" in text and "(GDPR, article 12(3))" in text
        assert "within one month" in text
    else:
        assert "article 21, paragraphe 1, du règlement général sur la protection" in text
        assert "(RGPD, article 18, paragraphe 1, point d)" in text
        assert "délai d’un mois" in text
    assert "UK GDPR" not in text and "FADP" not in text and "LPD" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_uk_letter_objects_under_uk_gdpr_to_linkedin_corporation(language):
    text = letter("GB", language)
    assert "UK GDPR" in text
    assert CORPORATION in text and IRELAND not in text
    assert "article 21" in text
    # The UK text of art. 12(3) now runs to "the applicable time period (see Article 12A)".
    assert "12A" in text
    assert "one month" not in text and "un mois" not in text
    assert "18(1)(d)" not in text and "article 18" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_swiss_letter_cites_the_fadp_to_linkedin_ireland_and_never_the_gdpr(language):
    text = letter("CH", language)
    assert IRELAND in text and CORPORATION not in text
    if language == "en":
        assert "Swiss Federal Act on Data Protection (FADP)" in text
        assert "art. 30 para. 2 let. b FADP" in text and "art. 31 para. 1 FADP" in text
    else:
        assert "loi fédérale sur la protection des données (LPD)" in text
        assert "art. 30, al. 2, let. b, LPD" in text and "art. 31, al. 1, LPD" in text
    assert "GDPR" not in text and "RGPD" not in text
    assert "article 21" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", ELSEWHERE)
def test_a_policy_letter_is_a_request_to_linkedin_corporation_that_never_cites_a_law(
    country, language
):
    text = letter(country, language)
    assert CORPORATION in text and IRELAND not in text
    assert "GDPR" not in text and "RGPD" not in text
    assert "article" not in text.lower()
    assert not re.search(r"\bart\.", text)
    assert "You can ask us to stop using all or some of your personal data" in text
    assert "where we rely on legitimate interests, you have the right to object" in text
    assert POLICY_HELP_URL in text and OBJECTION_FORM_URL not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", EUROPE)
def test_a_european_letter_goes_through_the_objection_form(country, language):
    text = letter(country, language)
    assert OBJECTION_FORM_URL in text and POLICY_HELP_URL not in text


# ---------------------------------------------------------------- what the letter objects to


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", EUROPE)
def test_a_european_letter_names_the_rows_as_the_notice_names_them(country, language):
    text = letter(country, language)
    with translation.override(language):
        for slug in ("ai-general", "improve", "safety", "train"):
            name = next(row for row in ROWS if row.slug == slug).name
            # The heading as the notice publishes it (English), quoted; in French with our
            # translation in brackets, so that no translation reads as a quote.
            quoted = (
                f"«{NNBSP}{name.en}{NNBSP}» ({name.fr})" if language == "fr" else f"“{name.en}”"
            )
            assert quoted in text
        features = str(ROWS[2].name)
    assert features not in text


def test_the_letter_lists_the_visitors_categories_that_each_row_names():
    text = letter("FR", "en")
    lines = text.splitlines()
    for start, expected in [
        ("- “Our AI features generally”", "Profile data, Published content."),
        ("- “To improve LinkedIn's products", "Profile data, Published content."),
        ("- “Safety and security”", "Profile data."),
    ]:
        index = lines.index(line_of(text, start))
        assert (
            lines[index + 1]
            == f"  Data of mine that your notice lists for this purpose: {expected}"
        )
    assert "Verification data" not in text and "Feedback data" not in text


def test_the_letter_lists_the_categories_in_french_too():
    text = letter("FR", "fr", uses=("posts", "verification"))
    assert f"Mes données que votre avis mentionne pour cette finalité{NNBSP}: " in text
    assert "Données de profil, Contenu publié." in text
    assert "Données de profil, Données de vérification." in text


@pytest.mark.parametrize("country", EUROPE)
def test_the_safety_objection_covers_ai_training_only_not_the_whole_safety_row(country):
    text = letter(country, "en")
    safety = line_of(text, "- “Safety and security”")
    assert ": only the training and improvement of your AI systems on my data" in safety
    assert "I do not object to the detection and prevention of harmful content" in safety
    assert "for safety and security" not in text.lower()


def test_the_french_safety_objection_is_narrow_too():
    safety = line_of(letter("FR", "fr"), f"- «{NNBSP}Safety and security")
    assert "uniquement l’entraînement et l’amélioration de vos systèmes d’IA" in safety
    assert (
        "Je ne m’oppose ni à la détection et à la prévention des contenus préjudiciables" in safety
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_policy_letter_lists_the_policys_ai_uses_and_asks_narrowly_about_safety(language):
    text = letter("US", language)
    with translation.override(language):
        # In the letter's own voice: no page summary, no line number of our copy.
        for use in POLICY_USES:
            assert str(use.summary) not in text
        assert "(l." not in text and "(l. " not in text
    if language == "en":
        assert "developing and training artificial intelligence (AI) models" in text
        assert "including Microsoft" in text
        for row_ in ROWS:
            assert str(row_.name) not in text
    if language == "en":
        assert "I am not asking you to stop detecting or preventing harmful content" in text
    else:
        assert "je ne vous demande pas de cesser de détecter ou de prévenir" in text


@pytest.mark.parametrize("country", EUROPE + ELSEWHERE)
def test_every_letter_asks_that_provided_data_not_train_content_generating_ai(country):
    text = letter(country, "en")
    assert "the data and content I provided" in text
    assert "“Data for Generative AI Improvement” setting covers" in text


def test_the_uk_letter_also_objects_to_sharing_with_microsoft_for_its_ai_training():
    assert "“Sharing data with our parent company, Microsoft" in letter("GB", "en")
    assert "Microsoft" not in letter("FR", "en")


@pytest.mark.parametrize("country", ["FR", "US"])
def test_the_letter_says_whether_the_setting_is_already_off(country):
    assert "I have switched this setting off." in letter(country, "en", setting="off")
    assert "I am switching this setting off." in letter(country, "en", setting="on")
    assert "I am switching this setting off." in letter(country, "en", setting="unknown")


# ---------------------------------------------------------------- placeholders and references


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", ["FR", "GB"])
def test_gdpr_letters_mark_the_grounds_the_law_asks_for(country, language):
    text = letter(country, language)
    placeholder = {"en": "[TO COMPLETE:", "fr": f"[À COMPLÉTER{NNBSP}:"}[language]
    assert text.count(placeholder) == 1
    assert "[OPTIONAL" not in text and "[FACULTATIF" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", ["CH", "US"])
def test_letters_whose_law_asks_no_grounds_leave_them_optional(country, language):
    text = letter(country, language)
    assert "[TO COMPLETE" not in text and "[À COMPLÉTER" not in text
    assert text.count({"en": "[OPTIONAL:", "fr": f"[FACULTATIF{NNBSP}:"}[language]) == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("country", EUROPE + ELSEWHERE)
def test_every_letter_has_placeholders_for_name_email_and_date(country, language):
    text = letter(country, language)
    expected = {
        "en": ["[Your name]", "[The email address of your LinkedIn account]", "[Date]"],
        "fr": ["[Votre nom]", "[L’adresse e-mail de votre compte LinkedIn]", "[Date]"],
    }[language]
    assert "\n".join(expected) + "\n" in text
    assert text.endswith("[Date]\n") and "\r" not in text


@pytest.mark.parametrize("country", EUROPE)
def test_a_european_letter_refers_to_the_notice_with_its_effective_date(country):
    assert "Notice referred to: European Regional Privacy Notice, effective 21 August 2026." in (
        letter(country, "en")
    )
    french = letter(country, "fr")
    assert (
        f"Avis de confidentialité concerné{NNBSP}: Avis de confidentialité régional européen, "
        "en vigueur le 21 août 2026." in french
    )


def test_a_notice_title_that_holds_its_date_is_not_dated_twice():
    dated = replace(
        TEST_NOTICE,
        title=t("European Regional Privacy Notice, effective 21 August 2026"),
    )
    text = objection_letter(assess(Answers("FR", "adult", setting="on"), dated), "en")
    assert "effective 21 August 2026" in text
    assert text.count("21 August 2026") == 1


@pytest.mark.parametrize("country", ELSEWHERE)
def test_a_policy_letter_refers_to_the_global_privacy_policy_of_3_november_2025(country):
    assert "Privacy Policy referred to: LinkedIn Privacy Policy, effective 3 November 2025." in (
        letter(country, "en")
    )
    assert "Politique de confidentialité de LinkedIn, en vigueur le 3 novembre 2025" in letter(
        country, "fr"
    )


# ---------------------------------------------------------------- French wording and typography


@pytest.mark.parametrize("country", EUROPE)
def test_french_european_letters_call_the_notice_an_avis_never_a_politique(country):
    text = letter(country, "fr")
    assert "votre avis de confidentialité" in text
    assert "politique de confidentialité" not in text.lower()


@pytest.mark.parametrize("country", ["FR", "GB"])
def test_french_gdpr_letters_say_motifs_legitimes_et_imperieux(country):
    text = letter(country, "fr")
    assert "motifs légitimes et impérieux" in text
    assert "motif impérieux" not in text


@pytest.mark.parametrize("country", EUROPE + ELSEWHERE)
def test_french_letters_are_in_french_with_narrow_spaces_before_high_punctuation(country):
    text = letter(country, "fr")
    assert text != letter(country, "en")
    assert text.startswith(f"Objet{NNBSP}: ")
    for match in re.finditer(r"[:;?!]", text):
        if text[match.start() : match.start() + 3] == "://":
            continue
        assert text[match.start() - 1] == NNBSP, text[match.start() - 30 : match.start() + 1]
    for match in re.finditer("«", text):
        assert text[match.end()] == NNBSP
    for match in re.finditer("»", text):
        assert text[match.start() - 1] == NNBSP


# ---------------------------------------------------------------- the route the page shows


@pytest.mark.parametrize(
    ("country", "objection", "controller", "url", "basis", "grounds"),
    [
        ("FR", "gdpr", IRELAND, OBJECTION_FORM_URL, "Right to object, GDPR article 21(1)", True),
        ("GB", "uk-gdpr", CORPORATION, OBJECTION_FORM_URL, "UK GDPR article 21(1)", True),
        ("CH", "fadp", IRELAND, OBJECTION_FORM_URL, "(FADP), art. 30 para. 2 let. b", False),
        ("US", "policy", CORPORATION, POLICY_HELP_URL, "LinkedIn's global Privacy Policy", False),
        ("CA", "policy", CORPORATION, POLICY_HELP_URL, "LinkedIn's global Privacy Policy", False),
    ],
)
def test_the_route_names_the_basis_controller_and_where_to_send_it(
    country, objection, controller, url, basis, grounds
):
    with translation.override("en"):
        found = route(assessment(country))
    assert isinstance(found, LetterRoute)
    assert (found.objection, found.controller, found.url, found.grounds) == (
        objection,
        controller,
        url,
        grounds,
    )
    assert basis in found.basis


def test_the_route_of_a_policy_region_never_names_the_gdpr():
    for language in LANGUAGES:
        with translation.override(language):
            found = route(assessment("US"))
        shown = " ".join([found.basis, found.channel, found.document])
        assert "GDPR" not in shown and "RGPD" not in shown and "article" not in shown.lower()


def test_the_route_speaks_the_active_language():
    with translation.override("en"):
        english = route(assessment("FR"))
    assert english.channel == "LinkedIn's Data Processing Objection Form"
    assert english.document == "European Regional Privacy Notice, effective 21 August 2026"
    with translation.override("fr"):
        french = route(assessment("FR"))
    assert (
        french.document == "Avis de confidentialité régional européen, en vigueur le 21 août 2026"
    )
    assert "RGPD" in french.basis


def test_an_unknown_objection_route_is_an_error_not_a_wrong_letter():
    odd = assessment("FR")
    odd = replace(odd, region=replace(odd.region, objection="ccpa"))
    with pytest.raises(ValueError, match="ccpa"):
        objection_letter(odd, "en")
