from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("moi/", views.my_communities, name="mine"),
    path("upominaniya/", views.mentions, name="mentions"),
    path("<int:community_id>/vstupit/", views.join, name="join"),
    path("<int:community_id>/vyjti/", views.leave, name="leave"),
    path(
        "uchastie/<int:membership_id>/<slug:action>/",
        views.membership_action,
        name="membership_action",
    ),
    path("kanaly/<int:channel_id>/istoriya/", views.history, name="history"),
    path("soobshcheniya/<int:message_id>/izmenit/", views.edit_message, name="edit_message"),
    path("soobshcheniya/<int:message_id>/udalit/", views.delete_message, name="delete_message"),
    path("soobshcheniya/<int:message_id>/zakrepit/", views.pin_message, name="pin_message"),
]
