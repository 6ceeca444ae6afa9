"""The Content Security Policy enforced in a real browser: no page of the site breaks it.

The test profile only reports the policy (Playwright injects axe-core inline);
here it is enforced as in production, and every violation Chromium reports
fails the test: on the public pages reached by following links, for a signed-in
editor (Wagtail's userbar), and in the Wagtail admin under its own exceptions.
"""

from urllib.parse import urljoin, urlsplit

from django.core.management import call_command

import pytest

from portal.roles import ADMINISTRATOR


@pytest.fixture
def enforced_csp(settings, live_server):
    from portal.settings.base import CSP_DIRECTIVES

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    call_command("load_demo", verbosity=0)


def watch_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def site_links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        target = urlsplit(urljoin(page.url, href))
        if target.netloc != urlsplit(base).netloc:
            continue
        if target.path.startswith(
            ("/admin", "/django-admin", "/documents/", "/static/", "/media/")
        ):
            continue
        yield target.path + (f"?{target.query}" if target.query else "")


def test_public_pages_run_under_the_enforced_policy(page, live_server, enforced_csp):
    violations = watch_violations(page)
    queue, seen = ["/"], set()
    while queue and len(seen) < 25:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = visit(page, live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        queue.extend(link for link in site_links(page, live_server.url) if link not in seen)
    assert len(seen) > 10
    assert violations == [], "\n".join(violations)
    # The site's own script ran: the stylesheet and script were allowed.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""


def test_the_policy_really_blocks_inline_script(page, live_server, enforced_csp):
    violations = watch_violations(page)
    visit(page, live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); }"
    )
    assert page.evaluate("window.injected") is None
    assert violations, "Chromium did not report the blocked inline script"


def test_signed_in_editor_and_wagtail_admin_work_under_the_policy(
    page, live_server, enforced_csp, make_user, login
):
    make_user("redaktor", roles=[ADMINISTRATOR], first_name="Анна", last_name="Белова")
    login(page, "redaktor")
    violations = watch_violations(page)
    visit(page, live_server.url + "/")  # with Wagtail's userbar
    from home.models import HomePage

    home = HomePage.objects.get()
    for path in [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/snippets/",
    ]:
        response = visit(page, live_server.url + path)
        assert response.status == 200, path
    assert violations == [], "\n".join(violations)
