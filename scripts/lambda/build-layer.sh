#!/bin/sh
# Build the rasp-rs Lambda layer zip for one architecture.
#   scripts/lambda/build-layer.sh [x86_64|arm64] [config.json]
# x86_64: static musl binary, needs only `rustup target add x86_64-unknown-linux-musl`.
# arm64:  static musl binary for Graviton, needs `rustup target add aarch64-unknown-linux-musl`
#         and Debian's `gcc-aarch64-linux-gnu` as the linker (no container, no zig).
# The `layer` profile (root Cargo.toml) is opt-level "s", fat LTO, 1 codegen unit, stripped,
# panic=abort. Output: target/lambda/rasp-layer-<arch>.zip
set -eu
cd "$(dirname "$0")/../.."
arch="${1:-x86_64}"
config="${2:-}"
case "$arch" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    arm64 | aarch64)
        arch=arm64
        target=aarch64-unknown-linux-musl
        export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER="${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER:-aarch64-linux-gnu-gcc}"
        export CC_aarch64_unknown_linux_musl="${CC_aarch64_unknown_linux_musl:-aarch64-linux-gnu-gcc}"
        ;;
    *) echo "usage: $0 [x86_64|arm64] [config.json]" >&2; exit 2 ;;
esac
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
cargo build --profile layer -p rasp-cli --target "$target"
tdir="${CARGO_TARGET_DIR:-target}"
bin="$tdir/$target/layer/rasp"
mkdir -p "$tdir/lambda"
out="$tdir/lambda/rasp-layer-$arch.zip"
# The zip is written by the x86_64 host's own `rasp` when cross-building.
packer="$bin"
[ "$arch" = x86_64 ] || packer="$tdir/x86_64-unknown-linux-musl/layer/rasp"
[ -x "$packer" ] || packer="$bin"
if [ -n "$config" ]; then
    "$packer" lambda-layer --out "$out" --binary "$bin" --config "$config"
else
    "$packer" lambda-layer --out "$out" --binary "$bin"
fi
ls -l "$bin" "$out"
