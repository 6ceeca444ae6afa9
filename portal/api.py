"""The read-only JSON API (Wagtail API v2), mounted at /api/v2/.

Apps register their endpoints here; see practices for the practice listing.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from practices.api import PracticesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("practices", PracticesAPIViewSet)
