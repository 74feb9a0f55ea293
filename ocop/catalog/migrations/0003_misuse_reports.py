# Issue 9: reports of the OCOP mark used without valid recognition (written by hand).
from django.db import migrations, models

import ocop.catalog.models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_photos_and_shops")]

    operations = [
        migrations.CreateModel(
            name="MisuseReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("received_at", models.DateTimeField(auto_now_add=True, verbose_name="thời điểm nhận")),
                ("status", models.CharField(choices=[("new", "Mới"), ("seen", "Đã xem")], default="new", max_length=10, verbose_name="trạng thái")),
                ("product", models.CharField(blank=True, max_length=200, verbose_name="sản phẩm được phản ánh")),
                ("code", models.CharField(blank=True, max_length=20, verbose_name="mã in trên sản phẩm")),
                ("place", models.CharField(max_length=300, verbose_name="nơi thấy sản phẩm")),
                ("description", models.TextField(max_length=3000, verbose_name="nội dung phản ánh")),
                ("photo", models.FileField(upload_to=ocop.catalog.models.misuse_photo_path, verbose_name="ảnh chụp")),
                ("contact", models.CharField(blank=True, max_length=200, verbose_name="liên hệ của người phản ánh")),
            ],
            options={
                "verbose_name": "phản ánh sử dụng sai nhãn OCOP",
                "verbose_name_plural": "phản ánh sử dụng sai nhãn OCOP",
                "ordering": ["-received_at"],
            },
        ),
        migrations.CreateModel(
            name="ReportCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("client", models.CharField(max_length=64)),
                ("hour", models.DateTimeField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("client", "hour"), name="report_count_unique_hour")],
            },
        ),
    ]
