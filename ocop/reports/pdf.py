"""PDF from the Word file itself, through LibreOffice (Debian package libreoffice-writer-nogui,
installed by `make install`), so the PDF is exactly the letter the clerk would print; the
letter's and the lists' PDF alike (the lists' Word file, each appendix numbered from 1)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT_SECONDS = 120


class PdfError(Exception):
    """LibreOffice is missing or failed; the message says what to do, in Vietnamese."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfError(
            "Không tìm thấy LibreOffice (lệnh soffice) để chuyển công văn sang PDF. "
            f"Cài gói {PACKAGE}: chạy `make install`, hoặc "
            f"`sudo apt-get install --no-install-recommends {PACKAGE}`."
        )
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    return to_pdf(docx, ".docx")


def to_pdf(content: bytes, suffix: str) -> bytes:
    """A Word (".docx") or, where LibreOffice Calc is installed, an Excel (".xlsx") file
    printed to PDF as LibreOffice prints it."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="ocop-pdf-") as folder:
        folder = Path(folder)
        source = folder / f"van-ban{suffix}"
        source.write_bytes(content)
        # A profile of its own: no write into the home folder, and two conversions at the same
        # time do not fight over one profile's lock.
        profile = (folder / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        _run(command, folder)
        target = folder / "van-ban.pdf"
        if not target.exists():
            raise PdfError("LibreOffice không tạo được tệp PDF (không có lỗi cụ thể).")
        return target.read_bytes()


def _run(command: list[str], folder: Path) -> None:
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=folder
        )
    except subprocess.TimeoutExpired:
        raise PdfError(
            f"LibreOffice không chuyển xong sang PDF sau {TIMEOUT_SECONDS} giây."
        ) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PdfError(f"LibreOffice báo lỗi khi chuyển sang PDF: {detail}")
