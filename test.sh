#!/usr/bin/env bash
# Runs every ValueGuard test. Installs what the tests need when it is missing (Debian packages, as
# root: mosquitto, influxdb; socat, mbpoll, gcc and libmodbus-dev for the serial tests over pseudo-terminals;
# chromium, poppler-utils and a CJK font for the PDF reports),
# starts the servers on 127.0.0.1 on free ports in a temporary folder, exports their addresses,
# runs `dotnet test`, stops the servers and returns the test exit code. Arguments, if any, go to `dotnet test`
# instead of the whole solution (for example `./test.sh tests/ValueGuard.Storage.Tests --filter Spool`).
#
#   VALUEGUARD_TEST_MQTT     mqtt://127.0.0.1:PORT of a mosquitto started here
#   VALUEGUARD_TEST_INFLUX   http://127.0.0.1:PORT of an InfluxDB 1.x (influxd) started here
#   VALUEGUARD_TEST_REDMINE  http://127.0.0.1:PORT of Debian's Redmine started here (it boots in the background
#                            while the tests build; the test fixture waits for it), with
#                            VALUEGUARD_TEST_REDMINE_KEY (admin API key), VALUEGUARD_TEST_REDMINE_PROJECT and
#                            VALUEGUARD_TEST_REDMINE_LOG (its log, shown by the fixture when it does not answer)
set -uo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/sbin:/sbin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf 'test.sh: %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  command -v mosquitto >/dev/null || missing+=(mosquitto)
  command -v mosquitto_sub >/dev/null || missing+=(mosquitto-clients)
  command -v influxd >/dev/null || missing+=(influxdb)
  command -v curl >/dev/null || missing+=(curl)
  # Serial tests: pseudo-terminal pairs, an independent Modbus master, a libmodbus slave compiled with gcc.
  command -v socat >/dev/null || missing+=(socat)
  command -v mbpoll >/dev/null || missing+=(mbpoll)
  command -v gcc >/dev/null || missing+=(gcc)
  [ -f /usr/include/modbus/modbus.h ] || missing+=(libmodbus-dev)
  # deployment/systemd tests: systemd-analyze verify and security --offline on the unit file.
  command -v systemd-analyze >/dev/null || missing+=(systemd)
  # arm64 smoke run: the self-contained linux-arm64 build under user-mode qemu with an arm64 sysroot.
  command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
  [ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-arm64-cross)
  [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || missing+=(libstdc++6-arm64-cross)
  [ -e /usr/aarch64-linux-gnu/lib/libgcc_s.so.1 ] || missing+=(libgcc-s1-arm64-cross)
  # Reports: PDF printed by headless chromium (a CJK font for zh-CN reports), checked with poppler's pdfinfo/pdftotext.
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
  # Ticket tests: Debian's Redmine on SQLite (see ../shared/notes/redmine-on-debian.md).
  redmine_installed || missing+=(redmine redmine-sqlite)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
    return 1
  fi
  log "installing ${missing[*]}"
  # Redmine's post-install runs bundler: Debian's patched 2.3.15 sees the gems installed as packages, the 2.3.27
  # that ships with libruby does not ("Could not find rotp-6.2.0.gem"). A half-configured earlier try is finished too.
  export BUNDLER_VERSION=2.3.15
  dpkg --configure -a >/dev/null 2>&1
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

redmine_installed() {
  [ "$(dpkg-query -W -f='${Status}' redmine redmine-sqlite 2>/dev/null)" = "install ok installedinstall ok installed" ]
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

work=$(mktemp -d -t valueguard-test.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_mosquitto() {
  local port; port=$(free_port) || return 1
  # A slow subscriber must not lose QoS 1 messages in a burst: mosquitto's default queue is 1000.
  cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 1000000
max_inflight_messages 100
CONF
  chmod 0755 "$work"
  mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
  pids+=($!)
  wait_port "$port" || { log "mosquitto did not start:"; cat "$work/mosquitto.log" >&2; return 1; }
  export VALUEGUARD_TEST_MQTT="mqtt://127.0.0.1:$port"
  log "mosquitto on $VALUEGUARD_TEST_MQTT"
}

wait_influx_ping() {
  for _ in $(seq 1 200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ping")" = 204 ] && return 0
    sleep 0.1
  done
  return 1
}

start_influxd() {
  local http rpc; http=$(free_port) || return 1
  rpc=$(free_port) || return 1
  mkdir -p "$work/influxdb"
  sed -e "s|@DIR@|$work/influxdb|g" -e "s|@HTTP_PORT@|$http|g" -e "s|@RPC_PORT@|$rpc|g" \
    tests/influxdb.conf.template > "$work/influxdb/influxdb.conf"
  influxd -config "$work/influxdb/influxdb.conf" >"$work/influxdb/influxd.log" 2>&1 &
  pids+=($!)
  wait_influx_ping "$http" || { log "influxd did not answer /ping:"; tail -n 30 "$work/influxdb/influxd.log" >&2; return 1; }
  export VALUEGUARD_TEST_INFLUX="http://127.0.0.1:$http"
  log "influxd on $VALUEGUARD_TEST_INFLUX"
}

# Redmine: started first because it takes longest to boot. Runs as root (www-data cannot create
# /usr/share/redmine/tmp); webrick comes from Gemfile.local because the Debian bundle has no app server.
start_redmine() {
  local port key dir=/usr/share/redmine
  [ "$(id -u)" = 0 ] || { log "Redmine tests need root to start Debian's Redmine"; return 1; }
  port=$(free_port) || return 1
  key=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
  export BUNDLER_VERSION=2.3.15 REDMINE_INSTANCE=default
  if ! grep -qs '^gem "webrick"' "$dir/Gemfile.local"; then
    echo 'gem "webrick"' >> "$dir/Gemfile.local"
    (cd "$dir" && bundle install --local >"$work/redmine-bundle.log" 2>&1) || { log "bundle install --local failed:"; cat "$work/redmine-bundle.log" >&2; return 1; }
  fi
  : >"$work/redmine.log"
  export VALUEGUARD_TEST_REDMINE="http://127.0.0.1:$port" VALUEGUARD_TEST_REDMINE_KEY="$key" \
    VALUEGUARD_TEST_REDMINE_PROJECT=valueguard-test VALUEGUARD_TEST_REDMINE_LOG="$work/redmine.log"
  (cd "$dir" && exec env RAILS_ENV=production bundle exec rails server -u webrick -b 127.0.0.1 -p "$port" -e production \
    -P "$work/redmine.pid" >>"$work/redmine.log" 2>&1) &
  pids+=($!)
  # Meanwhile: REST API on, an admin user with this run's API key, the test project. The server reads settings per request.
  (cd "$dir" && VG_KEY="$key" RAILS_ENV=production bundle exec rails runner '
    Setting.rest_api_enabled = "1"
    # A user of its own per run, so another run on this machine cannot replace this run'"'"'s key.
    key = ENV.fetch("VG_KEY")
    user = User.new(firstname: "ValueGuard", lastname: "Test", mail: "vg-#{key[0, 12]}@example.invalid", language: "en")
    user.login = "vg-#{key[0, 12]}"
    user.password = user.password_confirmation = SecureRandom.hex(16)
    user.admin = true
    user.save!
    Token.create!(user: user, action: "api").update_column(:value, key) # create! generates a value of its own
    Project.find_by_identifier("valueguard-test") ||
      Project.create!(name: "ValueGuard test", identifier: "valueguard-test", tracker_ids: Tracker.pluck(:id),
                      enabled_module_names: ["issue_tracking"])
  ' >>"$work/redmine.log" 2>&1 || echo "test.sh: rails runner (REST API, key, project) failed" >>"$work/redmine.log") &
  pids+=($!)
  log "Redmine booting on $VALUEGUARD_TEST_REDMINE (log $VALUEGUARD_TEST_REDMINE_LOG)"
}

install_missing || exit 1
start_redmine || exit 1
start_mosquitto || exit 1
start_influxd || exit 1

out="$work/dotnet-test.log"
# The fault suite (tests/ValueGuard.IntegrationTests/Faults/Chaos) appends one FAULT-SUMMARY line per fault class here.
export VALUEGUARD_FAULT_SUMMARY="$work/fault-summary.txt"
print_fault_summary() { [ -s "$VALUEGUARD_FAULT_SUMMARY" ] && cat "$VALUEGUARD_FAULT_SUMMARY"; return 0; }
# A test that neither finishes nor lets another start for 10 minutes fails the run (VSTest's blame collector: it names
# the test and leaves a mini dump under TestResults/) instead of hanging CI. The longest single test takes a few minutes.
hang_bound=(--blame-hang-timeout 10m --blame-hang-dump-type mini)
# With arguments (`./test.sh tests/ValueGuard.Storage.Tests --filter Spool`) only those tests run, against
# the same servers, and the publish smoke test is skipped; without, everything runs.
if [ $# -gt 0 ]; then
  dotnet test "$@" "${hang_bound[@]}" --nologo 2>&1 | tee "$out"
  status=${PIPESTATUS[0]}
  print_fault_summary
  exit "$status"
fi
dotnet test ValueGuard.sln "${hang_bound[@]}" --nologo 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

# A Raspberry Pi-class gateway: both self-contained builds publish, and the arm64 one starts under qemu.
smoke_publish() {
  local version arm
  version=$(dotnet run --project src/ValueGuard.Cli --no-build -- --version 2>/dev/null) || { log "valueguard --version failed"; return 1; }
  for rid in linux-x64 linux-arm64; do
    dotnet publish src/ValueGuard.Cli -c Release -r "$rid" --self-contained -o "$work/publish-$rid" --nologo -v quiet >"$work/publish-$rid.log" 2>&1 \
      || { log "dotnet publish -r $rid failed:"; tail -20 "$work/publish-$rid.log" >&2; return 1; }
  done
  arm=$(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 qemu-aarch64 -L /usr/aarch64-linux-gnu "$work/publish-linux-arm64/valueguard" --version 2>&1) \
    || { log "the arm64 build did not start under qemu: $arm"; return 1; }
  [ "$arm" = "$version" ] || { log "arm64 build says '$arm', expected '$version'"; return 1; }
  log "publish linux-x64 and linux-arm64: ok; arm64 under qemu-aarch64 prints valueguard $arm"
}
smoke_publish || status=1
print_fault_summary

# One closing line for CI: the sum over all test projects.
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
  }
  END { gsub(",", "", p); printf "tests: %d passed, %d failed\n", p, f }' "$out"
exit "$status"
