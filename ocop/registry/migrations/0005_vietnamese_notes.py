# The merger table's notes in Vietnamese (they were loaded in English by 0002).
from django.db import migrations

NOTES = {
    "cross-checked; old district of some units uncertain (Nùng Nàng, Bản Giang listed under Tam Đường; Lản Nhì Thàng under Phong Thổ in pre-2025 lists; NQ 1255/NQ-UBTVQH15 (2024) may have moved them)": "đã đối chiếu; chưa chắc huyện cũ của một số đơn vị (Nùng Nàng, Bản Giang ghi thuộc Tam Đường, Lản Nhì Thàng thuộc Phong Thổ trong các danh sách trước năm 2025; Nghị quyết 1255/NQ-UBTVQH15 (2024) có thể đã điều chỉnh)",
    "old district of some units uncertain (Nùng Nàng, Bản Giang listed under Tam Đường; Lản Nhì Thàng under Phong Thổ in pre-2025 lists; NQ 1255/NQ-UBTVQH15 (2024) may have moved them)": "chưa chắc huyện cũ của một số đơn vị (Nùng Nàng, Bản Giang ghi thuộc Tam Đường, Lản Nhì Thàng thuộc Phong Thổ trong các danh sách trước năm 2025; Nghị quyết 1255/NQ-UBTVQH15 (2024) có thể đã điều chỉnh)",
    "cross-checked; not rearranged (kept as is)": "đã đối chiếu; không sắp xếp (giữ nguyên)",
    "cross-checked": "đã đối chiếu",
}


def translate(apps, schema_editor):
    OldUnit = apps.get_model("registry", "OldUnit")
    for english, vietnamese in NOTES.items():
        OldUnit.objects.filter(note=english).update(note=vietnamese)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search_keys")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
