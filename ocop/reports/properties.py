"""What a file says about itself (File > Properties): who issued it, what it is, when it was
made; the same for every Word and Excel file the department sends, instead of the libraries'
defaults ("python-docx", 2013, "openpyxl")."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone


@dataclass(frozen=True)
class DocumentProperties:
    author: str  # the issuing body
    title: str  # the subject
    created: datetime = field(default_factory=timezone.now)

    def stamp_docx(self, document) -> None:
        core = document.core_properties
        core.author = core.last_modified_by = self.author
        core.title = self.title
        core.created = core.modified = _naive_utc(self.created)
        core.revision = 1
        core.comments = ""
        core.language = "vi-VN"

    def stamp_xlsx(self, workbook) -> None:
        properties = workbook.properties
        properties.creator = properties.lastModifiedBy = self.author
        properties.title = self.title
        properties.created = properties.modified = _naive_utc(self.created)
        properties.language = "vi-VN"


def _naive_utc(moment: datetime) -> datetime:
    # Both libraries write the W3CDTF "Z" form and expect UTC without a time zone.
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment, UTC)
    return moment.replace(microsecond=0)
