"""The letter's words are the department's: with the default texts the letter for 31/12/2025
reads as its real letter of January 2026 (tests/data/cong-van-2026.md), figures apart; every text
is a template the department edits, checked on save and previewed; another province gets a
neutral letter of its own."""

import json
import re
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from docx import Document

from ocop.registry.models import Province
from ocop.reports.documents import letter_file, lists_file
from ocop.reports.letter import build_letter
from ocop.reports.models import LetterTexts, default_texts
from ocop.reports.placeholders import PLACEHOLDERS
from tests.factories import SAMPLES
from tests.report_data import DAY, small_registry

pytestmark = pytest.mark.django_db

MODEL = (SAMPLES / "cong-van-2026.md").read_text(encoding="utf-8")
EXPECTED = json.loads((SAMPLES / "ocop-mau-2019-2026.expected.json").read_text())["2025-12-31"]
# Remarks of the model on its own layout, in English: "(bold, a short rule under it)".
LABELS = {
    "Header, left": "left",
    "Header, right": "right",
    "Kính gửi": "recipients",
    "Nơi nhận": "distribution",
    "Signature": "signature",
}
REMARK = re.compile(r"\s*\((?:bold|a rule|a short|space for|bottom|centred)[^)]*\)")


def clean(line: str) -> str:
    return REMARK.sub("", line).replace("**", "").strip().strip("*").strip()


def blanks(text: str) -> str:
    """The clerk's blanks alike: "[…]" in the model, a run of spaces in the letter."""
    return re.sub(r"\s*\[…\]\s*| {2,}", " … ", text)


def model_letter() -> dict[str, list[str]]:
    """The model's parts: header columns, recipients, body paragraphs, Nơi nhận, signature."""
    blocks = [block.strip() for block in MODEL.split("\n---\n")[1].split("\n\n") if block.strip()]
    parts: dict[str, list[str]] = {"body": []}
    for block in blocks:
        lines = [clean(line) for line in block.splitlines()]
        label = LABELS.get(lines[0].rstrip(":")) if block.startswith("**") else None
        if label:
            parts[label] = [line for line in lines[1:] if line]
        else:
            parts["body"].append(" ".join(block.split()))
    return parts


def sample_figures(paragraph: str) -> str:
    """A paragraph of the model with the sample list's figures in place of the department's."""
    stars = EXPECTED["valid_by_stars"]
    for real, sample in [
        ("191 sản phẩm, trong đó", f"{EXPECTED['valid_products']} sản phẩm, trong đó"),
        (
            "13 sản phẩm đạt hạng 4 sao, 178 sản phẩm đạt hạng 3 sao",
            f"{stars['4']} sản phẩm đạt hạng 4 sao, {stars['3']} sản phẩm đạt hạng 3 sao",
        ),
        (
            "của 98 chủ thể tại 25 xã",
            f"của {EXPECTED['producers']} chủ thể tại {EXPECTED['communes']} xã",
        ),
        ("): 104 sản phẩm;", f"): {EXPECTED['expired_products']} sản phẩm;"),
    ]:
        paragraph = paragraph.replace(real, sample)
    return paragraph


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def generated_letter(document) -> dict[str, list[str]]:
    header, second_row = document.tables[0].rows
    left, right = (cell_lines(cell) for cell in header.cells)
    number_and_subject, place = (cell_lines(cell) for cell in second_row.cells)
    paragraphs = [p.text for p in document.paragraphs if p.text]
    recipients = [p.removeprefix("Kính gửi:\t") for p in paragraphs[:5]]
    body = paragraphs[5 : paragraphs.index("Phụ lục I")]
    distribution, signature = (cell_lines(cell) for cell in document.tables[1].rows[0].cells)
    return {
        "left": [left[0], " ".join(left[1:]), *number_and_subject],
        "right": [*right, *place],
        "recipients": recipients,
        "body": body,
        "distribution": distribution[1:],
        "signature": signature,
    }


