from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("nastavniki/<slug:slug>/", views.mentor_profile, name="mentor_profile"),
    path("moj-profil/", views.edit_own_profile, name="profile_edit"),
]
