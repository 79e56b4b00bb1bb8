#!/usr/bin/env bash
# Idle cost of Hangfire's job storage: Bot.Host (all roles, no messenger) on a fresh SQLite journal, once with
# the jobs in their SQLite file (the embedded default) and once in memory (Jobs:InMemory), interleaved. After a warm-up,
# the process's CPU time (utime+stime from /proc) over a window and its resident memory are recorded.
# Usage: bash bench/jobs-idle/run.sh [rounds=2] [warmup_s=30] [window_s=60]   (build Release first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds=${1:-2} warmup=${2:-30} window=${3:-60}
dll=Bot.Host/bin/Release/net10.0/Bot.Host.dll
[[ -f $dll ]] || { echo "build first: dotnet build Bot.slnx -c Release" >&2; exit 1; }
tick=$(getconf CLK_TCK)
run() { # run LABEL INMEMORY
    local dir; dir=$(mktemp -d)
    local port=$((20000 + RANDOM % 20000))
    ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    ConnectionStrings__Journal="Data Source=$dir/journal.db" Jobs__InMemory=$2 Logging__LogLevel__Default=Warning \
        dotnet "$dll" >"$dir/out.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
    sleep "$warmup"
    local a b rss
    a=$(awk '{print $14+$15}' /proc/$pid/stat)
    sleep "$window"
    b=$(awk '{print $14+$15}' /proc/$pid/stat)
    rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
    kill $pid; wait $pid 2>/dev/null || true
    local jobsfile="-"; [[ -f $dir/jobs.db ]] && jobsfile=$(du -k "$dir/jobs.db" | cut -f1)
    awk -v l="$1" -v c=$((b - a)) -v t="$tick" -v w="$window" -v r="$rss" -v j="$jobsfile" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN{printf "%-9s cpu %.2f%% of a core over %ds, rss %.0f MB, jobs file %s KB, load %s\n", l, 100*c/t/w, w, r/1024, j, load}'
    rm -rf "$dir"
}
echo "rounds=$rounds warmup=${warmup}s window=${window}s on $(nproc) cores"
for i in $(seq 1 "$rounds"); do
    run sqlite false
    run memory true
done
