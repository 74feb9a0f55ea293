"""`ocop doctor`: everything that can quietly go wrong over the years, checked in one run and
said with what to do (docs/backup.md#ocop-doctor). Each check returns its findings, one
Vietnamese sentence each; none writes anything. The workspace holds it because it looks into
every app's tables (the files the catalog, dossiers and enforcement keep; the audit log's
triggers and hash chain)."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.files.storage import default_storage
from django.db import connection, models

from ocop.audit import chain as audit_chain
from ocop.audit import triggers as audit_triggers
from ocop.catalog.models import ProductPhoto
from ocop.catalog.photos import stored_names
from ocop.database_state import find_problem
from ocop.registry.derived import stale
from ocop.shared import freshness
from ocop.shared.backup import last_backup_age_hours, record_path

# A long list of missing files is said as its first few and a count.
SHOWN = 5


def settings_findings() -> list[str]:
    """What `ocop check --deploy` reports, errors and warnings alike."""
    found = checks.run_checks(include_deployment_checks=True)
    serious = [m for m in found if m.is_serious(checks.WARNING) and not m.is_silenced()]
    return [f"Cấu hình ({m.id}): {m.msg}" + (f" {m.hint}" if m.hint else "") for m in serious]


def derived_findings() -> list[str]:
    found = stale()
    if not (found.last_valid_days or found.links):
        return []
    return [
        f"Giá trị suy ra sai: ngày hết hiệu lực của {found.last_valid_days} quyết định, liên "
        f"kết tới quyết định kế tiếp của {found.links} quyết định. Chạy `ocop "
        "recompute_validity` để tính lại."
    ]


def trigger_findings() -> list[str]:
    found = []
    missing = freshness.missing_triggers(connection)
    if missing:
        found.append(
            f"Thiếu {len(missing)} trigger ghi nhận thay đổi của sổ (như {missing[0]}): các "
            "trang công khai có thể hiển thị số liệu cũ. Chạy `ocop migrate` để cài lại."
        )
    if not audit_triggers.in_place(connection):
        found.append(
            "Thiếu trigger giữ nhật ký thay đổi chỉ-ghi-thêm: nhật ký có thể bị sửa hay xóa. "
            "Chạy `ocop migrate` để cài lại."
        )
    return found


def chain_findings() -> list[str]:
    verdict = audit_chain.verify()
    if not verdict.ok:
        return [
            f"Nhật ký thay đổi bị can thiệp: {verdict.problem} Khôi phục nhật ký từ bản sao lưu "
            "gần nhất còn nguyên vẹn và tìm hiểu ai có quyền ghi thẳng vào cơ sở dữ liệu "
            "(docs/audit.md#the-hash-chain)."
        ]
    if verdict.unchained:
        return [
            f"{verdict.unchained} mục nhật ký chưa vào chuỗi mã băm. Chạy `ocop audit_chain "
            "--seal`."
        ]
    return []


def missing_files() -> list[str]:
    """Names of stored files some row refers to and the media folder lacks."""
    missing = []
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in fields:
            names = model._base_manager.exclude(**{field.name: ""}).values_list(field.name)
            missing += [name for (name,) in names.iterator() if not default_storage.exists(name)]
    # The narrower copies of product photos are files of their own (ocop.catalog.photos).
    for image, copies in ProductPhoto.objects.values_list("image", "copies").iterator():
        missing += [n for n in stored_names(image, copies)[1:] if not default_storage.exists(n)]
    return missing


def file_findings() -> list[str]:
    missing = missing_files()
    if not missing:
        return []
    shown = ", ".join(missing[:SHOWN])
    if len(missing) > SHOWN:
        shown += f" và {len(missing) - SHOWN} tệp khác"
    return [
        f"Thiếu {len(missing)} tệp mà dữ liệu còn trỏ tới trong {settings.MEDIA_ROOT}: {shown}. "
        "Khôi phục chúng từ bản sao lưu gần nhất (xem docs/backup.md)."
    ]


def backup_findings() -> list[str]:
    age = last_backup_age_hours()
    if age is None:
        return [
            f"Chưa có bản sao lưu nào được ghi nhận ({record_path()}). Chạy `ocop backup TỆP` "
            "và đặt lịch chạy hằng đêm (docs/backup.md)."
        ]
    if age > settings.OCOP_BACKUP_MAX_AGE_HOURS:
        return [
            f"Bản sao lưu gần nhất đã {age:.0f} giờ (quá {settings.OCOP_BACKUP_MAX_AGE_HOURS} "
            "giờ): kiểm tra lịch sao lưu hằng đêm (docs/backup.md)."
        ]
    return []


# The database's own checks need a reachable, migrated database: they run after that one.
DATABASE_CHECKS = (derived_findings, trigger_findings, chain_findings, file_findings)


def diagnose() -> list[str]:
    """Every finding, in Vietnamese; [] when nothing needs fixing."""
    found = settings_findings()
    problem = find_problem()
    if problem is not None:
        found.append(problem.message())
    else:
        for check in DATABASE_CHECKS:
            found += check()
    return found + backup_findings()
