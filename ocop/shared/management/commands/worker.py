"""`ocop worker`: the one process that runs what pages and commands queue (docs/tasks.md).
django-tasks-db's `db_worker`, with the default a service wants: no reloading on code changes
(db_worker reloads when DEBUG is on, which is the development default)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = (
        "Chạy các việc nền đã xếp hàng: gửi thư (kèm gửi lại khi máy chủ thư từ chối), kiểm "
        "tra và ghi các lần nhập từ trình duyệt, dựng tệp Excel toàn bộ sổ đăng ký. Chạy liên "
        "tục bên cạnh máy chủ web (một dịch vụ systemd: docs/tasks.md); --batch: làm hết việc "
        "đang chờ rồi dừng. Cần OCOP_TASKS=database (mặc định)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)
