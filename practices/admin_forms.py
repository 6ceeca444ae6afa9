"""The editor form of a practice in the Wagtail admin."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from practices.publishing import can_recommend


class PracticePageAdminForm(WagtailAdminPageForm):
    """Only a methodist sees and changes «рекомендована к тиражированию».

    The panel's permission already hides the field from others; the form drops it
    again whenever the user is unknown or lacks the right, so no request a mentor
    crafts by hand can set the mark.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "recommended" in self.fields and not can_recommend(self.for_user):
            del self.fields["recommended"]

    def clean(self):
        cleaned_data = super().clean()
        authors_formset = self.formsets.get("authors")
        if authors_formset is not None and authors_formset.is_valid():
            seen = set()
            for form in authors_formset.forms:
                if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                    continue
                author = form.cleaned_data.get("author")
                if author is not None and author.pk in seen:
                    raise ValidationError(
                        _("Наставник «%(name)s» указан среди авторов дважды."),
                        params={"name": author},
                    )
                if author is not None:
                    seen.add(author.pk)
        return cleaned_data

    def save(self, commit=True):
        if "recommended" in self.changed_data:
            self.instance.recommended_at = timezone.now() if self.instance.recommended else None
        return super().save(commit=commit)
