# Issue 9: product photos and where to buy (written by hand; catalog 0003/0004 follow it).
import django.db.models.deletion
from django.db import migrations, models

import ocop.catalog.models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("registry", "0009_public_codes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductPhoto",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("image", models.FileField(upload_to=ocop.catalog.models.photo_path, verbose_name="ảnh")),
                ("alt", models.CharField(help_text="Cho người không xem được ảnh, ví dụ “Hộp chè 100 g, nhãn xanh”.", max_length=200, verbose_name="mô tả ảnh")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
                ("width", models.PositiveIntegerField(default=0, editable=False)),
                ("height", models.PositiveIntegerField(default=0, editable=False)),
                ("copies", models.CharField(default="", editable=False, max_length=50)),
                ("product", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="photos", to="registry.product", verbose_name="sản phẩm")),
            ],
            options={
                "verbose_name": "ảnh sản phẩm",
                "verbose_name_plural": "ảnh sản phẩm",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PointOfSale",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("shop", "Cửa hàng"), ("market", "Chợ, hội chợ"), ("online", "Bán trực tuyến")], default="shop", max_length=10, verbose_name="loại")),
                ("name", models.CharField(max_length=200, verbose_name="tên")),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="địa chỉ")),
                ("url", models.URLField(blank=True, verbose_name="địa chỉ trang web")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="điện thoại")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
                ("producer", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="points_of_sale", to="registry.producer", verbose_name="chủ thể")),
                ("product", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="points_of_sale", to="registry.product", verbose_name="sản phẩm")),
            ],
            options={
                "verbose_name": "nơi bán",
                "verbose_name_plural": "nơi bán",
                "ordering": ["order", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("product__isnull", True), ("producer__isnull", True), _connector="XOR"),
                        name="point_of_sale_of_product_or_producer",
                    )
                ],
            },
        ),
    ]  # fmt: skip
