"""WebSocket routes of the communities app (live discussion channels)."""

websocket_urlpatterns = []
