#!/bin/sh
# Installs ValueGuard as a systemd service on a plain Debian or Ubuntu gateway. Run as root:
#
#   sudo ./install.sh PUBLISH_DIR
#
# PUBLISH_DIR is a self-contained build (dotnet publish src/ValueGuard.Cli -c Release -r linux-arm64 --self-contained -o DIR).
# It creates the system user valueguard, copies the program to /opt/valueguard, creates /etc/valueguard (root:valueguard 0750)
# and installs and enables valueguard.service. An existing /etc/valueguard is never overwritten. The service is started only
# when /etc/valueguard/site.yaml exists and `valueguard validate` accepts it.
set -eu

publish=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
unit="$here/valueguard.service"

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (sudo $0 PUBLISH_DIR)"
[ -n "$publish" ] || die "usage: $0 PUBLISH_DIR (a dotnet publish --self-contained output folder)"
[ -x "$publish/valueguard" ] || die "$publish/valueguard is missing or not executable: publish with -r linux-arm64 or -r linux-x64 --self-contained"
[ -f "$unit" ] || die "valueguard.service is not next to this script"
command -v systemctl >/dev/null || die "systemctl not found: this script is for systemd-based Debian/Ubuntu"

# A system user without a login or home; serial access comes from SupplementaryGroups=dialout in the unit.
if ! getent passwd valueguard >/dev/null; then
  useradd --system --user-group --no-create-home --home-dir /var/lib/valueguard --shell /usr/sbin/nologin valueguard
fi

install -d -m 0755 /opt/valueguard
cp -a "$publish/." /opt/valueguard/
chown -R root:root /opt/valueguard

if [ ! -d /etc/valueguard ]; then
  install -d -o root -g valueguard -m 0750 /etc/valueguard
  if [ -d "$publish/deployment/examples" ]; then
    install -d -m 0755 /etc/valueguard/examples
    cp -R "$publish/deployment/examples/." /etc/valueguard/examples/
  fi
fi
install -d -o valueguard -g valueguard -m 0750 /var/lib/valueguard

install -m 0644 "$unit" /etc/systemd/system/valueguard.service
systemctl daemon-reload
systemctl enable valueguard.service >/dev/null

if [ -f /etc/valueguard/site.yaml ]; then
  if /opt/valueguard/valueguard validate /etc/valueguard/site.yaml; then
    systemctl restart valueguard.service
    echo "valueguard is running: systemctl status valueguard; journalctl -u valueguard -f"
  else
    die "/etc/valueguard/site.yaml has errors (above); fix them, then: systemctl start valueguard"
  fi
else
  echo "installed. Write /etc/valueguard/site.yaml (data_dir: /var/lib/valueguard; examples in /etc/valueguard/examples),"
  echo "check it with: /opt/valueguard/valueguard validate /etc/valueguard/site.yaml, then: systemctl start valueguard"
fi
