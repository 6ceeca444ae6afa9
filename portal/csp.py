"""Content Security Policy: the public site's strict policy, the admins' exceptions.

django-csp builds the header from ``CONTENT_SECURITY_POLICY``; under the admin
prefixes (``PORTAL_CSP_ADMIN_PREFIXES``) the directives of
``PORTAL_CSP_ADMIN_REPLACE`` replace the public ones, so whatever the Wagtail
admin needs (its inline scripts and styles) never loosens the public pages.
"""

from django.conf import settings

from csp.middleware import CSPMiddleware


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(tuple(settings.PORTAL_CSP_ADMIN_PREFIXES)):
            parts.replace = {**settings.PORTAL_CSP_ADMIN_REPLACE, **(parts.replace or {})}
        return parts
