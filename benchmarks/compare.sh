#!/usr/bin/env bash
# Cicada against Mosquitto on this machine: the targets of issue 8, measured with `cicada bench`, the brokers taking
# turns (Cicada, Mosquitto, Cicada, Mosquitto, ...), each started fresh for every run on a free 127.0.0.1 port and
# stopped by its PID. Writes docs/benchmarks.md (medians, ratio Cicada/Mosquitto, met or not, the machine, the command).
#
#   benchmarks/compare.sh [--rounds N] [--duration SECONDS] [--connections N] [--quick] [--out FILE] [--no-build]
#
#   --rounds N        rounds of every scenario, each round running both brokers (default 3)
#   --duration S      seconds of publishing per throughput and latency run (default 6)
#   --connections N   idle connections to hold (default 19000: see the note in the output on the open-file limit)
#   --large-bytes N   size of the large message (default 268400000, just under MQTT's 256 MiB packet limit)
#   --quick           --rounds 1 --duration 4 --connections 5000: a smoke run of a few minutes
#   --out FILE        where to write the report (default docs/benchmarks.md)
#   --no-build        use the launcher as built (otherwise ./cicada rebuilds what changed, offline first)
#   --keep            keep the working directory (logs, JSON summaries, results.tsv) and print where it is
#
# Needs: bash, Java 17, Maven (for the build), Debian's mosquitto (installed with apt-get when missing), ss, jcmd,
# jstat, sha256sum, awk. Time: --quick took 6.5 minutes on this 2-core machine while it was busy (2.6 throughput and
# latency, 1.8 idle connections, 1.7 the large message); a full run (3 rounds of 6 s) about 15 minutes when the machine
# is idle, up to 20 when it is not. Every load loop is bounded in count and time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
DURATION=6
CONNECTIONS=19000
LARGE_BYTES=268400000
OUT="$ROOT/docs/benchmarks.md"
BUILD=1
QUICK=0
KEEP=0
COMMAND="benchmarks/compare.sh $*"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --large-bytes) LARGE_BYTES="$2"; shift 2 ;;
        --quick) QUICK=1; ROUNDS=1; DURATION=4; CONNECTIONS=5000; shift ;;
        --out) OUT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ && "$DURATION" =~ ^[1-9][0-9]*$ && "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || {
    echo "compare.sh: --rounds, --duration and --connections take a positive number" >&2
    exit 2
}

WORK="$(mktemp -d /tmp/cicada-compare.XXXXXX)"
RESULTS="$WORK/results.tsv" # scenario, broker, round, metric, value
: > "$RESULTS"
BROKER_PID=""
BROKER_PORT=""
# Both brokers and the bench get the same JVM heap settings in every run (Mosquitto has no heap).
CICADA_JAVA_OPTS="-Xms64m -Xmx2g"
BENCH_JAVA_OPTS="-Xmx2g"
CLIENT_JAVA_OPTS="-Xmx1600m"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_broker() {
    if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2> /dev/null; then
        kill "$BROKER_PID" 2> /dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$BROKER_PID" 2> /dev/null || break
            sleep 0.1
        done
        kill -9 "$BROKER_PID" 2> /dev/null || true
        wait "$BROKER_PID" 2> /dev/null || true
    fi
    BROKER_PID=""
}

