"""The PDF is the Word letter converted by LibreOffice: read back with poppler's pdftotext, its
first page rendered to test-artifacts/ for a person to look at."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.reports import pdf
from ocop.reports.documents import letter_file, lists_file
from tests.report_data import DAY, SENTENCE, small_registry

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = pytest.mark.django_db


def poppler(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def page_sizes(path) -> list[str]:
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(path))
    return re.findall(r"Page +\d+ size: +(\d+)\.?\d* x (\d+)", info)


@pytest.fixture
def letter_pdf(tmp_path):
    small_registry()
    path = tmp_path / "cong-van.pdf"
    path.write_bytes(letter_file(DAY, ".pdf").content)
    return path


def test_the_pdf_says_what_the_letter_says(letter_pdf):
    text = " ".join(poppler("pdftotext", str(letter_pdf), "-").split())
    for words in [
        "UBND TỈNH LAI CHÂU",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /SNNMT-PTNT&QLCL",
        SENTENCE,
        "Phụ lục I",
        "Đông trùng hạ thảo",
        "Phụ lục II",
        "Nơi nhận:",
    ]:
        assert words in text, words


def test_the_letter_is_portrait_a4_and_its_appendices_landscape(letter_pdf):
    sizes = page_sizes(letter_pdf)
    assert sizes[0] == ("595", "841")  # A4 in points
    assert sizes[-1] == ("841", "595")


def test_the_text_is_set_in_times_new_roman_or_its_metric_twin(letter_pdf):
    fonts = poppler("pdffonts", str(letter_pdf))
    assert re.search(r"(TimesNewRoman|LiberationSerif)", fonts)
    assert "DejaVu" not in fonts  # a fallback font would mean a missing glyph


def test_it_renders_the_first_page_for_a_person_to_look_at(letter_pdf):
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "letter-page1"
    first_page = ["-f", "1", "-l", "1", "-singlefile"]
    poppler("pdftoppm", "-png", "-r", "80", *first_page, str(letter_pdf), str(target))
    image = target.with_suffix(".png")
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_lists_come_as_pdf_too(tmp_path):
    small_registry()
    path = tmp_path / "danh-sach.pdf"
    path.write_bytes(lists_file(DAY, ".pdf").content)
    assert set(page_sizes(path)) == {("841", "595")}
    assert "Mật ong bạc hà" in poppler("pdftotext", str(path), "-")


def test_it_names_the_package_to_install_when_libreoffice_is_missing(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfError, match="libreoffice-writer-nogui"):
        pdf.docx_to_pdf(b"")


def test_the_command_says_so_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    target = tmp_path / "cong-van.pdf"
    with pytest.raises(CommandError, match="Không tìm thấy LibreOffice") as error:
        call_command("report", "letter", "--as-of", "2025-12-31", "-o", str(target))
    assert error.value.returncode == 1
    assert not target.exists()


def test_it_gives_up_after_the_timeout(monkeypatch):
    def too_slow(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])

    monkeypatch.setattr(pdf.subprocess, "run", too_slow)
    with pytest.raises(pdf.PdfError, match="sau 120 giây"):
        pdf.docx_to_pdf(b"")


def test_it_reports_what_libreoffice_said_when_it_fails(monkeypatch):
    said = "Error: source file could not be loaded"
    failed = subprocess.CompletedProcess([], 1, stdout="", stderr=said)
    monkeypatch.setattr(pdf.subprocess, "run", lambda command, **kwargs: failed)
    with pytest.raises(pdf.PdfError, match="source file could not be loaded"):
        pdf.docx_to_pdf(b"")
