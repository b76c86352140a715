#!/usr/bin/env bash
# Install Debian's Chromium for the web UI's end-to-end tests (Playwright drives it; no
# browser download). Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "需要 Chromium（apt-get install chromium），请以 root 运行或手动安装" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium > /dev/null
