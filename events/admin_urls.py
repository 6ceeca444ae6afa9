from django.urls import path, re_path

from events.views import admin

app_name = "events_admin"

urlpatterns = [
    path("", admin.ParticipantsIndexView.as_view(), name="index"),
    path("<int:pk>/", admin.ParticipantsView.as_view(), name="participants"),
    path(
        "<int:pk>/cancel/<int:registration_id>/",
        admin.CancelRegistrationView.as_view(),
        name="cancel_registration",
    ),
    re_path(r"^(?P<pk>\d+)/export\.(?P<fmt>csv|xlsx)$", admin.export, name="export"),
]
