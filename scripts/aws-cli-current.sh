#!/usr/bin/env bash
# Installs a current aws CLI v2 (Debian forky's awscli, 2.36 at the time of writing) into an isolated root, without
# touching the host's packages, plus <dir>/bin/aws, a wrapper that runs it as if it were installed on the host.
# Why: Debian bookworm's /usr/bin/aws is 2.9.19, older than 2.22's default browser sign-in (PKCE with a localhost
# callback) and `--use-device-code`; the e2e tests run against both when CBS_AWS_CLI_CURRENT=<dir>/bin/aws is set.
# Idempotent: a finished install is reused. Prints the wrapper's path last. Needs root (debootstrap, chroot, mounts).
# Usage: scripts/aws-cli-current.sh [dir]   (default: <repo>/.tmp/aws-cli-current; remove the dir to reinstall)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-${CBS_AWS_CLI_CURRENT_DIR:-$here/.tmp/aws-cli-current}}"
suite="${CBS_AWS_CLI_SUITE:-forky}"
mirror="${CBS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$dir/root"
wrapper="$dir/bin/aws"

if [ ! -f "$root/.cbs-complete" ]; then
  if ! command -v debootstrap >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  fi
  # Bookworm's debootstrap has no script for the newer suites; sid's is the one Debian uses for testing.
  script=/usr/share/debootstrap/scripts/sid
  [ -e "/usr/share/debootstrap/scripts/$suite" ] && script="/usr/share/debootstrap/scripts/$suite"
  # Build in a scratch dir and rename at the end, so an interrupted install is never taken for a finished one.
  # An interrupted debootstrap can leave /proc or /sys mounted in it: unmount before removing anything.
  awk -v p="$root.partial/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$root.partial"
  mkdir -p "$dir"
  start=$(date +%s)
  debootstrap --variant=minbase --include=awscli,ca-certificates "$suite" "$root.partial" "$mirror" "$script" \
    >"$dir/debootstrap.log" 2>&1 || { echo "debootstrap failed; see $dir/debootstrap.log" >&2; tail -5 "$dir/debootstrap.log" >&2; exit 1; }
  # The package cache is not needed to run the CLI and is most of the download.
  rm -rf "$root.partial/var/cache/apt/archives/"*.deb
  touch "$root.partial/.cbs-complete"
  rm -rf "$root"
  mv "$root.partial" "$root"
  echo "installed $(chroot "$root" /usr/bin/aws --version 2>&1) in $(( $(date +%s) - start ))s, $(du -sh "$root" | cut -f1) on disk" >&2
fi

mkdir -p "$dir/bin"
# Absolute paths: a caller's PATH may hold nothing but its own bin folder (the doctor tests' worlds do).
tool() { command -v "$1" || { echo "$1 not found" >&2; exit 1; }; }
unshare=$(tool unshare) mount=$(tool mount) chroot=$(tool chroot) mkdir=$(tool mkdir)
cat >"$wrapper.partial" <<EOF
#!/bin/sh
# Runs the aws CLI installed in $root (scripts/aws-cli-current.sh) with the caller's environment and working
# directory. A private mount namespace makes the host's /tmp, /root, /home, /work and the cwd visible inside the
# root, so HOME, AWS_CONFIG_FILE and AWS_CA_BUNDLE resolve; the mounts vanish when the command exits.
exec $unshare --mount --propagation private /bin/sh -c '
  root="\$1"; shift
  cwd="\$(pwd)"
  # The cwd too, unless under those already or a system directory: binding /, /usr or /etc would hide the aws CLI
  # of the root or its libraries (the root has its own of those, so cd still works there).
  case "\$cwd" in /|/tmp|/tmp/*|/root|/root/*|/home|/home/*|/work|/work/*|/usr|/usr/*|/etc|/etc/*|/bin*|/sbin*|/lib*|/var|/var/*) extra= ;; *) extra="\$cwd" ;; esac
  for d in /proc /sys /dev /tmp /root /home /work "\$extra"; do
    [ -d "\$d" ] || continue
    $mkdir -p "\$root\$d" 2>/dev/null
    $mount --rbind "\$d" "\$root\$d" 2>/dev/null || true
  done
  for f in /etc/resolv.conf /etc/hosts; do
    [ -f "\$f" ] && $mount --bind "\$f" "\$root\$f" 2>/dev/null || true
  done
  # The root has its own PATH for the aws CLI itself; the caller'"'"'s PATH is kept after it for the BROWSER and
  # credential_process programs the CLI runs (those must exist inside the root too, e.g. under /work or /tmp).
  PATH="/usr/local/bin:/usr/bin:/bin:\$PATH" exec $chroot "\$root" /bin/sh -c "cd \\"\\\$1\\" && shift && exec /usr/bin/aws \\"\\\$@\\"" sh "\$cwd" "\$@"
' sh "$root" "\$@"
EOF
chmod +x "$wrapper.partial"
mv "$wrapper.partial" "$wrapper"
"$wrapper" --version >&2
echo "$wrapper"
