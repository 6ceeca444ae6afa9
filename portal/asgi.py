"""ASGI entry point: HTTP through Django, WebSocket through Channels.

Run with `daphne portal.asgi:application` or `uvicorn portal.asgi:application`.
"""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

from django.core.asgi import get_asgi_application

# Django must be set up before the routing imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from portal.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# Django, Wagtail and their imports leave hundreds of thousands of long-lived
# objects that every full garbage collection walks again. Freezing them after
# start-up (as Instagram does for Django) keeps them out of later collections:
# measured with benchmarks/load.py on 2 uvicorn workers, 5 % less server CPU per
# cached page and 11 % less for the mixed load (README, «Нагрузочный замер»).
# PORTAL_GC_FREEZE=0 turns it off, to measure both ways.
if os.environ.get("PORTAL_GC_FREEZE", "1") != "0":
    gc.collect()
    gc.freeze()
