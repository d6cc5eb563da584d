#!/bin/sh
# Reproduce the README's Lambda figures on this machine:
#   layer zip size, extension start-up to ready, added latency per invocation, extension RSS.
#   scripts/lambda/measure.sh [invocations]
# Uses the local Runtime/Extensions API from rasp-lambda's tests; no AWS account needed.
set -eu
cd "$(dirname "$0")/../.."
n="${1:-2000}"
scripts/lambda/build-layer.sh x86_64
tdir="${CARGO_TARGET_DIR:-target}"
bin="$tdir/x86_64-unknown-linux-musl/layer/rasp"
echo "layer zip: $(stat -c %s "$tdir/lambda/rasp-layer-x86_64.zip") bytes; unpacked binary: $(stat -c %s "$bin") bytes"
cargo run --release -q -p rasp-lambda --example lambda_measure -- "$bin" "$n"