def test_the_sample_lists_letter_reads_as_the_departments_letter(db):
    call_command(
        "import", str(SAMPLES / "ocop-mau-2019-2026.xlsx"), stdout=StringIO(), stderr=StringIO()
    )
    model = model_letter()
    letter = generated_letter(Document(BytesIO(letter_file(DAY, ".docx").content)))
    assert [blanks(line) for line in letter["left"]] == [blanks(line) for line in model["left"]]
    assert [blanks(line) for line in letter["right"]] == [blanks(line) for line in model["right"]]
    assert letter["recipients"] == model["recipients"]
    expected_body = [sample_figures(paragraph) for paragraph in model["body"]]
    assert len(letter["body"]) == len(expected_body)
    for generated, expected in zip(letter["body"], expected_body, strict=True):
        assert generated == expected
    assert letter["distribution"] == model["distribution"]
    assert (
        letter["signature"]
        == model["signature"]
        == [
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Nguyễn Thành Đồng",
        ]
    )


@pytest.fixture
def lai_chau():
    return Province.objects.get(code="12")


def body(letter) -> list[str]:
    return [paragraph.text for paragraph in letter.paragraphs]


def test_revoked_products_get_a_numbered_item_of_their_own(lai_chau):
    small_registry()  # one product revoked on 31/12/2025
    items = [text for text in body(build_letter(DAY, lai_chau)) if re.match(r"\d\. ", text)]
    assert [item[:2] for item in items] == ["1.", "2.", "3.", "4."]
    assert items[0] == (
        "1. Số sản phẩm OCOP còn thời hạn: 5 sản phẩm, trong đó 2 sản phẩm đạt hạng 4 sao, "
        "3 sản phẩm đạt hạng 3 sao, của 3 chủ thể tại 3 xã, phường;"
    )
    assert items[2] == "3. Số sản phẩm OCOP bị thu hồi giấy chứng nhận: 1 sản phẩm;"
    assert items[3].startswith("4. Căn cứ danh sách các sản phẩm OCOP nêu trên")


def test_without_revoked_products_there_is_no_revoked_item(lai_chau):
    paragraphs = body(build_letter(date(2022, 12, 31), lai_chau))
    assert not any("thu hồi giấy chứng nhận:" in text for text in paragraphs)
    assert paragraphs[2].startswith("1. Số sản phẩm OCOP còn thời hạn: 0 sản phẩm, trong đó không")


@pytest.mark.parametrize(
    ("day", "issued_on", "expected"),
    [
        (date(2025, 12, 31), None, "Lai Châu, ngày      tháng 01 năm 2026"),
        (date(2026, 6, 30), None, "Lai Châu, ngày      tháng 7 năm 2026"),
        (date(2026, 1, 31), None, "Lai Châu, ngày      tháng 02 năm 2026"),
        (date(2025, 12, 31), date(2026, 1, 8), "Lai Châu, ngày 08 tháng 01 năm 2026"),
    ],
)
def test_the_letter_is_dated_the_month_after_its_figures(lai_chau, day, issued_on, expected):
    letter = build_letter(day, lai_chau, issued_on)
    assert letter.place_and_date == expected
    assert expected.removeprefix("Lai Châu, ") in letter.appendix_reference


def test_the_command_sets_another_issue_date(tmp_path):
    target = tmp_path / "cong-van.docx"
    args = ["report", "letter", "--as-of", "31/12/2025", "-o", str(target)]
    call_command(*args, "--issued-on", "15/01/2026", stdout=StringIO())
    place = Document(target).tables[0].rows[1].cells[1].paragraphs[0].text
    assert place == "Lai Châu, ngày 15 tháng 01 năm 2026"
    with pytest.raises(CommandError, match="Ngày ban hành 20/12/2025 trước ngày tính số liệu"):
        call_command(*args, "--issued-on", "20/12/2025", stdout=StringIO())


