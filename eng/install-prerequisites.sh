#!/usr/bin/env bash
# Installs what the topology and the tests need on Debian/Ubuntu, and nothing when it is already there.
#   eng/install-prerequisites.sh            servers the AppHost runs: PostgreSQL, RabbitMQ, Redis
#   eng/install-prerequisites.sh --tests    also the interop peers (python grpcio, @grpc/grpc-js) and h2load
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
with_tests=false
[[ "${1:-}" == "--tests" ]] && with_tests=true

packages=(postgresql redis-server rabbitmq-server)
if $with_tests; then
  packages+=(python3-grpcio python3-protobuf nghttp2-client nodejs npm chromium fonts-dejavu-core)
fi

missing=()
for p in "${packages[@]}"; do
  # node/npm may come from elsewhere than Debian: only ask apt for what has no command either.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "error: installing ${missing[*]} needs root (or sudo)." >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}"
  # Keep the packages' own system services from starting: the AppHost runs private instances.
  created_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    created_policy=true
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
  $created_policy && $sudo rm -f /usr/sbin/policy-rc.d
fi

if $with_tests && [[ -f "$root/tests/interop/node/package-lock.json" ]]; then
  node_dir="$root/tests/interop/node"
  # npm writes node_modules/.package-lock.json on install: reinstall when the lock file is newer than it.
  if [[ ! -f "$node_dir/node_modules/.package-lock.json" || "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]]; then
    echo "Installing the node interop peers (npm ci)"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
