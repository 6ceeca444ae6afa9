"""An editing-form panel that shows how full the event is and links to its participants."""

from wagtail.admin.panels import HelpPanel


class ParticipantsSummaryPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "events/admin/registration_summary_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from events.permissions import can_manage_participants

            context = super().get_context_data(parent_context)
            event = self.instance
            context["event"] = event
            context["saved"] = bool(event.pk)
            context["can_manage"] = bool(event.pk) and can_manage_participants(
                self.request.user, event
            )
            return context
