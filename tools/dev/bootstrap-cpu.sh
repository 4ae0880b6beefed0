#!/usr/bin/env bash
# Prints the LAMBDA_CORO_BOOTSTRAP_CPU this machine can run: "lambda" (x86_64: Haswell or
# newer, as every Lambda host is; aarch64) or "portable" for an older x86_64 machine.
set -euo pipefail
if [ "$(uname -m)" = x86_64 ]; then
  for flag in avx2 bmi2 pclmulqdq; do
    grep -qw "$flag" /proc/cpuinfo || { echo portable; exit 0; }
  done
fi
echo lambda
