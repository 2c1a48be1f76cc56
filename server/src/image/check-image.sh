#!/usr/bin/env bash
# Runs the container image without a container engine, as one would: its layers unpacked in order into a root
# directory, /proc and the usual /dev nodes mounted, a data directory bound at the /data volume, and its entrypoint and command started there
# (chroot) as the image's user with the image's environment. Then asks /health, /health/ready and the home page,
# checks that the portal wrote its data directory into the volume as that user, makes a backup from a second process
# (as `docker exec` would), and stops it with SIGTERM as `docker stop` does. Needs root (chroot, mount), GNU tar, python3 and curl.
#
#   check-image.sh IMAGE.tar [PORT]      (CHECK_IMAGE_LOG=FILE keeps the portal's log)
# Exit 0: every check passed; 1: one failed (it says which); 77: this machine does not let it mount (skipped).
set -euo pipefail

image="${1:?usage: check-image.sh IMAGE.tar [PORT]}"
port="${2:-18080}"
die() { echo "check-image: $*" >&2; exit 1; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
[[ -f "$image" ]] || die "no image at $image (build it with ./zocalo image)"
[[ "$(id -u)" == 0 ]] || die "needs root, to chroot into the image and mount /proc and the data volume"
for tool in tar python3 curl chroot mount; do command -v "$tool" >/dev/null || die "$tool not found"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/zocalo-image-check.XXXXXX")"
root="$work/rootfs"
volume="$work/volume"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  mountpoint -q "$root/data" && umount "$root/data"
  mountpoint -q "$root/dev" && umount "$root/dev"
  mountpoint -q "$root/proc" && umount "$root/proc"
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT

started=$(date +%s.%N)
mkdir -p "$work/image" "$root" "$volume"
tar -C "$work/image" -xf "$image"
# The layers in the manifest's order, each extracted over the previous ones with owners and modes kept.
python3 - "$work/image" > "$work/layers" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))[0]
print("\n".join(m["Layers"]))
PY
while read -r layer; do
  tar -C "$root" --same-owner --same-permissions --warning=no-unknown-keyword -xf "$work/image/$layer"
done < "$work/layers"

# The image's configuration: user, environment, entrypoint + command, working directory, volumes, ports.
python3 - "$work/image" > "$work/config.sh" <<'PY'
import json, shlex, sys
d = sys.argv[1]
m = json.load(open(d + "/manifest.json"))[0]
c = json.load(open(d + "/" + m["Config"]))["config"]
print("user=" + shlex.quote(c.get("User", "0:0")))
print("workdir=" + shlex.quote(c.get("WorkingDir", "/")))
print("env=(" + " ".join(shlex.quote(e) for e in c.get("Env", [])) + ")")
print("entrypoint=(" + " ".join(shlex.quote(a) for a in c.get("Entrypoint", [])) + ")")
print("cmd=(" + " ".join(shlex.quote(a) for a in c.get("Cmd", [])) + ")")
print("volumes=(" + " ".join(shlex.quote(v) for v in c.get("Volumes", {})) + ")")
print("ports=(" + " ".join(shlex.quote(p) for p in c.get("ExposedPorts", {})) + ")")
PY
# shellcheck disable=SC1091
source "$work/config.sh"
[[ "${volumes[*]}" == /data ]] || die "the image's volumes are '${volumes[*]}', not /data"
[[ "${ports[*]}" == 8080/tcp ]] || die "the image exposes '${ports[*]}', not 8080/tcp"
[[ "${user%%:*}" != 0 && "${user%%:*}" != root ]] || die "the image runs as root ($user)"
owner="$(stat -c %u:%g "$root/data")"
[[ "$owner" == "$user" ]] || die "/data in the image belongs to $owner, not to the image's user $user"
unpacked=$(date +%s.%N)
size_mb="$(du -sm "$root" | cut -f1)"

# A named volume starts as a copy of the image's /data (owner included); a bind mount stands in for it here.
chown "$user" "$volume"
mkdir -p "$root/proc"
# exit 77 (skipped, as automake's tests say): root without the right to mount, e.g. in an unprivileged container
mount -t proc proc "$root/proc" || { echo "check-image: cannot mount /proc here: skipped" >&2; exit 77; }
mount --bind "$volume" "$root/data"
# The devices every container runtime gives (the JVM seeds SecureRandom from /dev/urandom).
mkdir -p "$root/dev"
mount -t tmpfs -o mode=755,size=64k tmpfs "$root/dev"
while read -r name major minor; do
  mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done <<'DEVICES'
null 1 3
zero 1 5
full 1 7
random 1 8
urandom 1 9
DEVICES

log="$work/portal.log"
# Like `docker run -e ZOCALO_PORT=$port -e ZOCALO_BASE=...`: the network is the host's here, so the port is moved.
[[ ! -e "$root/bin/sh" ]] || die "the image has a shell (/bin/sh); it should hold the runtime alone"
env -i "${env[@]}" ZOCALO_PORT="$port" ZOCALO_BASE="http://localhost:$port/" \
  "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" "${cmd[@]}" > "$log" 2>&1 &
pid=$!

ready=""
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" -o "$work/ready.json" 2>/dev/null; then ready=yes; break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "the portal exited before it was ready"; }
  sleep 0.25
done
[[ -n "$ready" ]] || { cat "$log" >&2; die "not ready on port $port after 60 s"; }
up=$(date +%s.%N)

curl -fsS "http://127.0.0.1:$port/health" | grep -q '"status":"up"' || die "/health did not answer up"
grep -q '"status":"ready"' "$work/ready.json" || die "/health/ready: $(cat "$work/ready.json")"
curl -fsS -H 'Accept-Language: es' "http://127.0.0.1:$port/" -o "$work/home.html" || die "the home page failed"
grep -qi '<html' "$work/home.html" || die "the home page is not HTML"
[[ -s "$volume/zocalo-data.properties" ]] || die "the portal wrote no zocalo-data.properties into the /data volume"
[[ -d "$volume/tdb2" ]] || die "the portal made no tdb2/ store in the /data volume"
written_by="$(stat -c %u:%g "$volume/zocalo-data.properties")"
[[ "$written_by" == "$user" ]] || die "the data files belong to $written_by, not to $user"

# A second process in the running container, as `docker exec`: the backup, which the serving portal writes.
backup="$(env -i "${env[@]}" "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" \
  backup --to /data/check-backup.zip 2>&1)" || die "backup in the running container failed: $backup"
grep -q 'through the running portal' <<<"$backup" || die "the backup was not made by the running portal: $backup"
[[ -s "$volume/check-backup.zip" ]] || die "no backup zip in the volume"

term=$(date +%s.%N)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
stopped=$(date +%s.%N)
[[ -z "${CHECK_IMAGE_LOG:-}" ]] || cp "$log" "$CHECK_IMAGE_LOG"
# 143: the JVM ended by SIGTERM after its shutdown hooks ran (what systemd's SuccessExitStatus=143 accepts)
[[ "$status" == 0 || "$status" == 143 ]] || { cat "$log" >&2; die "exit status $status after SIGTERM"; }
grep -q 'the store is closed' "$log" || { cat "$log" >&2; die "no graceful stop in the log after SIGTERM"; }

printf 'check-image: %s ok: unpacked %s MB in %.1f s; as %s, ready in %.1f s; /health, /health/ready, / answered; /data written as %s; backup made; SIGTERM -> exit %s in %.1f s\n' \
  "$(basename "$image")" "$size_mb" "$(secs "$started" "$unpacked")" "$user" \
  "$(secs "$unpacked" "$up")" "$written_by" "$status" "$(secs "$term" "$stopped")"
