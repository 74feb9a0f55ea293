"""The back office's menu: one entry per workspace page, shown to those whose role may use it.
A new page adds its line here; a URL name that does not reverse fails, on every page and in
tests/test_workspace_menu.py."""

from dataclasses import dataclass

from django.urls import reverse

from ocop.domain.roles import Action


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    action: Action


MENU = [
    Entry("Bàn làm việc", "workspace:home", Action.VIEW),
    Entry("Báo cáo", "reports:index", Action.VIEW),
    Entry("Sắp hết hạn", "notices:desk", Action.VIEW),
    Entry("Hồ sơ đánh giá", "dossiers:list", Action.VIEW),
    Entry("Phản ánh", "enforcement:inbox", Action.REVOKE),
    Entry("Kiểm tra nhãn OCOP", "enforcement:inspections", Action.VIEW),
    Entry("Thu hồi", "enforcement:revocations", Action.REVOKE),
    Entry("Nhập danh sách", "imports:index", Action.IMPORT),
    Entry("Chất lượng dữ liệu", "quality:desk", Action.QUALITY),
    Entry("Nhu cầu mua", "inquiries:list", Action.VIEW),
    Entry("Hội chợ", "fairs:list", Action.VIEW),
    Entry("Nhật ký thay đổi", "audit:log", Action.AUDIT_LOG),
    Entry("Người dùng", "accounts:users", Action.USERS),
]


def menu_for(staff, current_path: str) -> list[dict]:
    items = []
    for entry in MENU:
        if staff is None or not staff.can_somewhere(entry.action):
            continue
        url = reverse(entry.url_name)
        current = current_path == url or (url != "/lam-viec/" and current_path.startswith(url))
        items.append({"label": entry.label, "url": url, "current": current})
    return items
