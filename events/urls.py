from django.urls import path, re_path

from events.views import calendars, participation

app_name = "events"

urlpatterns = [
    path("my/", participation.my_events, name="my_events"),
    path("my/feed/reset/", participation.reset_feed, name="reset_feed"),
    path("<int:pk>/zapis/", participation.register, name="register"),
    path("<int:pk>/otmena/", participation.cancel, name="cancel"),
    path("<int:pk>/event.ics", calendars.event_ics, name="event_ics"),
    path("calendar.ics", calendars.upcoming_feed, name="feed"),
    re_path(
        r"^feed/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendars.personal_feed,
        name="personal_feed",
    ),
]
