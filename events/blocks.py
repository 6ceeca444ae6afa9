"""StreamField blocks of an event: the agenda (sessions with speakers) and the materials.

Speakers may be mentors with a profile on the portal (chosen as snippets) or guests
typed by name; the event page keeps a list of the profiles so that «events led by
this mentor» is one query, not a scan of every agenda.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class SpeakerBlock(blocks.StructBlock):
    profile = SnippetChooserBlock(
        "mentoring.MentorProfile",
        label=_("наставник портала"),
        required=False,
        help_text=_("Выберите профиль, если ведущий есть на портале, или впишите имя ниже."),
    )
    name = blocks.CharBlock(
        label=_("имя ведущего"),
        max_length=200,
        required=False,
        help_text=_("Для гостей без профиля на портале: «Иванова Анна Петровна»."),
    )
    role = blocks.CharBlock(
        label=_("должность и организация"),
        max_length=250,
        required=False,
    )

    class Meta:
        icon = "user"
        label = _("Ведущий")
        template = "events/blocks/speaker_block.html"
        form_classname = "struct-block speaker-block"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("profile") and not value.get("name", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "name": ValidationError(_("Выберите наставника или впишите имя ведущего."))
                }
            )
        return value


class SessionKind(blocks.ChoiceBlock):
    choices = [
        ("plenary", _("Пленарное заседание")),
        ("talk", _("Выступление")),
        ("workshop", _("Мастер-класс")),
        ("discussion", _("Диалоговая площадка")),
        ("section", _("Работа в секциях")),
        ("open_lesson", _("Открытый урок")),
        ("break", _("Перерыв")),
        ("other", _("Другое")),
    ]


class SessionBlock(blocks.StructBlock):
    """One item of the programme: time, title, who leads it, where."""

    day = blocks.DateBlock(
        label=_("день"),
        required=False,
        help_text=_("Для многодневных мероприятий; по умолчанию — день начала."),
    )
    starts = blocks.TimeBlock(label=_("начало"), format="%H:%M")
    ends = blocks.TimeBlock(label=_("окончание"), required=False, format="%H:%M")
    kind = SessionKind(label=_("формат части"), default="talk", required=False)
    title = blocks.CharBlock(label=_("тема"), max_length=250)
    description = blocks.TextBlock(label=_("о чём"), required=False, max_length=1000)
    room = blocks.CharBlock(
        label=_("аудитория или площадка"),
        max_length=150,
        required=False,
        help_text=_("Например: «Актовый зал», «Секция 2, каб. 214»."),
    )
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("ведущие"), min_num=0, default=[])

    class Meta:
        icon = "time"
        label = _("Часть программы")
        template = "events/blocks/session_block.html"
        preview_value = {
            "starts": datetime.time(10, 0),
            "ends": datetime.time(11, 30),
            "kind": "plenary",
            "title": "Целевая модель наставничества: роли и этапы программы",
            "room": "Актовый зал",
            "speakers": [
                {"name": "Волкова Мария Андреевна", "role": "методист ИМЦ Московского района"}
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("ends") and value["ends"] <= value["starts"]:
            raise StructBlockValidationError(
                block_errors={"ends": ValidationError(_("Окончание должно быть позже начала."))}
            )
        return value


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock()

    class Meta:
        label = _("Программа")


class DocumentMaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("документ"))
    title = blocks.CharBlock(
        label=_("название"),
        max_length=200,
        required=False,
        help_text=_("Если пусто — название документа."),
    )
    description = blocks.CharBlock(label=_("пояснение"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Документ")
        template = "events/blocks/document_material_block.html"


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("фотография"))
    alt_text = blocks.CharBlock(
        label=_("описание для незрячих"),
        max_length=250,
        required=False,
        help_text=_("Что на фотографии: его прочитает экранный диктор."),
    )
    caption = blocks.CharBlock(label=_("подпись"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Фотография")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("заголовок"), max_length=200, required=False)
    photos = blocks.ListBlock(PhotoBlock(), label=_("фотографии"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Фотографии")
        template = "events/blocks/gallery_block.html"


class PresentedPracticeBlock(blocks.StructBlock):
    practice = blocks.PageChooserBlock(
        label=_("практика из банка"), page_type="practices.PracticePage"
    )
    note = blocks.CharBlock(
        label=_("кто и как представил"),
        max_length=300,
        required=False,
        help_text=_("Например: «Представила пара Смирнова Е. В. — Орлова А. Д., секция 1»."),
    )

    class Meta:
        icon = "link"
        label = _("Представленная практика")
        template = "events/blocks/presented_practice_block.html"


class LinkMaterialBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("адрес"))
    title = blocks.CharBlock(label=_("название"), max_length=200)
    description = blocks.CharBlock(label=_("пояснение"), max_length=300, required=False)

    class Meta:
        icon = "link-external"
        label = _("Ссылка")
        template = "events/blocks/link_material_block.html"
        preview_value = {
            "url": "https://example.org/zapis-foruma",
            "title": "Запись пленарного заседания",
        }


class MaterialsBlock(blocks.StreamBlock):
    """What remains after the event: documents, photos, practices presented, recordings."""

    document = DocumentMaterialBlock()
    gallery = GalleryBlock()
    practice = PresentedPracticeBlock()
    link = LinkMaterialBlock()
    video = EmbedBlock(
        label=_("Видеозапись"), icon="media", template="blocks/embed_block.html", max_width=800
    )

    class Meta:
        label = _("Материалы")
