# Shared set-up steps for scripts/test and scripts/localnet. Source it; every step is idempotent.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '== %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the build and the tests use.
ensure_system_packages() {
    local need=()
    dpkg -s libsodium-dev >/dev/null 2>&1 || need+=(libsodium-dev)
    command -v hashcat >/dev/null 2>&1 || need+=(hashcat)
    dpkg -s pocl-opencl-icd >/dev/null 2>&1 || need+=(pocl-opencl-icd)
    command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
    command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
    command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
    command -v sshpass >/dev/null 2>&1 || need+=(sshpass)
    # The renter dashboard's browser test (headless Chromium).
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
    python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
    if [ ${#need[@]} -gt 0 ]; then
        log "installing ${need[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

# A running Docker Engine (started here when none answers).
ensure_dockerd() {
    if docker info >/dev/null 2>&1; then return 0; fi
    log "starting dockerd"
    as_root mkdir -p /var/log
    (as_root setsid dockerd >/var/log/dockerd.log 2>&1 &) || true
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return 0
        sleep 1
    done
    log "dockerd did not start; see /var/log/dockerd.log"
    tail -20 /var/log/dockerd.log >&2 || true
    return 1
}

# The Python reference peers (interop/, bittensor 10.5.0) in their own venv, a per-machine cache
# ($INTEROP_VENV, else ~/.cache/sn27-interop-venv); exports INTEROP_PYTHON for the tests.
ensure_interop() {
    local py
    py=$(bash "$REPO_ROOT/interop/setup.sh" | tail -n 1)
    export INTEROP_PYTHON="$py"
    log "interop python: $INTEROP_PYTHON"
}
