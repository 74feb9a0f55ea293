# Issue 16: one per-client hourly counter for every public form (it replaces
# catalog.ReportCount and trade.InquiryCount, whose rows are not copied: see their migrations).
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ClientCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=32, verbose_name="biểu mẫu")),
                ("client", models.CharField(max_length=64)),
                ("hour", models.DateTimeField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "lượt gửi của một địa chỉ trong một giờ",
                "verbose_name_plural": "lượt gửi của một địa chỉ trong một giờ",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "client", "hour"), name="client_count_unique_hour"
                    )
                ],
            },
        ),
    ]