def test_the_lists_name_the_letter_of_the_same_issue_date(db):
    document = Document(BytesIO(lists_file(DAY, ".docx", issued_on=date(2026, 1, 15)).content))
    lines = [p.text for p in document.paragraphs]
    assert any("ngày 15 tháng 01 năm 2026 của Sở Nông nghiệp và Môi trường)" in t for t in lines)


def test_it_refuses_an_unknown_placeholder_on_save(lai_chau):
    texts = LetterTexts(province=lai_chau, **default_texts(lai_chau))
    texts.valid_item = "Còn thời hạn: {so_san_pham} sản phẩm;"
    texts.closing = "Hết {ngay_bao_cao"
    with pytest.raises(ValidationError) as refused:
        texts.full_clean()
    errors = refused.value.message_dict
    assert set(errors) == {"valid_item", "closing"}
    assert errors["valid_item"][0].startswith("Không có chỗ điền {so_san_pham}; các chỗ điền")
    assert "{so_san_pham_con_han}" in errors["valid_item"][0]
    assert "Dấu ngoặc nhọn không khớp" in errors["closing"][0]


def test_the_back_office_refuses_an_unknown_placeholder_and_saves_a_known_one(
    client, department_officer, lai_chau
):
    client.force_login(department_officer)
    form = {**default_texts(lai_chau), "province": lai_chau.pk}
    refused = client.post("/admin/reports/lettertexts/add/", {**form, "subject": "V/v {nam}"})
    assert refused.status_code == 200
    assert "Không có chỗ điền {nam}" in refused.content.decode()
    assert not LetterTexts.objects.exists()
    subject = "danh sách OCOP đến hết ngày {ngay_bao_cao} ({so_san_pham_con_han} sản phẩm)"
    saved = client.post("/admin/reports/lettertexts/add/", {**form, "subject": subject})
    assert saved.status_code == 302
    assert build_letter(DAY, lai_chau).subject == (
        "V/v danh sách OCOP đến hết ngày 31/12/2025 (0 sản phẩm)"
    )


def test_a_new_row_in_the_back_office_starts_from_the_provinces_own_defaults(
    client, department_officer
):
    client.force_login(department_officer)
    ha_noi = Province.objects.get(code="01")
    page = client.get(f"/admin/reports/lettertexts/add/?province={ha_noi.pk}").content.decode()
    assert "UBND thành phố Hà Nội" in page
    assert "3858/KH-UBND" not in page


def test_another_province_gets_a_neutral_letter_of_its_own():
    letter = build_letter(DAY, Province.objects.get(code="01"))
    everything = [
        letter.parent_body,
        letter.issuing_body,
        letter.subject,
        letter.place_and_date,
        *letter.recipients,
        *body(letter),
        *letter.distribution,
        letter.signer_name,
    ]
    assert letter.parent_body == "UBND THÀNH PHỐ HÀ NỘI"
    assert letter.issuing_body == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    assert letter.place_and_date == "Hà Nội, ngày      tháng 01 năm 2026"
    assert letter.subject.endswith("OCOP thành phố Hà Nội đến hết ngày 31/12/2025")
    assert letter.signer_name == ""
    assert not [text for text in everything if "Lai Châu" in text or "3858" in text]


def test_the_preview_shows_the_letter_for_a_chosen_day(client, department_officer):
    client.force_login(department_officer)
    small_registry()
    page = client.get("/bao-cao/xem-truoc/", {"ngay": "31/12/2025"}).content.decode()
    assert "V/v thông tin danh sách sản phẩm OCOP tỉnh Lai Châu đến hết ngày 31/12/2025" in page
    assert "1. Số sản phẩm OCOP còn thời hạn: 5 sản phẩm, trong đó 2 sản phẩm" in page
    assert "Nguyễn Thành Đồng" in page
    issued = client.get("/bao-cao/xem-truoc/", {"ngay": "2025-12-31", "ngay_ban_hanh": "x"})
    assert issued.status_code == 400
    assert "Ngày không hợp lệ" in issued.content.decode()
    assert (
        client.get("/admin/reports/lettertexts/")
        .content.decode()
        .count('href="/bao-cao/xem-truoc/"')
    )


