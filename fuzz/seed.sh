#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the test fixtures and the hostile corpus.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/claims_loader corpus/fast_path corpus/literal corpus/formula corpus/rules_loader
for f in ../tests/fixtures/*/claims.yaml ../tests/hostile/*.claims.yaml ../tests/formats/claims.yaml ../claims.yaml; do
  cp "$f" "corpus/claims_loader/$(echo "$f" | tr '/.' '__')"
  cp "$f" "corpus/fast_path/$(echo "$f" | tr '/.' '__')"
done
for f in ../rules/*.yaml ../tests/fixtures/*/rules.yaml ../tests/hostile/*.rules.yaml; do
  cp "$f" "corpus/rules_loader/$(echo "$f" | tr '/.' '__')"
done
# Values and assertions of the fixtures, one a file.
i=0
grep -h -E '^\s+value:' ../tests/fixtures/*/claims.yaml ../claims.yaml | sed -E 's/^\s+value:\s*//' | while IFS= read -r v; do
  i=$((i + 1)); printf '%s' "$v" > "corpus/literal/v$i"
done
grep -h -E '^\s+assert:' ../tests/fixtures/*/claims.yaml ../claims.yaml | sed -E 's/^\s+assert:\s*//' | while IFS= read -r v; do
  i=$((i + 1)); printf '%s' "$v" > "corpus/formula/a$i"
done
