from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры и Caps Lock."
        ),
        "inactive": _("Эта учётная запись отключена. Обратитесь к администратору портала."),
    }


class SignupForm(UserCreationForm):
    """Self-registration of a teacher; other roles are granted by methodists."""

    last_name = forms.CharField(label=_("Фамилия"), max_length=150)
    first_name = forms.CharField(label=_("Имя"), max_length=150)
    middle_name = forms.CharField(label=_("Отчество"), max_length=150, required=False)
    email = forms.EmailField(label=_("Электронная почта"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "last_name", "first_name", "middle_name", "email")
        labels = {"username": _("Имя пользователя (логин)")}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Пользователь с такой электронной почтой уже зарегистрирован.")
            )
        return email
