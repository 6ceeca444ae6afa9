"""portal.asgi with the start-up heap moved out of the garbage collector's way.

Django, Wagtail and their imports leave hundreds of thousands of long-lived
objects; every full (generation 2) collection walks them all, and on a busy
machine that pauses a worker for 0.3–0.5 s, which is what the p95 of a live
channel on one worker shows. ``gc.freeze()`` after start-up (as Instagram does
for Django) keeps them out of later collections. benchmarks/channels.py runs
the portal both ways (``--gc-freeze``); portal/asgi.py could adopt it.
"""

import gc

from portal.asgi import application  # noqa: F401 — re-exported for uvicorn

gc.collect()
gc.freeze()
