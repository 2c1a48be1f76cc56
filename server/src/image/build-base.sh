#!/usr/bin/env bash
# Builds the base of the Zócalo container image from this machine's own JDK and Debian libraries, without a container
# registry or daemon: a jlink'ed Java runtime in /opt/java, the shared libraries it links (found with ldd), an
# unprivileged user, /tmp and the /data volume's mount point owned by that user. The result is a one-layer image in
# `docker save` format, which Jib takes as its base image (tar://...).
#
#   build-base.sh OUTPUT.tar [WORK-DIR]
#
# Needs a full JDK 17 (jlink and its jmods), ldd, GNU tar and sha256sum. Timestamps and owners are fixed, so the same
# JDK and libraries give the same layer.
set -euo pipefail

out="${1:?usage: build-base.sh OUTPUT.tar [WORK-DIR]}"
work="${2:-$(dirname "$out")/image-base}"
uid=10001

die() { echo "build-base: $*" >&2; exit 1; }

jlink="$(command -v jlink || true)"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jlink" ]] && jlink="$JAVA_HOME/bin/jlink"
[[ -n "$jlink" ]] || die "jlink not found: a full JDK 17 is needed (Debian: apt-get install openjdk-17-jdk-headless)"
jdk="$(dirname "$(dirname "$(readlink -f "$jlink")")")"
[[ -d "$jdk/jmods" ]] || die "$jdk has no jmods/ directory: jlink needs the JDK's modules (Debian: openjdk-17-jdk-headless)"
release="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.version =/ {print $2}')"
[[ "${release%%.*}" == 17 ]] || die "the image's runtime is Java 17; $jdk is Java $release"
command -v ldd >/dev/null || die "ldd not found"

rm -rf "$work"
root="$work/rootfs"
mkdir -p "$root"

# The modules the portal uses: `jdeps --print-module-deps --multi-release 17 --ignore-missing-deps` on the fat jar
# (55 s, so done once and listed here), plus what is only found at run time through service loaders:
# jdk.localedata (Spanish dates and numbers; only es and en kept), jdk.crypto.ec (TLS to harvested catalogs and
# remote stores), jdk.charsets (source files in Windows-1252 or Latin-1), jdk.zipfs, jdk.naming.dns.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.scripting
modules+=,java.security.jgss,java.security.sasl,java.sql,java.xml.crypto,jdk.management,jdk.net,jdk.unsupported
modules+=,jdk.localedata,jdk.crypto.ec,jdk.charsets,jdk.zipfs,jdk.naming.dns

"$jlink" --module-path "$jdk/jmods" --add-modules "$modules" --include-locales=en,es \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# Headless only: drop the X11 toolkit, the splash screen and the AWT native interface (they would pull in X11).
rm -f "$root"/opt/java/lib/{libawt_xawt.so,libsplashscreen.so,libjawt.so}

# The CA certificates: Debian's JDK points lib/security/cacerts at /etc/ssl/certs/java/cacerts; copy the file itself.
if [[ -L "$root/opt/java/lib/security/cacerts" || ! -s "$root/opt/java/lib/security/cacerts" ]]; then
  src="$(readlink -f "$jdk/lib/security/cacerts")"
  [[ -s "$src" ]] || die "no CA certificates at $jdk/lib/security/cacerts (Debian: apt-get install ca-certificates-java)"
  rm -f "$root/opt/java/lib/security/cacerts"
  cp "$src" "$root/opt/java/lib/security/cacerts"
fi
# Any other link left pointing outside the runtime (Debian links some conf files into /etc) becomes its file.
find "$root/opt/java" -type l | while read -r link; do
  target="$(readlink -f "$link" || true)"
  if [[ -n "$target" && -f "$target" && "$target" != "$root"/* ]]; then rm "$link"; cp "$target" "$link"; fi
done

# The shared libraries the runtime links, at the paths the loader looks in (links resolved to files), and libgcc_s,
# which glibc opens at run time to unwind threads.
copy_lib() {
  local lib="$1"
  [[ -e "$root$lib" ]] && return 0
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
}
while read -r elf; do
  ldd "$elf" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \)) | grep -v "^$root/" | sort -u \
  | while read -r lib; do
  copy_lib "$lib"
done
gcc_s="$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64|libgcc_s.so.1 .*AArch64/ {print $NF; exit}')"
[[ -n "$gcc_s" ]] && copy_lib "$gcc_s"
missing="$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null | grep 'not found' \
           | grep -v -E 'libjvm.so' | sort -u || true)"
[[ -z "$missing" ]] || die "libraries not found on this machine: $missing"

# Users, /tmp and the data directory. The portal runs as zocalo (uid $uid), which owns /data.
mkdir -p "$root/etc" "$root/tmp" "$root/data"
printf 'root:x:0:0:root:/root:/sbin/nologin\nzocalo:x:%s:%s:Zocalo portal:/data:/sbin/nologin\n' $uid $uid > "$root/etc/passwd"
printf 'root:x:0:\nzocalo:x:%s:\n' $uid > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chmod 0755 "$root/data"

# One layer: everything owned by root but /data; fixed times and order.
layer="$work/layer.tar"
top=()
while read -r d; do top+=("$d"); done < <(cd "$root" && ls -1 | grep -v '^data$' | LC_ALL=C sort)
tar_opts=(--sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=delete=atime,delete=ctime)
tar -C "$root" "${tar_opts[@]}" --owner=0 --group=0 -cf "$layer" "${top[@]}"
tar -C "$root" "${tar_opts[@]}" --owner=$uid --group=$uid --no-recursion -rf "$layer" data

diff="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"
case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"$uid:$uid","WorkingDir":"/data"},
 "rootfs":{"type":"layers","diff_ids":["$diff"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"server/src/image/build-base.sh: jlink Java $release ($modules), its libraries from $(. /etc/os-release && echo "$PRETTY_NAME")"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["zocalo-base:java%s"],"Layers":["layer.tar"]}]\n' "${release%%.*}" > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out" manifest.json config.json layer.tar
echo "build-base: $out ($(du -h "$layer" | cut -f1) layer, Java $release, $diff)" >&2
