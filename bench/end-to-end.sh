#!/usr/bin/env bash
# End-to-end ingest benchmark (issue 5, "Performance"); see bench/README.md. Not part of ./test.sh.
#   bench/end-to-end.sh [messages=200000]
# Builds bench/ValueGuard.EndToEnd in Release, starts mosquitto and influxd on free 127.0.0.1 ports in a
# temporary folder (as ./test.sh does), then measures (1) mosquitto's QoS 1 delivery to mosquitto_sub,
# (2) InfluxDB's direct line-protocol ingest, (3) `valueguard run --site` end to end, and prints one table.
# On this shared machine run it under the build lock: flock /tmp/vg-build.lock bench/end-to-end.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
messages=${1:-200000}
# mosquitto's window of unacknowledged QoS 1 messages per client (its default is 20). The gateway acknowledges a
# message only once it is durable, so a small window makes the broker queue the rest and feed them from its queue;
# see bench/README.md for what that does to throughput with Debian's mosquitto 2.0.11.
max_inflight=${VG_BENCH_MAX_INFLIGHT:-1000}
for tool in mosquitto mosquitto_sub influxd curl; do
  command -v "$tool" >/dev/null || { echo "end-to-end.sh: $tool is missing (apt-get install mosquitto mosquitto-clients influxdb curl)" >&2; exit 1; }
done

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

work=$(mktemp -d -t valueguard-bench.XXXXXX)
pids=()
cleanup() {
  local status=$?
  if [ "$status" != 0 ] && [ -f "$work/influxdb/influxd.log" ]; then
    echo "end-to-end.sh: failed ($status); the servers' last log lines:" >&2
    tail -n 5 "$work/mosquitto.log" "$work/influxdb/influxd.log" >&2 || true
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release bench/ValueGuard.EndToEnd --nologo -v quiet >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; exit 1; }

mqtt_port=$(free_port)
# QoS 1 bursts of N messages must not be dropped by mosquitto's per-client queue (default 1000).
cat > "$work/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 10000000
max_inflight_messages $max_inflight
CONF
chmod 0755 "$work"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
pids+=($!)
export VG_BENCH_MOSQUITTO_PID=$!

http_port=$(free_port); rpc_port=$(free_port)
mkdir -p "$work/influxdb"
sed -e "s|@DIR@|$work/influxdb|g" -e "s|@HTTP_PORT@|$http_port|g" -e "s|@RPC_PORT@|$rpc_port|g" \
  tests/influxdb.conf.template > "$work/influxdb/influxdb.conf"
influxd -config "$work/influxdb/influxdb.conf" >"$work/influxdb/influxd.log" 2>&1 &
pids+=($!)
export VG_BENCH_INFLUXD_PID=$!

up=no
for _ in $(seq 1 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/ping")" = 204 ] && { up=yes; break; }
  sleep 0.1
done
if [ "$up" != yes ]; then
  echo "end-to-end.sh: mosquitto (port $mqtt_port) or influxd (port $http_port) did not come up in 20 s" >&2
  tail -n 5 "$work/mosquitto.log" "$work/influxdb/influxd.log" >&2
  exit 1
fi

dotnet bench/ValueGuard.EndToEnd/bin/Release/net10.0/ValueGuard.EndToEnd.dll \
  "mqtt://127.0.0.1:$mqtt_port" "http://127.0.0.1:$http_port" device-profiles "$messages"
