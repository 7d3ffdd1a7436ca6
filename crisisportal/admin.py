from django.contrib import admin

from crisisportal.models import (
    Crisis,
    CrisisChange,
    CrisisMembership,
    Notification,
    PersonalDataView,
    Post,
    PostMembership,
    StaffProfile,
)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "evacuation_plan_level"]
    search_fields = ["name", "city"]


@admin.register(Crisis)
class CrisisAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "phase", "escalation_level", "opened_at"]
    list_filter = ["phase", "escalation_level", "kind"]
    # Phase and level change only through the recorded-decision services.
    readonly_fields = ["phase", "escalation_level", "special_council"]


@admin.register(CrisisChange)
class CrisisChangeAdmin(admin.ModelAdmin):
    list_display = ["crisis", "kind", "from_value", "to_value", "decided_at", "decided_by"]
    readonly_fields = [f.name for f in CrisisChange._meta.fields]


admin.site.register(CrisisMembership)
admin.site.register(PostMembership)
admin.site.register(StaffProfile)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "email_status", "created_at"]
    list_filter = ["email_status", "kind"]


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(admin.ModelAdmin):
    list_display = ["viewed_at", "user", "api_client", "view_name", "object_type"]
    readonly_fields = [f.name for f in PersonalDataView._meta.fields]
