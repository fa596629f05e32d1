#!/usr/bin/env bash
# require-secrets.sh NAME...: fails in seconds naming every secret in NAME... that is empty in the
# environment (the step maps each from `secrets.NAME`), instead of a provider error minutes into
# `pulumi up`. The names and how to create each are in docs/running-for-real.md.
set -euo pipefail
missing=()
for name in "$@"; do
  if [ -z "${!name:-}" ]; then missing+=("$name"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "::error::missing repository or environment secrets: ${missing[*]} (docs/running-for-real.md says how to create each)"
  exit 1
fi
echo "all ${#} secrets set"
