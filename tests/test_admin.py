"""Whoever edits the content when the notice changes can do it in the admin, in both languages."""

import pytest
from django.urls import reverse

from catalog.models import Category, DataItem, Exclusion, Notice, Region, Source

pytestmark = pytest.mark.django_db

# Each model with one of its translated fields.
MODELS = [
    (Notice, "title"),
    (DataItem, "name"),
    (Category, "name"),
    (Exclusion, "name"),
    (Region, "name"),
    (Source, "note"),
]


@pytest.mark.parametrize(("model", "translated"), MODELS, ids=[m.__name__ for m, _ in MODELS])
def test_every_content_list_and_form_opens_with_french_and_english_fields(
    admin_client, model, translated
):
    meta = model._meta
    changelist = admin_client.get(reverse(f"admin:catalog_{meta.model_name}_changelist"))
    assert changelist.status_code == 200
    row = model.objects.first()
    form = admin_client.get(reverse(f"admin:catalog_{meta.model_name}_change", args=[row.pk]))
    assert form.status_code == 200
    html = form.content.decode()
    assert f'name="{translated}_fr"' in html and f'name="{translated}_en"' in html


def test_an_edit_in_the_admin_shows_on_the_site(admin_client, client):
    category = Category.objects.get(slug="feedback")
    url = reverse("admin:catalog_category_change", args=[category.pk])
    response = admin_client.post(
        url,
        {
            "slug": "feedback",
            "name_en": "Feedback you send",
            "name_fr": "Vos retours",
            "summary_en": category.summary_en,
            "summary_fr": category.summary_fr,
            "order": category.order,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Vos retours" in client.get("/fr/categories/feedback/").content.decode()
    assert "Feedback you send" in client.get("/en/categories/feedback/").content.decode()


def test_the_admin_asks_non_staff_to_log_in(client):
    response = client.get(reverse("admin:catalog_notice_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
