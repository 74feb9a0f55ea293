"""The command line's own words in Vietnamese: argparse's messages (usage errors, help
headings), the help of the options Django adds to every command, and operating-system errors
on files. Officers read these; an English "error: argument --x: invalid ..." tells them
nothing."""

import argparse
import errno

# argparse looks its messages up through a module-level gettext at call time; Python ships no
# Vietnamese catalogue, so the translations are given here, keyed by argparse's own msgids.
ARGPARSE = {
    "usage: ": "cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ignored explicit argument %r": "tham số này không nhận giá trị: %r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ: có thể là %(matches)s"
    ),
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "lựa chọn không hợp lệ: %(parser_name)r (chọn một trong %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
ARGPARSE_PLURAL = {"expected %s argument": "cần %s giá trị"}

# The options Django gives every command (BaseCommand.create_parser), by destination.
DJANGO_OPTIONS = {
    "version": "in phiên bản rồi thoát",
    "verbosity": "mức chi tiết: 0 = ít nhất, 1 = bình thường, 2 = chi tiết, 3 = rất chi tiết",
    "settings": "mô-đun cấu hình Python (mặc định: biến DJANGO_SETTINGS_MODULE)",
    "pythonpath": "thư mục thêm vào đường dẫn Python, ví dụ /home/ocop",
    "traceback": "in toàn bộ vết lỗi (traceback) khi có lỗi",
    "no_color": "không tô màu khi in",
    "force_color": "luôn tô màu khi in",
    "skip_checks": "bỏ qua bước kiểm tra hệ thống",
}

OS_ERRORS = {
    errno.ENOENT: "không có thư mục hoặc tệp này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có tệp này",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def _gettext(message: str) -> str:
    return ARGPARSE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ARGPARSE_PLURAL.get(singular, singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Vietnamese in this process (idempotent)."""
    argparse._ = _gettext
    argparse.ngettext = _ngettext


def translate_django_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    for action in parser._actions:
        if action.dest in DJANGO_OPTIONS and action.help != argparse.SUPPRESS:
            action.help = DJANGO_OPTIONS[action.dest]
    return parser


def os_error_reason(exc: OSError) -> str:
    return OS_ERRORS.get(exc.errno, f"lỗi hệ thống số {exc.errno}")
