#!/bin/sh
# `make demo`'s last step: the task worker (e-mails, browser imports, the national export) in
# the background beside the development server, stopped when the server stops (Ctrl+C too: a
# background job of a script ignores SIGINT, so the trap stops it).
set -eu
BIN="${1:-.venv/bin}"
ADDRESS="${2:-127.0.0.1:8000}"
"$BIN/ocop" worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$BIN/ocop" runserver "$ADDRESS"
