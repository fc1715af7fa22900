"""The three staff roles as Django groups, and how their permissions are kept.

A role is a list of permission patterns: ``app_label.codename``, ``app_label.*``
(every permission of that app) or ``*`` (everything). Exclusions are applied
after. ``roles_sync`` makes each group hold exactly what its patterns match, so
running it again (after every migrate, through the post_migrate handler in
staff/apps.py, or ``manage.py sync_roles``) is harmless and picks up
permissions of models added since.
"""

from fnmatch import fnmatchcase

ANALYST = "VRU analyst"
EDITOR = "VRU editor"
ADMIN = "VRU admin"

# Read-only access to the questionnaire, so responses can be read in context.
_QUESTIONNAIRE_VIEW = [
    "survey.view_wave",
    "survey.view_section",
    "survey.view_question",
    "survey.view_questionnaire",
]

ROLES: dict[str, dict[str, list[str]]] = {
    ANALYST: {
        "include": [
            *_QUESTIONNAIRE_VIEW,
            "survey.view_response",
            "survey.view_contactdetails",
            "survey.delete_contactdetails",
            # Collectors (tracked links) and the coverage target are the
            # analysts' tools for running a wave; editors hold neither.
            "survey.add_collector",
            "survey.change_collector",
            "survey.view_collector",
            "survey.set_coverage_target",
            "casestudies.view_casestudy",
            "casestudies.view_source",
            "survey.export_responses",
            "survey.view_dashboard",
            "survey.start_case_study",
            # Findings releases: draft, preview, publish and unpublish.
            "findings.*",
            # Codebooks, coding, double coding and suggested themes.
            "coding.*",
        ],
        "exclude": [],
    },
    EDITOR: {
        "include": [
            *_QUESTIONNAIRE_VIEW,
            "survey.change_wave",
            "survey.change_section",
            "survey.change_question",
            "casestudies.*",
            "roadmap.*",
        ],
        "exclude": [],
    },
    ADMIN: {
        "include": ["*"],
        # Nobody edits or deletes the audit trail, not even an administrator.
        "exclude": [
            "audit.add_auditevent",
            "audit.change_auditevent",
            "audit.delete_auditevent",
        ],
    },
}


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in patterns)


def role_permission_names(role: str, available: list[str]) -> list[str]:
    """The ``app_label.codename`` names a role holds, out of those available."""
    spec = ROLES[role]
    return [
        name
        for name in available
        if _matches(name, spec["include"]) and not _matches(name, spec["exclude"])
    ]


def roles_sync(apps, schema_editor=None) -> None:
    """Create the role groups and give each exactly its permissions.

    Takes an app registry, so post_migrate can pass the one it migrated with;
    every app's permissions are created first, whichever app's signal this is.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs have no models module; create_permissions
        # skips an app without one.
        had_module = getattr(app_config, "models_module", None)
        if had_module is None:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if had_module is None:
            app_config.models_module = None

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in permission_model.objects.select_related("content_type")
    }
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        names = role_permission_names(role, sorted(permissions))
        group.permissions.set([permissions[name] for name in names])
