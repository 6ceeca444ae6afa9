"""Form data the Wagtail page editor would submit for a practice (wagtail.test.utils.form_data)."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.models import Competency, EducationLevel, MentoringForm


def practice_form_data(title="Кейс-клуб «Трудный урок»", slug="keys-klub", **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "Молодые учителя разбирают трудные ситуации урока с наставником.",
        "problem": "Дисциплина — первая жалоба молодых учителей.",
        "mentoring_form": MentoringForm.objects.get(slug="uchitel-uchitel").pk,
        "education_levels": [EducationLevel.objects.get(slug="ooo").pk],
        "competencies": [Competency.objects.get(slug="upravlenie-klassom").pk],
        "tags": "дисциплина, кейс-метод",
        "participants": "8 молодых учителей и наставник",
        "duration": "учебный год",
        "steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": "Сбор кейсов",
                        "period": "",
                        "text": rich_text("<p>Участники описывают ситуации.</p>"),
                        "image": "",
                        "image_alt": "",
                        "documents": {"count": "0"},
                    },
                )
            ]
        ),
        "resources": inline_formset([]),
        "results": rich_text("<p>Обращений из-за дисциплины стало меньше.</p>"),
        "evidence": rich_text(""),
        "authors": inline_formset([]),
        "organisation": "",
        "municipality": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    form_data = nested_form_data(data)
    # Multiple choice fields go as lists, which nested_form_data would flatten by index.
    for name in ("education_levels", "competencies", "subjects"):
        for key in [key for key in form_data if key.startswith(f"{name}-")]:
            del form_data[key]
        if name in data:
            form_data[name] = data[name]
    return form_data
