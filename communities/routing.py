"""WebSocket routes of the communities app (live discussion channels)."""

from django.urls import path

from communities.consumers import ChannelConsumer

websocket_urlpatterns = [
    path("ws/communities/channels/<int:channel_id>/", ChannelConsumer.as_asgi()),
]
