from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.law_list, name="list"),
    path("<slug:slug>/", views.law_detail, name="law"),
    path("<slug:slug>/article/<int:number>/", views.article_detail, name="article"),
]
