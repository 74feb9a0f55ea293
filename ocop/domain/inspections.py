"""What an inspection of the OCOP mark in use can find (OCOP.md §7: the mark may be printed
only on the very product and packaging recognised, at its stars, while recognised)."""

import enum


class FindingKind(enum.StrEnum):
    AFTER_EXPIRY = "after_expiry"
    WRONG_STARS = "wrong_stars"
    UNRECOGNISED = "unrecognised"
    OTHER_PACKAGING = "other_packaging"
    ALTERED_LOGO = "altered_logo"
    MISLEADING = "misleading"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    FindingKind.AFTER_EXPIRY: "Dùng nhãn OCOP sau khi hết hiệu lực hoặc bị thu hồi",
    FindingKind.WRONG_STARS: "Ghi hạng sao cao hơn được công nhận",
    FindingKind.UNRECOGNISED: "Sản phẩm chưa được công nhận OCOP",
    FindingKind.OTHER_PACKAGING: "Dùng nhãn cho sản phẩm hoặc bao bì khác",
    FindingKind.ALTERED_LOGO: "Biểu trưng OCOP bị sửa đổi",
    FindingKind.MISLEADING: "Thông tin gây hiểu nhầm",
    FindingKind.OTHER: "Vi phạm khác",
}

# Short column heads for the yearly table and its CSV.
SHORT_LABELS = {
    FindingKind.AFTER_EXPIRY: "Sau khi hết hiệu lực/thu hồi",
    FindingKind.WRONG_STARS: "Sai hạng sao",
    FindingKind.UNRECOGNISED: "Chưa được công nhận",
    FindingKind.OTHER_PACKAGING: "Sản phẩm/bao bì khác",
    FindingKind.ALTERED_LOGO: "Biểu trưng bị sửa",
    FindingKind.MISLEADING: "Gây hiểu nhầm",
    FindingKind.OTHER: "Khác",
}
