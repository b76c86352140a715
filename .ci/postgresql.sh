#!/usr/bin/env bash
# Install the PostgreSQL server the store tests start (a throwaway cluster per test run).
# Idempotent: does nothing when a server binary is already installed.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "需要 PostgreSQL 服务器（apt-get install postgresql），请以 root 运行或手动安装" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql > /dev/null
