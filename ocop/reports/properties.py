"""What a file says about itself (File > Properties): who issued it, what it is, when it was
made; the same for every Word and Excel file the department sends, instead of the libraries'
defaults ("python-docx", 2013, "openpyxl") and the leftovers of python-docx's template (its
"Microsoft Macintosh Word" application, its thumbnail picture)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from django.utils import timezone

APPLICATION = "Sổ đăng ký OCOP"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>{}</Application></Properties>'
)


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
        core.comments = core.keywords = core.subject = core.category = ""
        core.language = "vi-VN"
        _clean_template_leftovers(document.part.package)

    def stamp_xlsx(self, workbook) -> None:
        properties = workbook.properties
        properties.creator = properties.lastModifiedBy = self.author
        properties.title = self.title
        properties.created = properties.modified = _naive_utc(self.created)
        properties.language = "vi-VN"


def _clean_template_leftovers(package) -> None:
    """python-docx's template says it was made by "Microsoft Macintosh Word" and carries its
    picture of an empty page: say what made the file, drop the picture."""
    for key, relation in list(package.rels.items()):
        if relation.reltype == THUMBNAIL:
            package.rels.pop(key)
        elif relation.reltype == EXTENDED:
            relation.target_part._blob = APP_XML.format(escape(APPLICATION)).encode()


def _naive_utc(moment: datetime) -> datetime:
    # Both libraries write the W3CDTF "Z" form and expect UTC without a time zone.
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment, UTC)
    return moment.replace(microsecond=0)