def test_a_visitor_cannot_see_the_preview(visitor):
    assert visitor.get("/bao-cao/xem-truoc/").status_code == 302


def test_the_migration_keeps_what_the_department_changed_and_takes_the_new_words(
    transactional_db,
):
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0001_initial")])
    old = executor.loader.project_state([("reports", "0001_initial")]).apps
    lai_chau = old.get_model("registry", "Province").objects.get(code="12")
    old_defaults = {**_old_defaults(), "symbol": "SNNMT-KHTC {x}"}
    old.get_model("reports", "LetterTexts").objects.create(province=lai_chau, **old_defaults)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    texts = LetterTexts.objects.get()
    new_defaults = default_texts(texts.province)
    assert texts.symbol == "SNNMT-KHTC {{x}}"  # kept, printed as typed
    for name in ["subject", "opening", "valid_item", "requests", "closing", "signer_name"]:
        assert getattr(texts, name) == new_defaults[name], name
    texts.full_clean()


def _old_defaults() -> dict[str, str]:
    from importlib import import_module

    migration = import_module("ocop.reports.migrations.0002_letter_templates")
    return {
        ("basis" if name == "opening" else name): value
        for name, value in migration.OLD_DEFAULTS.items()
    }


def test_the_documentation_lists_every_placeholder_and_the_preview():
    guide = (SAMPLES.parent.parent / "docs" / "reports.md").read_text(encoding="utf-8")
    for name in PLACEHOLDERS:
        assert f"`{{{name}}}`" in guide, name
    assert "/bao-cao/xem-truoc/" in guide
    assert "--issued-on" in guide


def test_the_editor_opens_on_the_provinces_own_texts_preset_with_live_figures(
    client, department_officer
):
    client.force_login(department_officer)
    small_registry()
    lai_chau = Province.objects.get(code="12")
    # The reports page's link opens the province's own texts, not "0 nội dung công văn".
    editor = f"/admin/reports/lettertexts/add/?province={lai_chau.pk}"
    assert f'href="{editor}"' in client.get("/bao-cao/").content.decode()
    page = client.get(editor + "&ngay=31/12/2025")
    form = page.context["adminform"].form
    assert str(form.initial["province"]) == str(lai_chau.pk)
    bare = client.get("/admin/reports/lettertexts/add/").context["adminform"].form
    assert bare.initial["province"] == lai_chau.pk
    # The placeholders' help holds the registry's figures for the day, not sample ones.
    help_text = page.content.decode()
    assert "số liệu của sổ đăng ký tính đến ngày 31/12/2025" in help_text
    assert "<code>{so_san_pham_con_han}</code>: số sản phẩm còn thời hạn: <strong>5</strong>" in (
        help_text
    )
    assert "<code>{so_san_pham_het_han}</code>" in help_text and "(143)" not in help_text
    # Saving what the editor opened on works the first time, and opens it next time.
    fields = {name: value for name, value in form.initial.items() if value is not None}
    saved = client.post(editor, fields)
    assert saved.status_code == 302
    texts = LetterTexts.objects.get()
    assert texts.province == lai_chau
    opened = f'href="/admin/reports/lettertexts/{texts.pk}/change/"'
    assert opened in client.get("/bao-cao/").content.decode()


def test_the_editors_error_banner_speaks_vietnamese(client, department_officer, lai_chau):
    client.force_login(department_officer)
    form = {**default_texts(lai_chau), "province": lai_chau.pk, "subject": "V/v {nam}"}
    page = client.post("/admin/reports/lettertexts/add/", form).content.decode()
    assert "Vui lòng sửa các lỗi được đánh dấu dưới đây." in page
    assert "Please correct" not in page
