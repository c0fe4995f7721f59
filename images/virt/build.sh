#!/bin/bash
# Rebuild the Orrery `virt` guest images from Debian 12 (bookworm) packages.
#
#   images/virt/build.sh [step...]      steps: deps firmware kernel busybox rootfs meta
#                                        (default: all of them, in that order)
#
# Needs root for `apt-get` (the `deps` step); every other step runs as any user.
# The build tree lives outside the repository, in $BUILD_DIR
# (default /var/tmp/orrery-virt-build); only the products are written here.
# Timing (2 cores shared with other jobs, load 6-10): deps ~1.5 min, kernel
# 23-32 min, BusyBox 11-12 min, the rest seconds; on 2 idle cores expect
# roughly kernel 6-10 min, BusyBox 3-5 min.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${BUILD_DIR:-/var/tmp/orrery-virt-build}"
JOBS="${JOBS:-2}"
CROSS=riscv64-linux-gnu-

# Reproducibility: fixed timestamps, user and host for every product.
# 2023-01-01T00:00:00Z; any constant works, this one predates all sources.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1672531200}"
export KBUILD_BUILD_TIMESTAMP="@${SOURCE_DATE_EPOCH}"
export KBUILD_BUILD_USER=orrery
export KBUILD_BUILD_HOST=orrery
export KBUILD_BUILD_VERSION=1
export KCONFIG_NOTIMESTAMP=1
export TZ=UTC LC_ALL=C

# Debian packages the recipe installs (build tools + the packages whose
# contents become products).
BUILD_DEPS=(
  linux-source-6.1 gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu
  gcc make bc bison flex libelf-dev libssl-dev cpio kmod rsync python3 xz-utils bzip2 gzip
  dpkg-dev opensbi u-boot-qemu
)

log() { printf '\n=== %s\n' "$*" >&2; }

step_deps() {
  log "deps: apt-get install ${BUILD_DEPS[*]}"
  # `apt-get source busybox` needs deb-src entries; add them once.
  local src=/etc/apt/sources.list.d/orrery-deb-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && \
     ! grep -qs '^deb-src' /etc/apt/sources.list; then
    cat > "$src" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o DPkg::Lock::Timeout=600 "${BUILD_DEPS[@]}"
}

step_firmware() {
  log "firmware: OpenSBI (generic platform) and U-Boot qemu-riscv64_smode"
  local sbi=/usr/lib/riscv64-linux-gnu/opensbi/generic
  mkdir -p "$HERE/opensbi" "$HERE/u-boot"
  install -m 0644 "$sbi/fw_dynamic.bin" "$sbi/fw_dynamic.elf" \
                  "$sbi/fw_jump.bin" "$sbi/fw_jump.elf" "$HERE/opensbi/"
  install -m 0644 /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin "$HERE/u-boot/"
}

step_kernel() {
  log "kernel: Linux 6.1 from linux-source-6.1 (allnoconfig + config-fragment)"
  local k="$BUILD_DIR/linux-source-6.1"
  mkdir -p "$BUILD_DIR"
  rm -rf "$k"
  tar -C "$BUILD_DIR" -xJf /usr/src/linux-source-6.1.tar.xz
  local mk=(make -C "$k" ARCH=riscv CROSS_COMPILE="$CROSS" -j"$JOBS")
  "${mk[@]}" KCONFIG_ALLCONFIG="$HERE/linux/config-fragment" allnoconfig >/dev/null
  # Every `=y`/`=N` line of the fragment must have survived Kconfig's
  # dependency resolution; a silently dropped option is a broken guest.
  local missing=0 line
  while IFS= read -r line; do
    case "$line" in CONFIG_*=*) ;; *) continue ;; esac
    grep -qxF "$line" "$k/.config" || { echo "not applied: $line" >&2; missing=1; }
  done < "$HERE/linux/config-fragment"
  [ "$missing" = 0 ] || { echo "config-fragment not fully applied" >&2; exit 1; }
  "${mk[@]}" Image.gz
  install -m 0644 "$k/arch/riscv/boot/Image.gz" "$HERE/linux/Image.gz"
  install -m 0644 "$k/.config" "$HERE/linux/config"
}

step_busybox() {
  log "busybox: static BusyBox from Debian's busybox source package"
  local b="$BUILD_DIR/busybox"
  rm -rf "$b"; mkdir -p "$b"
  (cd "$b" && apt-get source -qq busybox)
  local src; src="$(find "$b" -maxdepth 1 -mindepth 1 -type d -name 'busybox-*' | head -n1)"
  ln -sfn "$src" "$b/src"
  local mk=(make -C "$b/src" CROSS_COMPILE="$CROSS" -j"$JOBS")
  "${mk[@]}" defconfig >/dev/null
  # Apply our overrides (config-overrides: CONFIG_X=y / # CONFIG_X is not set).
  local line name
  while IFS= read -r line; do
    case "$line" in
      CONFIG_*=*) name="${line%%=*}" ;;
      "# CONFIG_"*" is not set") name="${line#\# }"; name="${name%% *}" ;;
      *) continue ;;
    esac
    sed -i -e "/^${name}=/d" -e "/^# ${name} is not set/d" "$b/src/.config"
    echo "$line" >> "$b/src/.config"
  done < "$HERE/rootfs/busybox-config-overrides"
  # `yes` dies of SIGPIPE when oldconfig is done; that is not a failure.
  { yes '' || true; } | "${mk[@]}" oldconfig >/dev/null
  "${mk[@]}" busybox busybox.links
  cp "$b/src/.config" "$HERE/rootfs/busybox-config"
}

