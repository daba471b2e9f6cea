"""The admin shows the content read-only, so no edit is ever lost silently.

The content files are the one source of truth and `load_content` the only writer: an edit made in
the admin would be overwritten by the next load, so the admin refuses every edit (403) and says
where to edit instead. Even a superuser can only look.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client
from django.urls import reverse

from catalog.admin import ReadOnlyAdmin
from catalog.models import Category, ContentRevision
from catalog.snapshot import current_content

pytestmark = pytest.mark.django_db

CONTENT_MODELS = list(apps.get_app_config("catalog").get_models())
IDS = [model.__name__ for model in CONTENT_MODELS]
EDIT_BUTTONS = ('name="_save"', 'name="_continue"', 'name="_addanother"', 'class="deletelink"')


@pytest.fixture
def admin_client(client):
    """A superuser's client; without a password, so no slow hashing in every test."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    client.force_login(user)
    return client


def url(model, view: str, *args) -> str:
    return reverse(f"admin:catalog_{model._meta.model_name}_{view}", args=args)


def rows(model) -> list[tuple]:
    return sorted(model.objects.values_list())


def edited(obj) -> dict[str, str]:
    """A change form's worth of new values for every editable field of the object."""
    return {
        field.name: f"edited {getattr(obj, field.attname)}"
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


def test_every_content_model_is_in_the_admin_read_only():
    for model in CONTENT_MODELS:
        assert isinstance(admin.site._registry.get(model), ReadOnlyAdmin), model.__name__


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=IDS)
def test_every_changelist_and_change_page_opens_for_a_superuser_without_edit_buttons(
    admin_client, model
):
    changelist = admin_client.get(url(model, "changelist"))
    assert changelist.status_code == 200
    listing = changelist.content.decode()
    assert "(read-only)" in listing
    assert url(model, "add") not in listing
    assert "delete_selected" not in listing  # no bulk delete action either
    obj = model.objects.first()
    assert obj is not None, f"the content has no {model.__name__}"
    page = admin_client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    form = page.content.decode()
    assert 'class="closelink"' in form
    assert not [button for button in EDIT_BUTTONS if button in form]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=IDS)
def test_adding_and_deleting_are_refused(admin_client, model):
    obj = model.objects.first()
    before = rows(model)
    assert admin_client.get(url(model, "add")).status_code == 403
    assert admin_client.post(url(model, "add"), edited(obj)).status_code == 403
    assert admin_client.get(url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    admin_client.post(url(model, "changelist"), bulk)
    assert rows(model) == before


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=IDS)
def test_a_post_to_a_change_form_changes_nothing(admin_client, model):
    obj = model.objects.first()
    before, revision = rows(model), list(ContentRevision.objects.values_list())
    response = admin_client.post(url(model, "change", obj.pk), edited(obj))
    assert response.status_code == 403
    assert rows(model) == before
    assert list(ContentRevision.objects.values_list()) == revision


def test_a_refused_edit_does_not_reach_the_site(admin_client):
    category = Category.objects.get(notice__slug="2026-08-21", slug="feedback")
    data = {"name_en": "Feedback you send", "name_fr": "Vos retours", "order": category.order}
    assert admin_client.post(url(Category, "change", category.pk), data).status_code == 403
    assert current_content().current.category("feedback").name.en == category.name_en
    page = admin_client.get("/en/categories/feedback/").content.decode()
    assert category.name_en in page and "Feedback you send" not in page


def test_the_admin_index_says_where_to_edit(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Read-only" in page
    assert "catalog/content/*.toml" in page
    assert "python manage.py load_content" in page
    assert "catalog/content/corrections.toml" in page


def test_the_admin_asks_non_staff_to_log_in(client):
    response = client.get(url(Category, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_login_still_refuses_a_post_without_its_csrf_token():
    """Django's CSRF middleware still guards the admin."""
    browser = Client(enforce_csrf_checks=True)
    login = reverse("admin:login")
    assert "csrfmiddlewaretoken" in browser.get(login).content.decode()
    refused = browser.post(login, {"username": "editor", "password": "x"})
    assert refused.status_code == 403
    assert b"CSRF" in refused.content


def test_a_logged_in_editor_keeps_a_session_and_messages_in_the_admin(admin_client):
    admin_client.get(reverse("admin:index"))
    assert settings.SESSION_COOKIE_NAME in admin_client.cookies
    response = admin_client.post(url(Category, "add"), {})
    assert response.status_code == 403  # read-only, see above; the session still identifies


ADMIN_ONLY_MIDDLEWARE = (SessionMiddleware, AuthenticationMiddleware, MessageMiddleware)


def test_public_pages_never_reach_the_session_user_or_messages(client, monkeypatch):
    """Nothing of the admin's per-request machinery runs for a public page: no session store is
    made, no user looked up, no message storage opened. It all still runs for the admin."""
    touched = []
    for middleware in ADMIN_ONLY_MIDDLEWARE:
        original = middleware.process_request

        def recorded(self, request, original=original, name=middleware.__name__):
            touched.append(name)
            return original(self, request)

        monkeypatch.setattr(middleware, "process_request", recorded)
    for path in ("/en/", "/fr/check/country/", "/api/v1/categories", "/healthz", "/sitemap.xml"):
        assert client.get(path).status_code == 200
    assert touched == []
    assert client.get(reverse("admin:login")).status_code == 200
    assert sorted(touched) == sorted(middleware.__name__ for middleware in ADMIN_ONLY_MIDDLEWARE)
