"""WebSocket routes of every app, gathered in one list for asgi.py."""

from communities.routing import websocket_urlpatterns as communities_websockets

websocket_urlpatterns = [
    *communities_websockets,
]
