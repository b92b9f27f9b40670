from django.urls import path

from guide_site.pagecache import public_page

from . import views
from .feeds import ChangeNotesFeed

app_name = "channels"

urlpatterns = [
    path("", views.home, name="home"),
    path("ways/", views.overview, name="overview"),
    path("documents/", views.documents, name="documents"),
    path("sources/", views.sources, name="sources"),
    path("questions/<slug:slug>/", views.faq_detail, name="faq"),
    path("questions/<slug:slug>/counter-sheet/", views.counter_sheet, name="counter_sheet"),
    path("questions/<slug:slug>/updates/", views.faq_updates, name="faq_updates"),
    path("step-by-step/<slug:slug>/", views.journey_detail, name="journey"),
    path("finder/<slug:flow>/", views.finder, name="finder"),
    path("finder/<slug:flow>/result/", views.finder_result, name="finder_result"),
    path("updates/feed/", public_page(ChangeNotesFeed()), name="feed"),
    path("search/", views.search_page, name="search"),
    path("feedback/useful/", views.feedback_useful, name="feedback_useful"),
    path("feedback/why/", views.feedback_reason, name="feedback_reason"),
    path("feedback/problem/", views.feedback_problem, name="feedback_problem"),
    path("feedback/thanks/", views.feedback_thanks, name="feedback_thanks"),
]
