from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView

from portal import roles
from portal.forms import LoginForm, SignupForm
from portal.ratelimits import rate_limit, retry_after_seconds


# Per address: the lockout (django-axes) counts failures per account, this
# stops one address from trying many accounts.
@method_decorator(rate_limit("login", key="ip", method="POST"), name="post")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@method_decorator(rate_limit("signup", key="ip", method="POST"), name="post")
class SignupView(FormView):
    template_name = "registration/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        user = form.save()
        user.groups.add(Group.objects.get(name=roles.TEACHER))
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Добро пожаловать на Наставник.Портал!"))
        return redirect(self.get_success_url())

    def get_success_url(self):
        # Only a path on this site: `next` comes from the visitor.
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return "/"


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", status=404)


def server_error(request):
    # No context processors, no database: the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())


def rate_limited(request, exception=None):
    """The answer to a request over its rate limit (``RATELIMIT_VIEW``): 429 in Russian."""
    name = getattr(request, "rate_limit_name", None)
    retry_after = retry_after_seconds(name) if name else 60
    message = _("Слишком много запросов. Подождите немного и попробуйте снова.")
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"error": message, "retry_after": retry_after}, status=429)
    else:
        response = TemplateResponse(
            request, "429.html", {"retry_after": retry_after, "message": message}, status=429
        )
    response["Retry-After"] = str(retry_after)
    return response
