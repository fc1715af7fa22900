"""The audit trail in the admin: readable by VRU admins, editable by nobody."""

from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: no add, change or delete, whatever a user's permissions."""

    list_display = [
        "at",
        "username",
        "action",
        "object_repr",
        "row_count",
        "file_format",
    ]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "object_repr", "object_id"]
    fields = [
        "at",
        "username",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "filters",
        "row_count",
        "file_format",
        "detail",
    ]
    readonly_fields = fields
    date_hierarchy = None
    show_full_result_count = False
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
