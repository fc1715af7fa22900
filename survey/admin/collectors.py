"""Admin for collectors: the tracked links analysts make for a wave's cascade."""

from django.contrib import admin

from survey.models import Collector


@admin.register(Collector)
class CollectorAdmin(admin.ModelAdmin):
    """Named links for a wave; the code is made on creation and never edited."""

    list_display = [
        "name",
        "kind",
        "borough",
        "wave",
        "code",
        "link",
        "expires_at",
        "active",
        "created_by",
    ]
    list_filter = ["wave", "kind", "active"]
    search_fields = ["name", "code"]
    list_select_related = ["wave"]
    fields = [
        "wave",
        "name",
        "kind",
        "borough",
        "expires_at",
        "active",
        "code",
        "link",
        "created_by",
        "created_at",
    ]
    readonly_fields = ["code", "link", "created_by", "created_at"]

    @admin.display(description="Link to give out")
    def link(self, collector):
        if not collector.pk:
            return "Made when you save."
        return collector.get_absolute_url()

    def get_readonly_fields(self, request, obj=None):
        # A link's wave is fixed once people may have used it.
        if obj is not None:
            return [*self.readonly_fields, "wave"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)
