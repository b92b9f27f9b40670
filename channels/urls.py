from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("", views.home, name="home"),
    path("ways/", views.overview, name="overview"),
    path("documents/", views.documents, name="documents"),
    path("questions/<slug:slug>/", views.faq_detail, name="faq"),
]
