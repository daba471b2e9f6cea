"""Page URLs, all under a language prefix (/fr/, /en/)."""

from django.urls import path

from catalog.web import check_views, feeds, result_views, views
from catalog.web.content import kept_with_the_version

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("categories/<slug:slug>/", views.category, name="category"),
    path("exclusions/<slug:slug>/", views.exclusion, name="exclusion"),
    path("search/", views.search, name="search"),
    path("notices/", views.notices, name="notices"),
    path("notices/<slug:slug>/", views.notice, name="notice"),
    path("sources/", views.sources, name="sources"),
    path("not-a-member/", views.not_a_member, name="not-a-member"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", kept_with_the_version(feeds.ChangesFeed()), name="changes-feed"),
    # The self-assessment: one question per page, answers carried in the query string.
    path("check/", check_views.start, name="check-start"),
    path("check/answers/", check_views.check_answers, name="check-answers"),
    path("check/<slug:question>/", check_views.question, name="check-question"),
    path("result/", result_views.result, name="result"),
    # Short, shareable result links.
    path("r/<str:code>/", result_views.shared_result, name="shared-result"),
    path("r/<str:code>/card-<int:revision>.png", result_views.result_card, name="result-card"),
    path("r/<str:code>/card.png", result_views.result_card_unversioned, name="result-card-old"),
    path("r/<str:code>/qr.svg", result_views.result_qr, name="result-qr"),
    path("r/<str:code>/letter/", result_views.result_letter, name="result-letter"),
    path("r/<str:code>/letter.txt", result_views.result_letter_txt, name="result-letter-txt"),
    path("r/<str:code>/feed/", feeds.result_feed, name="result-feed"),
]
