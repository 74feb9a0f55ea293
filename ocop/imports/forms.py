"""The upload form: which files it takes, with the command line's limits (type by name here,
by content once stored: ocop/imports/jobs.py; size: OCOP_IMPORT_MAX_FILE_MB)."""

from pathlib import Path

from django import forms

from ocop.imports.filetype import UnreadableFile
from ocop.imports.limits import Limits
from ocop.imports.readers import EXTENSIONS

# A year's lists at most: more is a slip (a whole folder selected).
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError("Chọn ít nhất một tệp danh sách.", code="required")
        return [self._one(file, initial) for file in files]

    def _one(self, file, initial):
        try:
            return super().clean(file, initial)
        except forms.ValidationError as error:
            name = getattr(file, "name", "")
            raise forms.ValidationError(
                f"Không nhập được tệp {name}: {error.messages[0]}"
            ) from None


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Tệp danh sách",
        error_messages={"empty": "tệp rỗng (0 byte), lấy lại tệp gốc."},
        help_text=f"Một hoặc nhiều tệp {', '.join(EXTENSIONS)}; mỗi tệp tối đa {{limit}} MB.",
        widget=MultipleFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = Limits.from_settings()
        field = self.fields["files"]
        field.help_text = field.help_text.format(limit=self.limits.file_bytes // (1024 * 1024))

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Mỗi lần nhập tối đa {MAX_FILES} tệp.")
        errors = [message for file in files if (message := self._refusal(file))]
        if errors:
            raise forms.ValidationError(errors)
        return files

    def _refusal(self, file) -> str:
        suffix = Path(file.name).suffix.lower()
        if suffix not in EXTENSIONS:
            return (
                f"Không nhập được tệp {file.name}: chỉ nhận {', '.join(EXTENSIONS)} "
                f"(tệp này có đuôi '{suffix or '(không có)'}')."
            )
        try:
            self.limits.check_bytes(file.size)
        except UnreadableFile as error:
            return f"Không nhập được tệp {file.name}: {error}."
        return ""
