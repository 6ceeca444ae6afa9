"""Who may do what in the practice bank.

- «Методист» edits the taxonomies, sees and tidies teachers' application marks and
  may set «рекомендована к тиражированию» (practices.recommend_practice);
- the workflow «Проверка практики методистом» with one group approval task for
  «Методист» reviews everything mentors submit;
- on a practice index that already exists, the workflow is linked and «Наставник»
  may add pages (and so edit only their own), «Методист» may edit and publish.
  A practice index created later gets the same from practices.publishing.ensure_review_setup.

«Администратор» receives every permission after each migrate (portal.apps).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Проверка практики методистом"
TASK_NAME = "Одобрение методистом"

METHODIST_MODEL_PERMISSIONS = [
    *[
        f"{action}_{model}"
        for model in ["mentoringform", "educationlevel", "subject", "competency"]
        for action in ["add", "change", "delete", "view"]
    ],
    "view_practiceapplication",
    "delete_practiceapplication",
    "recommend_practice",
]

INDEX_PAGE_PERMISSIONS = {
    "Наставник": ["add_page"],
    "Методист": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def grant(apps, schema_editor):
    # Permissions of models created in this app's migrations appear only after
    # post_migrate; create them now so they can be granted here.
    app_config = apps.get_app_config("practices")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    methodist = Group.objects.filter(name="Методист").first()
    if methodist is None:
        return
    methodist.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="practices", codename__in=METHODIST_MODEL_PERMISSIONS
        )
    )

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.add(methodist)
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    index_type = ContentType.objects.filter(app_label="practices", model="practiceindexpage").first()
    if index_type is None:
        return
    for index in Page.objects.filter(content_type=index_type):
        if not WorkflowPage.objects.filter(page=index).exists():
            WorkflowPage.objects.create(page=index, workflow=workflow)
        for name, codenames in INDEX_PAGE_PERMISSIONS.items():
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


def revoke(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_practice_fields"),
        ("portal", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
