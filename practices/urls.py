from django.urls import path

from practices import feeds, views

app_name = "practices"

urlpatterns = [
    path("predlozhit/", views.propose, name="propose"),
    path("moi/", views.my_practices, name="mine"),
    path("<int:page_id>/izmenit/", views.edit_proposal, name="edit"),
    path("<int:page_id>/primenenie/", views.apply, name="apply"),
    path("<int:page_id>/primenenie/otmenit/", views.withdraw, name="withdraw"),
    path("rss/", feeds.NewPracticesFeed(), name="feed_rss"),
    path("atom/", feeds.NewPracticesAtomFeed(), name="feed_atom"),
]
