"""`ocop worker`: the one process that runs what pages and commands queue (docs/tasks.md).
django-tasks-db's `db_worker`, with the default a service wants: no reloading on code changes
(db_worker reloads when DEBUG is on, which is the development default)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

# db_worker's options, said in Vietnamese as every `ocop` command's are.
HELP = {
    "queue_name": "các hàng đợi cần chạy, cách nhau bởi dấu phẩy; '*' là tất cả "
    "(mặc định: %(default)r)",
    "exclude_queues": "các hàng đợi bỏ qua (chỉ dùng với --queue-name='*')",
    "interval": "số giây chờ trước khi xem lại khi hàng đợi trống (mặc định: %(default)r)",
    "batch": "làm hết các việc đã đến hạn rồi dừng; dùng được cùng --max-tasks",
    "reload": "tự khởi động lại khi mã thay đổi (khi phát triển; mặc định: không)",
    "backend_name": "hàng đợi trong TASKS (mặc định: %(default)r)",
    "startup_delay": "không chờ ngẫu nhiên tới 1 giây lúc khởi động",
    "max_tasks": "dừng sau khi chạy chừng này việc",
    "worker_id": "tên của tiến trình, phải khác nhau giữa các tiến trình (mặc định: tự sinh)",
}


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
        for action in parser._actions:
            action.help = HELP.get(action.dest, action.help)
