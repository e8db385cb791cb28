#!/usr/bin/env bash
# Starts a real Celery 5.2 worker on Bench's tasks, as Bench does, in the foreground:
#   BENCH_CELERY_BROKER=amqp://... scripts/peers/celery/worker.sh [--pool solo|prefork] [-c N] [--prefetch-multiplier N]
# Extra settings come from the environment (see tasks.py). Debian's interpreter: /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")"
# Celery's defaults (no --without-heartbeat etc.): without its timers a solo worker stalls on a deep queue.
exec /usr/bin/python3 -m celery -A tasks worker --loglevel=WARNING "$@"