step_rootfs() {
  log "rootfs: newc cpio of BusyBox + init files (rootfs.cpio.gz)"
  local b="$BUILD_DIR/busybox/src" r="$BUILD_DIR/rootfs"
  local gen="$BUILD_DIR/linux-source-6.1/usr/gen_init_cpio"
  rm -rf "$r"; mkdir -p "$r"
  # The kernel's own cpio writer: builds device nodes and owners without root.
  [ -x "$gen" ] || gcc -O2 -o "$r/gen_init_cpio" "$BUILD_DIR/linux-source-6.1/usr/gen_init_cpio.c"
  [ -x "$gen" ] || gen="$r/gen_init_cpio"
  # Copies with fixed mtimes (gen_init_cpio records each file's mtime).
  install -m 0755 "$b/busybox" "$r/busybox"
  install -m 0755 "$HERE/rootfs/init" "$r/init"
  install -m 0644 "$HERE/rootfs/inittab" "$r/inittab"
  install -m 0644 "$HERE/rootfs/profile" "$r/profile"
  touch -h -d "@$SOURCE_DATE_EPOCH" "$r"/*
  # Full file list = hand-written base + one symlink per applet, sorted.
  {
    sed -e '/^#/d' -e '/^$/d' -e "s|@ROOTFS@|$r|g" "$HERE/rootfs/initramfs.list"
    sed -e 's|^/||' "$b/busybox.links" | sort -u | while IFS= read -r p; do
      [ "$p" = bin/busybox ] && continue
      # Relative target so links also work from a mounted copy.
      local depth="${p//[^\/]/}" up=""
      for ((i = 0; i < ${#depth}; i++)); do up="../$up"; done
      printf 'slink /%s %sbin/busybox 0777 0 0\n' "$p" "$up"
    done
  } > "$r/initramfs.full.list"
  "$gen" -t "$SOURCE_DATE_EPOCH" "$r/initramfs.full.list" > "$r/rootfs.cpio"
  gzip -n -9 -c "$r/rootfs.cpio" > "$HERE/rootfs/rootfs.cpio.gz"
  sed -e "s|$r|@ROOTFS@|g" "$r/initramfs.full.list" > "$HERE/rootfs/initramfs.full.list"
}

step_meta() {
  log "meta: VERSIONS and LICENSES"
  {
    echo "# Debian 12 (bookworm) package versions used to build images/virt"
    echo "# (dpkg-query -W), written by build.sh."
    dpkg-query -W linux-source-6.1 opensbi u-boot-qemu gcc-riscv64-linux-gnu \
      gcc-12-riscv64-linux-gnu binutils-riscv64-linux-gnu libc6-dev-riscv64-cross \
      linux-libc-dev-riscv64-cross gcc make bc bison flex cpio gzip dpkg-dev
    echo "# Reference emulator the images were checked on (not a build input):"
    dpkg-query -W qemu-system-misc 2>/dev/null || true
    local dsc
    dsc="$(find "$BUILD_DIR/busybox" -maxdepth 1 -name 'busybox_*.dsc' | head -n1)"
    [ -n "$dsc" ] && printf 'busybox (source)\t%s\n' "$(sed -n 's/^Version: //p' "$dsc")"
  } > "$HERE/VERSIONS"
  mkdir -p "$HERE/LICENSES"
  install -m 0644 /usr/share/doc/opensbi/copyright "$HERE/LICENSES/opensbi.copyright"
  install -m 0644 /usr/share/doc/u-boot-qemu/copyright "$HERE/LICENSES/u-boot.copyright"
  install -m 0644 /usr/share/doc/linux-source-6.1/copyright "$HERE/LICENSES/linux.copyright"
  install -m 0644 "$BUILD_DIR/linux-source-6.1/COPYING" "$HERE/LICENSES/linux.COPYING"
  # COPYING only points at these two texts.
  install -m 0644 "$BUILD_DIR/linux-source-6.1/LICENSES/preferred/GPL-2.0" "$HERE/LICENSES/linux.GPL-2.0"
  install -m 0644 "$BUILD_DIR/linux-source-6.1/LICENSES/exceptions/Linux-syscall-note" \
                  "$HERE/LICENSES/linux.Linux-syscall-note"
  install -m 0644 "$BUILD_DIR/busybox/src/debian/copyright" "$HERE/LICENSES/busybox.copyright"
  install -m 0644 "$BUILD_DIR/busybox/src/LICENSE" "$HERE/LICENSES/busybox.LICENSE"
  # The static BusyBox links glibc (LGPL-2.1+): its terms travel with the binary.
  install -m 0644 /usr/share/doc/libc6-dev-riscv64-cross/copyright "$HERE/LICENSES/glibc.copyright"
  (cd "$HERE" && sha256sum opensbi/* u-boot/* linux/Image.gz rootfs/rootfs.cpio.gz) > "$HERE/SHA256SUMS"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(deps firmware kernel busybox rootfs meta)
for s in "${steps[@]}"; do
  start=$SECONDS
  "step_$s"
  log "$s done in $((SECONDS - start)) s"
done
