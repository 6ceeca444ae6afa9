from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("текст"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("уровень"),
        choices=[("h2", _("Заголовок 2")), ("h3", _("Заголовок 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Заголовок")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Этапы реализации практики", "level": "h2"}


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("изображение"))
    alt_text = blocks.CharBlock(
        label=_("описание для незрячих"),
        max_length=250,
        required=False,
        help_text=_("Что изображено: его прочитает экранный диктор."),
    )
    caption = blocks.CharBlock(label=_("подпись"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Изображение")
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("цитата"))
    author = blocks.CharBlock(label=_("автор"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Цитата")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Наставник — не тот, кто учит, а тот, рядом с кем хочется расти.",
            "author": "Участница клуба молодых педагогов",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("документ"))
    title = blocks.CharBlock(label=_("название ссылки"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Документ")
        template = "blocks/document_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of plain content pages, shared by apps that need free text."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Текст"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3", "document-link"],
        template="blocks/paragraph_block.html",
        preview_value="<p>Молодой педагог и наставник вместе составляют план на первую четверть.</p>",
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    embed = EmbedBlock(label=_("Видео или медиа"), icon="media", template="blocks/embed_block.html")
