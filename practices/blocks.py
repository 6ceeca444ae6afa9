"""StreamField blocks of a practice: the steps a colleague follows to reproduce it."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

STEP_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class StepBlock(blocks.StructBlock):
    """One stage of the practice: what to do, when, with an illustration and handouts."""

    title = blocks.CharBlock(label=_("название шага"), max_length=200)
    period = blocks.CharBlock(
        label=_("сроки"),
        max_length=100,
        required=False,
        help_text=_("Например: «сентябрь», «2 недели», «каждую пятницу»."),
    )
    text = blocks.RichTextBlock(
        label=_("что делают наставник и наставляемый"), features=STEP_TEXT_FEATURES
    )
    image = ImageChooserBlock(label=_("иллюстрация"), required=False)
    image_alt = blocks.CharBlock(
        label=_("описание иллюстрации для незрячих"),
        max_length=250,
        required=False,
        help_text=_("Что изображено: его прочитает экранный диктор."),
    )
    documents = blocks.ListBlock(
        DocumentChooserBlock(label=_("документ")),
        label=_("материалы к шагу"),
        min_num=0,
        default=[],
    )

    class Meta:
        icon = "list-ol"
        label = _("Шаг")
        template = "practices/blocks/step_block.html"
        preview_value = {
            "title": "Установочная встреча наставнической пары",
            "period": "первая неделя сентября",
            "text": "<p>Наставник и молодой педагог обсуждают ожидания, заполняют таблицы "
            "«Мои достижения» и «Мои дефициты» и договариваются о графике встреч.</p>",
            "image": None,
            "image_alt": "",
            "documents": [],
        }
        preview_description = _("Этап практики: что делать, в какие сроки, с какими материалами.")


class PracticeStepsBlock(blocks.StreamBlock):
    """The ordered steps of a practice; the page numbers them in order."""

    step = StepBlock()

    class Meta:
        min_num = 1
        block_counts = {"step": {"min_num": 1}}
