"""The catalogue of the ten eligible groups (codes are fixed by the API contract)."""

from django.db import migrations

from evacuation.catalogue import GROUPS, catalogue_ensure



def seed(apps, schema_editor):
    catalogue_ensure(apps.get_model("evacuation", "EligibleGroup"))


def unseed(apps, schema_editor):
    apps.get_model("evacuation", "EligibleGroup").objects.filter(
        code__in=[g[0] for g in GROUPS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("evacuation", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
