# Written by hand (issue 21, item 7): whether an export's task reached the task queue, and how often the
# sweeper sent it again. Exports that exist already were sent when they were requested.

from django.db import migrations, models


def sent_when_requested(apps, schema_editor):
    BundleExport = apps.get_model("localization", "BundleExport")
    BundleExport.objects.filter(sent_at__isnull=True).update(sent_at=models.F("requested_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("localization", "0016_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="bundleexport",
            name="sent_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="sent to the workers",
                help_text="When its task last went to the task queue; empty while the queue has not taken it (it did not answer).",
            ),
        ),
        migrations.AddField(
            model_name="bundleexport",
            name="resent",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="sent again",
                help_text="How many times the sweeper sent it to the workers again because none moved it on.",
            ),
        ),
        migrations.RunPython(sent_when_requested, migrations.RunPython.noop),
    ]
