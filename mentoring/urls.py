from django.urls import path

from mentoring import pair_views, programme_views, result_documents, views

app_name = "mentoring"

urlpatterns = [
    path("nastavniki/<slug:slug>/", views.mentor_profile, name="mentor_profile"),
    path("moj-profil/", views.edit_own_profile, name="profile_edit"),
    # The programme (issue #8)
    path("programmy/", programme_views.programme_list, name="programmes"),
    path("programmy/<slug:slug>/", programme_views.programme_detail, name="programme"),
    path("programmy/<slug:slug>/zapros/", programme_views.request_form, name="request"),
    path("programmy/<slug:slug>/kurator/", programme_views.curator_desk, name="curator"),
    path("programmy/<slug:slug>/pary/", programme_views.form_pair, name="form_pair"),
    path(
        "programmy/<slug:slug>/nastavniki/<int:entry_id>/luchshij/",
        programme_views.best_mentor,
        name="best_mentor",
    ),
    path("programmy/<slug:slug>/pokazateli/", programme_views.dashboard, name="dashboard"),
    path("programmy/<slug:slug>/pokazateli.xlsx", programme_views.export_xlsx, name="export_xlsx"),
    path("pary/", pair_views.my_pairs, name="my_pairs"),
    path("pary/<int:pk>/", pair_views.pair_detail, name="pair"),
    path("pary/<int:pk>/plan/", pair_views.plan_edit, name="plan_edit"),
    path("pary/<int:pk>/celi/", pair_views.goal_add, name="goal_add"),
    path("pary/<int:pk>/celi/<int:goal_id>/zadachi/", pair_views.task_add, name="task_add"),
    path("pary/<int:pk>/zadachi/<int:task_id>/", pair_views.task_status, name="task_status"),
    path(
        "pary/<int:pk>/samoocenka/<str:moment>/",
        pair_views.self_assessment,
        name="self_assessment",
    ),
    path("pary/<int:pk>/dnevnik/", pair_views.diary_add, name="diary_add"),
    path("pary/<int:pk>/kommentarii/", pair_views.comment_add, name="comment_add"),
    path("pary/<int:pk>/ankety/<int:survey_id>/", pair_views.survey_form, name="survey"),
    path("pary/<int:pk>/otkaz/", pair_views.decline, name="decline"),
    path("pary/<int:pk>/itog/", pair_views.result_form, name="result"),
    path("pary/<int:pk>/itog/dokument/", result_documents.download, name="result_document"),
    # The curator's (and, to start work, the mentor's) buttons on a pair.
    *[
        path(f"pary/<int:pk>/{slug}/", pair_views.pair_action, {"action": action}, name=name)
        for slug, action, name in [
            ("podtverdit", "confirm", "pair_confirm"),
            ("nachat", "start", "pair_start"),
            ("zavershit", "finish", "pair_finish"),
            ("luchshaya", "best", "pair_best"),
        ]
    ],
]
