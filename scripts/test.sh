#!/usr/bin/env bash
# The test command of this repository: bash scripts/test.sh [extra dotnet test args]
# Works on a fresh Debian 12 machine that has only the .NET SDK.
# The last line printed is "N passed, N failed[, N skipped]"; the exit code is dotnet test's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- 1. Debian packages the tests use (PostgreSQL server, browser, PDF reader, fonts) ---
packages=(postgresql chromium chromium-driver poppler-utils zbar-tools fonts-dejavu-core)

missing=()
for p in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    if [[ $EUID -eq 0 ]]; then
        as_root=(env)
    elif command -v sudo >/dev/null; then
        as_root=(sudo env)
    else
        echo "error: missing Debian packages (${missing[*]}); run as root or install sudo" >&2
        exit 1
    fi
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# --- 2. Local dotnet tools (dotnet-ef) from dotnet-tools.json ---
dotnet tool restore >/dev/null

# --- 3. Run the tests; the PostgreSQL fixture starts its own throwaway server ---
rm -rf TestResults
status=0
started=$SECONDS
dotnet test Bot.slnx -c Release --logger "trx;LogFileName=results.trx" \
    --results-directory TestResults "$@" || status=$?

# --- 4. Sum the <Counters .../> of every TRX file into one countable line ---
passed=0 failed=0 skipped=0 files=0
counter() { # counter NAME "<Counters ... />" -> value of attribute NAME (0 if absent)
    local v
    v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
    echo "${v:-0}"
}
while IFS= read -r -d '' trx; do
    c=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    [[ -n "$c" ]] || continue
    files=$((files + 1))
    passed=$((passed + $(counter passed "$c")))
    # errors, timeouts and aborts are failures too
    failed=$((failed + $(counter failed "$c") + $(counter error "$c") + $(counter timeout "$c") + $(counter aborted "$c")))
    skipped=$((skipped + $(counter notExecuted "$c")))
done < <(find TestResults -name '*.trx' -print0 2>/dev/null)

if ((files == 0)); then
    echo "error: no TRX results were produced (build or test host failure?)" >&2
    ((status != 0)) || status=1
fi

# The wall time of the build and the tests, with the machine's load (a loaded 2-core machine runs the suite much slower).
echo "Wall time: $((SECONDS - started)) s (build and tests); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