cleanup() {
    stop_broker
    if [[ "$KEEP" -eq 1 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Set-up -----------------------------------------------------------------------------------------------------

MOSQUITTO="$(command -v mosquitto || true)"
[[ -z "$MOSQUITTO" && -x /usr/sbin/mosquitto ]] && MOSQUITTO=/usr/sbin/mosquitto
if [[ -z "$MOSQUITTO" ]]; then
    log "installing mosquitto from Debian"
    SUDO=""
    [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get install -y mosquitto > "$WORK/apt.log" 2>&1 || {
        $SUDO apt-get update > /dev/null 2>&1 && $SUDO apt-get install -y mosquitto > "$WORK/apt.log" 2>&1
    } || { echo "compare.sh: could not install mosquitto (see apt-get)" >&2; exit 1; }
    MOSQUITTO=/usr/sbin/mosquitto
fi
# The Debian package starts a system Mosquitto on 1883; it does not matter here (every run uses its own port).

if [[ "$BUILD" -eq 1 ]]; then
    log "building Cicada (offline first)"
    if ! CICADA_MAVEN_FLAGS="-o" "$ROOT/cicada" --version > /dev/null 2> "$WORK/build.log"; then
        log "offline build failed; building online"
        "$ROOT/cicada" --version > /dev/null 2> "$WORK/build.log" || {
            cat "$WORK/build.log" >&2
            exit 1
        }
    fi
fi
# A snapshot of the built launcher, so that nothing rebuilt during the run changes what is measured.
mkdir -p "$WORK/lib"
cp "$ROOT"/cicada-dist/target/lib/*.jar "$WORK/lib/"
JAVA="java"
[[ -n "${JAVA_HOME:-}" ]] && JAVA="$JAVA_HOME/bin/java"

# cicada SECONDS "JVM-FLAGS" ARGS...: the launcher's command line (./cicada) on the snapshot, its JVM flags followed by
# JVM-FLAGS as ./cicada appends JAVA_OPTS, killed after SECONDS (0: no limit). Replaces the calling (sub)shell.
cicada() {
    local seconds="$1" flags="$2"
    shift 2
    local limit=()
    [[ "$seconds" -gt 0 ]] && limit=(timeout "$seconds")
    # shellcheck disable=SC2086 # flags is a list of JVM flags
    exec "${limit[@]}" "$JAVA" -XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:+ExitOnOutOfMemoryError $flags \
        -cp "$WORK/lib/*" io.cicada.dist.CicadaLauncher "$@"
}

free_port() {
    # Below the ephemeral range (32768+), so the bench's 19 k client sockets can never take it.
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 12000))
        if ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return
        fi
    done
    echo "compare.sh: no free port found" >&2
    exit 1
}

await_port() {
    local port="$1" what="$2"
    for _ in $(seq 1 300); do
        if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            return 0
        fi
        kill -0 "$BROKER_PID" 2> /dev/null || break
        sleep 0.1
    done
    echo "compare.sh: $what did not listen on port $port within 30 s; its log:" >&2
    cat "$WORK/$what.log" >&2 || true
    exit 1
}

# start_broker cicada|mosquitto: starts a fresh broker on a free port; sets BROKER_PID and BROKER_PORT.
start_broker() {
    local which="$1"
    BROKER_PORT="$(free_port)"
    if [[ "$which" == cicada ]]; then
        # In memory, as Mosquitto runs by default (persistence false); started in WORK so nothing lands in the tree.
        (cd "$WORK" && cicada 0 "$CICADA_JAVA_OPTS" broker --host 127.0.0.1 --port "$BROKER_PORT" \
            --set persistence=memory > "$WORK/cicada.log" 2>&1) &
    else
        # Mosquitto's defaults, anonymous access, no size limit (message_size_limit 0 = the MQTT maximum), and the
        # same per-client bounds as Cicada's defaults (100 in flight, 1,000 queued; Mosquitto's own are 20 and
        # 1,000): both brokers keep their memory bounded the same way when a subscriber falls behind.
        cat > "$WORK/mosquitto.conf" << EOF
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
message_size_limit 0
max_inflight_messages 100
max_queued_messages 1000
EOF
        (exec "$MOSQUITTO" -c "$WORK/mosquitto.conf" > "$WORK/mosquitto.log" 2>&1) &
    fi
    BROKER_PID=$!
    await_port "$BROKER_PORT" "$which"
}

record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$RESULTS"; }

json_number() { grep -o "\"$2\":[0-9.]*" "$1" | head -n 1 | cut -d: -f2; }

json_string() { grep -o "\"$2\":\"[^\"]*\"" "$1" | head -n 1 | cut -d'"' -f4; }

json_latency() { grep -o "\"$2\":{[^}]*}" "$1" | grep -o "\"$3\":[0-9.]*" | head -n 1 | cut -d: -f2; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Heap in use after a full GC, in KB (Cicada only).
heap_kb() {
    jcmd "$1" GC.run > /dev/null 2>&1 || true
    jcmd "$1" GC.heap_info 2> /dev/null | grep -o 'used [0-9]*K' | head -n 1 | grep -o '[0-9]*'
}

# --- Throughput: flat out, delivered msg/s over the publishing window ------------------------------------------

# throughput_run SCENARIO BROKER ROUND BENCH-ARGS...
throughput_run() {
    local scenario="$1" broker="$2" round="$3"
    shift 3
    local json="$WORK/$scenario-$broker-$round.json"
    start_broker "$broker"
    log "$scenario round $round: $broker"
    (cicada $((DURATION + 120)) "$BENCH_JAVA_OPTS" bench pub -h 127.0.0.1 -p "$BROKER_PORT" -d "$DURATION" \
        --drain-timeout 5 --connect-rate 5000 -I "$scenario-" --no-progress --json "$json" "$@" \
        > "$WORK/$scenario-$broker-$round.out" 2>&1) || true
    stop_broker
    if [[ -s "$json" ]]; then
        record "$scenario" "$broker" "$round" delivered "$(json_number "$json" delivered_per_second)"
        record "$scenario" "$broker" "$round" delivery "$(json_string "$json" delivery | tr ' ' '_')"
        record "$scenario" "$broker" "$round" p50 "$(json_latency "$json" end-to-end p50)"
        record "$scenario" "$broker" "$round" p99 "$(json_latency "$json" end-to-end p99)"
    else
        log "$scenario $broker round $round produced no summary: $(tail -n 3 "$WORK/$scenario-$broker-$round.out")"
        record "$scenario" "$broker" "$round" delivered 0
    fi
}

# Round by round, each scenario runs on Cicada and then on Mosquitto: A B A B for every scenario.
for round in $(seq 1 "$ROUNDS"); do
    for broker in cicada mosquitto; do
        throughput_run qos0 "$broker" "$round" -c 50 -S 50 -t 'one/%i' --sub-filter 'one/%i' -q 0 -s 64
    done
    for broker in cicada mosquitto; do
        throughput_run qos1 "$broker" "$round" -c 50 -S 50 -t 'one/%i' --sub-filter 'one/%i' -q 1 -s 64
    done
    for broker in cicada mosquitto; do
        throughput_run fanout "$broker" "$round" -c 1 -S 500 -t 'out/all' -q 0 -s 64
    done
    for broker in cicada mosquitto; do
        throughput_run fanin "$broker" "$round" -c 500 -S 1 -t 'in/%i' --sub-filter 'in/+' -q 0 -s 64
    done
    for broker in cicada mosquitto; do
        throughput_run fanin-share "$broker" "$round" -V 5 -c 500 -S 3 -t 'in/%i' --sub-filter '$share/g/in/+' \
            -q 0 -s 64
    done
done

median() { # median of the values of SCENARIO BROKER METRIC
    awk -F'\t' -v s="$1" -v b="$2" -v m="$3" '$1 == s && $2 == b && $4 == m && $5 != "" { print $5 }' "$RESULTS" |
        sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2];
            else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- Latency at half of Mosquitto's measured maximum -------------------------------------------------------------

MOSQ_MAX="$(median qos0 mosquitto delivered)"
LATENCY_RATE="$(awk -v m="${MOSQ_MAX:-0}" 'BEGIN { r = int(m / 2); if (r < 50) r = 50; print r }')"
for round in $(seq 1 "$ROUNDS"); do
    for broker in cicada mosquitto; do
        throughput_run latency "$broker" "$round" -c 50 -S 50 -t 'lat/%i' --sub-filter 'lat/%i' -q 0 -s 64 \
            -R "$LATENCY_RATE"
    done
done

# --- Idle connections: memory per connection and connect rate ----------------------------------------------------

idle_run() {
    local broker="$1" round="$2"
    local ready="$WORK/ready-$broker-$round" json="$WORK/idle-$broker-$round.json"
    local hold=60 # seconds the bench would hold the connections once all are up; it is stopped once measured
    start_broker "$broker"
    log "idle round $round: $broker, $CONNECTIONS connections"
    sleep 1 # let the broker finish starting up before the baseline
    local rss0 heap0="" rss1 heap1=""
    [[ "$broker" == cicada ]] && heap0="$(heap_kb "$BROKER_PID")"
    rss0="$(rss_kb "$BROKER_PID")"
    rm -f "$ready"
    (cicada $((hold + 150)) "$BENCH_JAVA_OPTS" bench conn -h 127.0.0.1 -p "$BROKER_PORT" -c "$CONNECTIONS" \
        --connect-rate 50000 -k 600 -d "$hold" -I idle- --no-progress --ready-file "$ready" --json "$json" \
        > "$WORK/idle-$broker-$round.out" 2>&1) &
    local bench_pid=$!
    for _ in $(seq 1 1200); do # at most 120 s for the connections to come up
        [[ -s "$ready" ]] && break
        kill -0 "$bench_pid" 2> /dev/null || break
        sleep 0.1
    done
    if [[ -s "$ready" ]]; then
        sleep 2 # the last CONNACKs are out; let the broker settle before measuring
        [[ "$broker" == cicada ]] && heap1="$(heap_kb "$BROKER_PID")"
        rss1="$(rss_kb "$BROKER_PID")"
        local connected rate
        connected="$(awk '$1 == "connected" { print $2 }' "$ready")"
        rate="$(awk '$1 == "per_second" { print $2 }' "$ready")"
        record idle "$broker" "$round" connected "$connected"
        record idle "$broker" "$round" connect_rate "$rate"
        record idle "$broker" "$round" rss_before_kb "$rss0"
        record idle "$broker" "$round" rss_after_kb "$rss1"
        record idle "$broker" "$round" rss_per_conn "$(awk -v a="$rss0" -v b="$rss1" -v n="$connected" \
            'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1024 / n : 0) }')"
        if [[ -n "$heap0" && -n "$heap1" ]]; then
            record idle "$broker" "$round" heap_before_kb "$heap0"
            record idle "$broker" "$round" heap_after_kb "$heap1"
            record idle "$broker" "$round" heap_per_conn "$(awk -v a="$heap0" -v b="$heap1" -v n="$connected" \
                'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1024 / n : 0) }')"
        fi
    else
        log "idle $broker round $round: the connections never all came up: $(tail -n 3 "$WORK/idle-$broker-$round.out")"
    fi
    kill "$bench_pid" 2> /dev/null || true
    wait "$bench_pid" 2> /dev/null || true
    stop_broker
}

for round in $(seq 1 "$ROUNDS"); do
    for broker in cicada mosquitto; do
        idle_run "$broker" "$round"
    done
done

# --- Large message: one message of LARGE_BYTES to two subscribers ------------------------------------------------

head -c "$LARGE_BYTES" /dev/urandom > "$WORK/large.bin"
LARGE_SUM="$(sha256sum "$WORK/large.bin" | cut -d' ' -f1)"

large_run() {
    local broker="$1" round="$2" i
    start_broker "$broker"
    log "large round $round: $broker, $LARGE_BYTES bytes"
    local heap0="" peak=0
    [[ "$broker" == cicada ]] && heap0="$(heap_kb "$BROKER_PID")"
    local subs=()
    for i in 1 2; do
        rm -f "$WORK/large-out-$i"
        (cicada 300 "$CLIENT_JAVA_OPTS" sub -h 127.0.0.1 -p "$BROKER_PORT" -t large/t -q 1 -C 1 -N -W 280 \
            -i "large-sub-$i" > "$WORK/large-out-$i" 2> "$WORK/large-sub-$i.log") &
        subs+=($!)
    done
    # Both subscribers are connected when the broker has their two sockets; then give the SUBSCRIBEs a moment.
    for _ in $(seq 1 300); do
        [[ "$(ss -Htn state established "( sport = :$BROKER_PORT )" | wc -l)" -ge 2 ]] && break
        sleep 0.1
    done
    sleep 2
    local sampler=""
    if [[ "$broker" == cicada ]]; then
        # Heap in use (KB) every 100 ms while the message passes: survivors + eden + old generation.
        jstat -gc "$BROKER_PID" 100 > "$WORK/large-jstat-$round" 2> /dev/null &
        sampler=$!
    fi
    local started ended
    started="$(date +%s.%N)"
    (cicada 300 "$CLIENT_JAVA_OPTS" pub -h 127.0.0.1 -p "$BROKER_PORT" -t large/t -q 1 -f "$WORK/large.bin" \
        -i large-pub > "$WORK/large-pub.log" 2>&1) || log "large: the publisher failed"
    local intact=0
    for i in 0 1; do
        wait "${subs[$i]}" 2> /dev/null || true
    done
    ended="$(date +%s.%N)"
    for i in 1 2; do
        if [[ "$(sha256sum "$WORK/large-out-$i" | cut -d' ' -f1)" == "$LARGE_SUM" ]]; then
            intact=$((intact + 1))
        fi
    done
    if [[ -n "$sampler" ]]; then
        kill "$sampler" 2> /dev/null || true
        wait "$sampler" 2> /dev/null || true
        peak="$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > max) max = u } END { printf "%.0f", max }' \
            "$WORK/large-jstat-$round")"
        record large "$broker" "$round" heap_before_kb "$heap0"
        record large "$broker" "$round" heap_peak_kb "$peak"
        record large "$broker" "$round" heap_growth_ratio "$(awk -v a="$heap0" -v p="$peak" -v n="$LARGE_BYTES" \
            'BEGIN { printf "%.2f", (p - a) * 1024 / n }')"
    fi
    record large "$broker" "$round" intact "$intact"
    record large "$broker" "$round" seconds "$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }')"
    rm -f "$WORK/large-out-1" "$WORK/large-out-2"
    stop_broker
}

for round in $(seq 1 "$ROUNDS"); do
    for broker in cicada mosquitto; do
        large_run "$broker" "$round"
    done
done

# --- Report ---------------------------------------------------------------------------------------------------------

values() { # all rounds of SCENARIO BROKER METRIC, comma-separated
    awk -F'\t' -v s="$1" -v b="$2" -v m="$3" '$1 == s && $2 == b && $4 == m { printf "%s%s", n++ ? ", " : "", $5 }' \
        "$RESULTS"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else print "-" }'; }
met() { # met VALUE OP LIMIT
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "" || v == "-") { print "not measured"; exit }
        ok = (op == ">=") ? v >= l : v <= l; print ok ? "met" : "**not met**" }'
}
round0() { awk -v v="$1" 'BEGIN { if (v == "") print "-"; else printf "%.0f", v }'; }

CPU="$(lscpu 2> /dev/null | awk -F: '/Model name/ && !cpu { gsub(/^ +/, "", $2); cpu = $2 } END { print cpu }' || true)"
CORES="$(nproc)"
RAM="$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
# (awk, not head: it reads to the end, so no tool dies of a closed pipe; mosquitto -h exits with 3 anyway)
JDK="$("$JAVA" -version 2>&1 | awk 'NR == 1' || true)"
MOSQ_VERSION="$("$MOSQUITTO" -h 2>&1 | awk 'NR == 1' || true)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
FD_LIMIT="$(ulimit -n)"

{
    echo "# Benchmarks: Cicada against Mosquitto"
    echo
    if [[ "$QUICK" -eq 1 || "$ROUNDS" -lt 3 ]]; then
        echo "> **Quick run** ($ROUNDS round(s), ${DURATION} s per run, $CONNECTIONS idle connections), on a machine"
        echo "> shared with other work: the figures show that the suite works and roughly where Cicada stands; the"
        echo "> ratios of a full run (\`benchmarks/compare.sh\`, 3 rounds) on an idle machine are the ones to quote."
        echo
    fi
    echo "Produced by \`$COMMAND\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Every scenario ran against Cicada and"
    echo "Mosquitto in turn (Cicada, Mosquitto, Cicada, ...), each broker started fresh for the run on a free 127.0.0.1"
    echo "port and stopped by its PID; the load came from \`cicada bench\` (Cicada's own codec over Netty epoll) in a"
    echo "separate JVM on the same machine. Figures are medians over the rounds; every round's value is listed."
    echo
    echo "## Machine"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| CPU | $CPU, $CORES cores |"
    echo "| RAM | $RAM |"
    echo "| JDK | $JDK |"
    echo "| Mosquitto | $MOSQ_VERSION (Debian), config: defaults + \`allow_anonymous true\`, \`message_size_limit 0\`, \`max_inflight_messages 100\`, \`max_queued_messages 1000\` (Cicada's defaults) |"
    echo "| Cicada | \`./cicada broker --set persistence=memory\` (otherwise defaults; in memory like Mosquitto's default), JVM \`$CICADA_JAVA_OPTS\` (plus the launcher's G1 flags) |"
    echo "| bench | \`./cicada bench\`, JVM \`$BENCH_JAVA_OPTS\`, ${DURATION} s of publishing per run |"
    echo "| load average at the end | $LOAD |"
    echo "| open-file limit | $FD_LIMIT per process |"
    echo
    echo "## Throughput (delivered msg/s, flat out, 64-byte payloads)"
    echo
    echo "Delivered messages per second: every message the subscribers received, over the time from the first"
    echo "receipt to the last (\`delivered\` in the bench summary): the broker's delivery rate, neither diluted by the"
    echo "bounded wait after publishing nor cut short by the delay of a backlog. Publishers send for ${DURATION} s as fast"
    echo "as the broker takes their bytes. QoS 0 may drop (the delivery check says how many); QoS 1 must not."
    echo "Target: Cicada ≥ 2.0 × Mosquitto."
    echo
    echo "| scenario | Cicada | Mosquitto | ratio | target ≥ 2.0 | Cicada rounds | Mosquitto rounds | delivery check (Cicada / Mosquitto) |"
    echo "|---|---|---|---|---|---|---|---|"
    for s in qos0 qos1 fanout fanin fanin-share; do
        case "$s" in
            qos0) name="1:1 QoS 0, 50 → 50 distinct topics" ;;
            qos1) name="1:1 QoS 1, 50 → 50 distinct topics" ;;
            fanout) name="fan-out QoS 0, 1 → 500" ;;
            fanin) name="fan-in QoS 0, 500 → 1 (\`in/+\`)" ;;
            fanin-share) name="fan-in QoS 0, 500 → \`\$share/g/in/+\` × 3 members (MQTT 5)" ;;
        esac
        c="$(median "$s" cicada delivered)"
        m="$(median "$s" mosquitto delivered)"
        r="$(ratio "$c" "$m")"
        echo "| $name | $(round0 "$c") | $(round0 "$m") | $r | $(met "$r" ">=" 2.0) | $(values "$s" cicada delivered) | $(values "$s" mosquitto delivered) | $(values "$s" cicada delivery | tr '_' ' ') / $(values "$s" mosquitto delivery | tr '_' ' ') |"
    done
    echo
    echo "## Latency at half of Mosquitto's maximum"
    echo
    echo "Offered load: $LATENCY_RATE msg/s in all (half of Mosquitto's median 1:1 QoS 0 delivered rate in this run),"
    echo "50 publishers → 50 subscribers on distinct topics, QoS 0, 64 bytes; end-to-end latency (publisher's time"
    echo "stamp to the subscriber's receipt) in milliseconds. Target: Cicada's p99 ≤ Mosquitto's."
    echo
    echo "| | Cicada | Mosquitto | target | Cicada rounds | Mosquitto rounds |"
    echo "|---|---|---|---|---|---|"
    cp50="$(median latency cicada p50)"; mp50="$(median latency mosquitto p50)"
    cp99="$(median latency cicada p99)"; mp99="$(median latency mosquitto p99)"
    echo "| p50 ms | $cp50 | $mp50 | | $(values latency cicada p50) | $(values latency mosquitto p50) |"
    echo "| p99 ms | $cp99 | $mp99 | $(awk -v c="$cp99" -v m="$mp99" 'BEGIN { if (c == "" || m == "") print "not measured"; else print (c <= m) ? "met" : "**not met**" }') | $(values latency cicada p99) | $(values latency mosquitto p99) |"
    echo "| delivered msg/s | $(round0 "$(median latency cicada delivered)") | $(round0 "$(median latency mosquitto delivered)") | | | |"
    echo
    echo "## Idle connections"
    echo
    echo "\`cicada bench conn -c $CONNECTIONS\` opens the connections as fast as the brokers take them (keep-alive 600 s)"
    echo "and holds them. The broker's RSS (\`VmRSS\` of \`/proc/PID/status\`) and, for Cicada, its heap in use after a"
    echo "full GC (\`jcmd PID GC.run\`, \`GC.heap_info\`) are read before the first connection and once all are up."
    echo "The open-file limit ($FD_LIMIT) is per process and cannot be raised here: the broker and the bench each need"
    echo "one descriptor per connection plus their own (about 100), and the 127.0.0.1 client ports (32768–60999) give"
    echo "28 k, so about 19,500 connections fit; the default run holds 19,000. Targets: ≤ 4 KB (4,096 bytes) of broker"
    echo "memory per connection, and a connect rate ≥ Mosquitto's."
    echo
    echo "| | Cicada | Mosquitto | ratio | target | Cicada rounds | Mosquitto rounds |"
    echo "|---|---|---|---|---|---|---|"
    cc="$(median idle cicada connected)"; mc="$(median idle mosquitto connected)"
    echo "| connections held | $(round0 "$cc") | $(round0 "$mc") | | | $(values idle cicada connected) | $(values idle mosquitto connected) |"
    echo "| RSS before, KB | $(round0 "$(median idle cicada rss_before_kb)") | $(round0 "$(median idle mosquitto rss_before_kb)") | | | $(values idle cicada rss_before_kb) | $(values idle mosquitto rss_before_kb) |"
    echo "| RSS with the connections, KB | $(round0 "$(median idle cicada rss_after_kb)") | $(round0 "$(median idle mosquitto rss_after_kb)") | | | $(values idle cicada rss_after_kb) | $(values idle mosquitto rss_after_kb) |"
    crp="$(median idle cicada rss_per_conn)"; mrp="$(median idle mosquitto rss_per_conn)"
    echo "| RSS per connection, bytes | $(round0 "$crp") | $(round0 "$mrp") | $(ratio "$crp" "$mrp") | $(met "$crp" "<=" 4096) (Cicada) | $(values idle cicada rss_per_conn) | $(values idle mosquitto rss_per_conn) |"
    echo "| heap after GC before, KB | $(round0 "$(median idle cicada heap_before_kb)") | – | | | $(values idle cicada heap_before_kb) | |"
    echo "| heap after GC with the connections, KB | $(round0 "$(median idle cicada heap_after_kb)") | – | | | $(values idle cicada heap_after_kb) | |"
    chp="$(median idle cicada heap_per_conn)"
    echo "| heap per connection, bytes | $(round0 "$chp") | – | | $(met "$chp" "<=" 4096) | $(values idle cicada heap_per_conn) | |"
    ccr="$(median idle cicada connect_rate)"; mcr="$(median idle mosquitto connect_rate)"
    cr="$(ratio "$ccr" "$mcr")"
    echo "| connect rate, connections/s | $(round0 "$ccr") | $(round0 "$mcr") | $cr | $(met "$cr" ">=" 1.0) | $(values idle cicada connect_rate) | $(values idle mosquitto connect_rate) |"
    echo
    echo "## Large message"
    echo
    echo "One message of $LARGE_BYTES bytes (random; MQTT's packet limit is 268,435,455 bytes) published once at QoS 1"
    echo "with \`cicada pub -f\` to two \`cicada sub -C 1 -N\` subscribers (client JVMs \`$CLIENT_JAVA_OPTS\`);"
    echo "intact = the SHA-256 of what each subscriber wrote equals the file's. Cicada's heap growth is the peak heap"
    echo "in use (\`jstat -gc\` every 100 ms: survivor, eden and old generation) minus the heap after GC before the"
    echo "message, divided by the message size. Target: intact to both, growth < 2 × the message size."
    echo
    echo "| | Cicada | Mosquitto | target | Cicada rounds | Mosquitto rounds |"
    echo "|---|---|---|---|---|---|"
    echo "| subscribers that got it intact (of 2) | $(median large cicada intact) | $(median large mosquitto intact) | $(met "$(median large cicada intact)" ">=" 2) (Cicada) | $(values large cicada intact) | $(values large mosquitto intact) |"
    echo "| seconds, publish to both delivered | $(median large cicada seconds) | $(median large mosquitto seconds) | | $(values large cicada seconds) | $(values large mosquitto seconds) |"
    echo "| heap after GC before, KB | $(round0 "$(median large cicada heap_before_kb)") | – | | $(values large cicada heap_before_kb) | |"
    echo "| peak heap in use, KB | $(round0 "$(median large cicada heap_peak_kb)") | – | | $(values large cicada heap_peak_kb) | |"
    g="$(median large cicada heap_growth_ratio)"
    echo "| heap growth / message size | $g | – | $(awk -v g="$g" 'BEGIN { if (g == "") print "not measured"; else print (g < 2) ? "met" : "**not met**" }') | $(values large cicada heap_growth_ratio) | |"
    echo
    echo "## Micro-benchmarks"
    echo
    echo "JMH figures for the codec, the topic tree and fan-out encoding are in \`benchmarks/README.md\` (run with"
    echo "\`java -jar benchmarks/target/benchmarks.jar\`)."
    echo
    echo "## Raw results"
    echo
    echo "Every measured value (scenario, broker, round, metric, value):"
    echo
    echo '```'
    cat "$RESULTS"
    echo '```'
} > "$OUT"
log "wrote $OUT"
