import os
import shutil

import pytest
from django.core.management import call_command
from hypothesis import settings

# Property tests check behaviour, not speed: a loaded CI machine must not turn them flaky.
settings.register_profile("default", deadline=None)
settings.load_profile("default")

# Playwright's sync API runs an event loop in the test thread; the ORM calls made there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium off the network: no background requests, no component updates.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real content once; each test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture(autouse=True)
def english_by_default():
    """A request to a French page leaves French active in its thread: every test starts in the
    default language, whatever ran before it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def site_content(django_db_setup, django_db_blocker):
    """The loaded content as the snapshot every page reads (built once for the session)."""
    from catalog.snapshot import build

    with django_db_blocker.unblock():
        return build(0)


@pytest.fixture(scope="session")
def notice(site_content):
    """The current notice version's snapshot: rules tests need no database after this."""
    return site_content.current


@pytest.fixture
def content(transactional_db):
    """The content, for tests whose database is flushed between tests (live server, browser)."""
    from catalog.models import Notice

    if not Notice.objects.exists():
        call_command("load_content", verbosity=0)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        message = "Debian's chromium is not installed (`make browser` installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a skipped browser suite there would hide a gap
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }
