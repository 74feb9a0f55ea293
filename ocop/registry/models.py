"""The registry's tables. Rules live in ocop.domain; these models store facts and derive
the few stored values (keys, last valid day) by calling those rules."""

from django.db import models
from django.urls import reverse

from ocop.domain import names
from ocop.domain.dates import format_date
from ocop.domain.producers import ProducerType as DomainProducerType
from ocop.domain.slugs import slug
from ocop.domain.status import DecisionFacts, stars_on, status_on
from ocop.registry.querysets import (
    DecisionQuerySet,
    ProducerQuerySet,
    ProductQuerySet,
    RuleQuerySet,
    UnitQuerySet,
)


class Province(models.Model):
    code = models.CharField("mã", max_length=8, unique=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=20, default="tỉnh")
    # Civil Code art. 148(5): roll a last day off weekends and holidays. Off by default because
    # administrative practice prints a fixed end date; the province decides.
    roll_forward_holidays = models.BooleanField("lùi ngày hết hạn qua ngày nghỉ", default=False)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "tỉnh/thành phố"
        verbose_name_plural = "tỉnh/thành phố"

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"


class Unit(models.Model):
    """A commune-level unit (xã, phường, đặc khu) as it exists since 01/07/2025."""

    code = models.CharField("mã", max_length=10, unique=True)
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=20)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh/thành phố", on_delete=models.PROTECT, related_name="units"
    )
    name_key = models.CharField(max_length=100, editable=False, db_index=True)
    # Vietnamese dictionary order as plain text (names.sort_text): ORDER BY name would follow
    # the database's collation, which knows no Vietnamese.
    sort_key = models.CharField(max_length=255, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["province__code", "sort_key", "name"]
        verbose_name = "xã/phường"
        verbose_name_plural = "xã/phường"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "kind", "name_key"], name="unit_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        self.name_key = names.text_key(self.name)
        self.sort_key = names.sort_text(self.name)


class OldUnit(models.Model):
    """A commune-level unit of the scheme before 01/07/2025 (with its district) and the
    current unit it was merged into."""

    class Confidence(models.TextChoices):
        HIGH = "high", "cao"
        LOW = "low", "thấp (cần kiểm tra)"

    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=20)
    district = models.CharField("huyện/thành phố", max_length=100)
    district_kind = models.CharField("loại đơn vị cấp huyện", max_length=20)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh/thành phố", on_delete=models.PROTECT, related_name="old_units"
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name="sáp nhập vào xã/phường",
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    confidence = models.CharField(
        "độ tin cậy", max_length=10, choices=Confidence, default=Confidence.HIGH
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["province__code", "district", "name"]
        verbose_name = "xã/phường cũ (trước 01/07/2025)"
        verbose_name_plural = "xã/phường cũ (trước 01/07/2025)"

    def __str__(self) -> str:
        return f"{self.kind} {self.name}, {self.district_kind} {self.district}"


class Holiday(models.Model):
    """Official days off, entered per year by the department; used only when a province
    rolls last valid days forward."""

    day = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=100)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"

    def __str__(self) -> str:
        return f"{format_date(self.day)} {self.name}"


class ProductSet(models.Model):
    """One of the 26 product sets (bộ sản phẩm) under 17 groups and 6 sectors."""

    number = models.PositiveSmallIntegerField("số thứ tự", unique=True)
    key = models.CharField("mã", max_length=20, unique=True)
    sector = models.CharField("ngành", max_length=200)
    group = models.CharField("nhóm", max_length=200)
    name = models.CharField("bộ sản phẩm", max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = "bộ sản phẩm"
        verbose_name_plural = "bộ sản phẩm"

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


ProducerType = models.TextChoices(
    "ProducerType", [(t.name, (t.value, t.label)) for t in DomainProducerType]
)


class Producer(models.Model):
    """A chủ thể: cooperative, company, household business, cooperative group."""

    name = models.CharField("tên chủ thể", max_length=300)
    kind = models.CharField("loại hình", max_length=20, choices=ProducerType)
    tax_code = models.CharField(
        "mã số thuế/đăng ký", max_length=30, null=True, blank=True, unique=True
    )
    representative = models.CharField("người đại diện", max_length=200, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ (như ghi)", max_length=500, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="xã/phường", on_delete=models.PROTECT, related_name="producers"
    )
    name_key = models.CharField(max_length=300, editable=False, db_index=True)
    # The name without case or accents, what officers type in a search box ("bach tra"),
    # as written and with its abbreviation spelled out (names.producer_search_key).
    search_key = models.CharField(max_length=640, editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    # Set when an officer writes the name in the back office: imports then never change it
    # (issue 8; they otherwise keep the best-written form seen, ocop.domain.display).
    name_set_by_officer = models.BooleanField("tên do cán bộ sửa", default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = "chủ thể"
        verbose_name_plural = "chủ thể"
        constraints = [
            # OCOP.md §3: without a tax code, a producer is its name key in its commune.
            models.UniqueConstraint(
                fields=["name_key", "unit"],
                condition=models.Q(tax_code__isnull=True),
                name="producer_unique_name_in_unit",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """Set the stored values that come from rules; bulk writers call this too."""
        self.name = names.normalize_text(self.name)
        self.name_key = names.producer_key(self.name)
        self.search_key = names.producer_search_key(self.name)
        self.sort_key = names.sort_text(self.name)
        self.tax_code = (self.tax_code or "").strip() or None


class Product(models.Model):
    name = models.CharField("tên sản phẩm", max_length=300)
    producer = models.ForeignKey(
        Producer, verbose_name="chủ thể", on_delete=models.PROTECT, related_name="products"
    )
    product_set = models.ForeignKey(
        ProductSet,
        verbose_name="bộ sản phẩm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
    )
    group_as_written = models.CharField("nhóm sản phẩm (như ghi)", max_length=200, blank=True)
    description = models.TextField("mô tả", blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="xã/phường", on_delete=models.PROTECT, related_name="products"
    )
    address = models.CharField("địa chỉ sản xuất (như ghi)", max_length=500, blank=True)
    name_key = models.CharField(max_length=300, editable=False)
    search_key = models.CharField(max_length=300, editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    name_set_by_officer = models.BooleanField("tên do cán bộ sửa", default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = "sản phẩm"
        verbose_name_plural = "sản phẩm"
        constraints = [
            models.UniqueConstraint(fields=["producer", "name_key"], name="product_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The public product page (the admin's "Xem trên trang web")."""
        return self.get_public_url()

    def get_public_url(self) -> str:
        """The product's page in the active language (/en/… on the English pages)."""
        return reverse("product_page", args=[self.pk, slug(self.name)])

    def derive(self) -> None:
        self.name = names.normalize_text(self.name)
        self.name_key = names.product_key(self.name)
        self.search_key = names.fold(self.name)
        self.sort_key = names.sort_text(self.name)

    def decision_facts(self) -> list[DecisionFacts]:
        return [d.facts() for d in self.decisions.all()]

    def status_on(self, day):
        return status_on(self.decision_facts(), day)

    def stars_on(self, day):
        return stars_on(self.decision_facts(), day)


class Decision(models.Model):
    """One recognition decision for one product: the row of the department's list."""

    class Stars(models.IntegerChoices):
        THREE = 3, "3 sao"
        FOUR = 4, "4 sao"
        FIVE = 5, "5 sao"

    product = models.ForeignKey(
        Product, verbose_name="sản phẩm", on_delete=models.CASCADE, related_name="decisions"
    )
    stars = models.PositiveSmallIntegerField("hạng sao", choices=Stars)
    score = models.DecimalField("điểm", max_digits=5, decimal_places=2, null=True, blank=True)
    number = models.CharField("số quyết định", max_length=100)
    decided_on = models.DateField("ngày quyết định")
    issuer = models.CharField("cơ quan ban hành (như ghi)", max_length=200, blank=True)
    issuer_presumed = models.BooleanField(
        "cơ quan ban hành được suy ra",
        default=False,
        help_text="Danh sách gốc không ghi; suy ra theo hạng sao và ngày quyết định.",
    )
    criteria_version = models.CharField("bộ tiêu chí", max_length=100, blank=True)
    last_valid_day = models.DateField("hiệu lực đến hết ngày", editable=False)
    # The date of the product's next decision (by date, then id); None for the latest, so that
    # "the latest decision as of day D" is a plain row filter (one index scan for the summary
    # of 50,000 products). Kept by database triggers: ocop/registry/links.py.
    next_decided_on = models.DateField(null=True, editable=False)
    revoked_on = models.DateField("ngày thu hồi", null=True, blank=True)
    revocation_number = models.CharField("số quyết định thu hồi", max_length=100, blank=True)
    revocation_reason = models.TextField("lý do thu hồi", blank=True)
    source = models.CharField("nguồn (tệp, trang, dòng)", max_length=500, blank=True)
    # Printed on the certificate and under its QR (ocop.domain.public_codes); never changes.
    public_code = models.CharField("mã công khai", max_length=9, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = "quyết định công nhận"
        verbose_name_plural = "quyết định công nhận"
        indexes = [
            # Both cover every column the status filters read, so they are index-only scans.
            models.Index(
                fields=["product", "decided_on", "last_valid_day", "revoked_on", "stars"],
                name="decision_product_date",
            ),
            models.Index(
                fields=[
                    "next_decided_on",
                    "decided_on",
                    "last_valid_day",
                    "revoked_on",
                    "stars",
                    "product",
                ],
                name="decision_latest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "number", "decided_on"], name="decision_unique"
            ),
            models.CheckConstraint(condition=models.Q(stars__in=[3, 4, 5]), name="decision_stars"),
            models.CheckConstraint(
                condition=models.Q(revoked_on__isnull=True)
                | models.Q(revoked_on__gte=models.F("decided_on")),
                name="decision_revoked_after_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ngày {format_date(self.decided_on)}"

    def save(self, *args, **kwargs):
        self.derive()
        if self.public_code:
            super().save(*args, **kwargs)
            return
        from ocop.registry.public_codes import save_with_new_code

        save_with_new_code(self, lambda: super(Decision, self).save(*args, **kwargs))

    def get_absolute_url(self) -> str:
        """The public verification page (the admin's "Xem trên trang web")."""
        return reverse("verify", args=[self.public_code])

    def derive(self) -> None:
        """The last valid day by the law (ocop.registry.derived); it is never typed."""
        from ocop.registry.derived import derive_last_valid_days

        derive_last_valid_days([self])

    def facts(self) -> DecisionFacts:
        return DecisionFacts(
            decided_on=self.decided_on,
            last_valid_day=self.last_valid_day,
            stars=self.stars,
            revoked_on=self.revoked_on,
            order=self.pk or 0,
        )
