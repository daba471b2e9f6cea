"""Atom feeds (Django's syndication framework): the public corrections log."""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from catalog.present.pages import ChangeEntry, changes_log
from catalog.web.views import loaded_content


class ChangesFeed(Feed):
    """/{lang}/changes/feed/: notice versions and content corrections, newest first."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Changes and corrections · LinkedIn, your data and AI")

    def subtitle(self) -> str:
        return _("New versions of LinkedIn's notice and every correction of this site's content.")

    def link(self) -> str:
        return reverse("catalog:changes")

    def items(self) -> list[ChangeEntry]:
        return changes_log(loaded_content())

    def item_title(self, entry: ChangeEntry) -> str:
        if entry.notice:
            return str(entry.notice.title)
        return _("Correction: %(title)s") % {"title": entry.correction.title}

    def item_description(self, entry: ChangeEntry) -> str:
        return str(entry.notice.changes if entry.notice else entry.correction.summary)

    def item_link(self, entry: ChangeEntry) -> str:
        if entry.notice:
            return reverse("catalog:notice", args=[entry.notice.slug])
        return reverse("catalog:changes") + f"#correction-{entry.correction.slug}"

    def item_pubdate(self, entry: ChangeEntry) -> datetime:
        return datetime.combine(entry.date, time(0, 0), tzinfo=UTC)

    item_updateddate = item_pubdate
