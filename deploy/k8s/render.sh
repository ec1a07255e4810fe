#!/usr/bin/env bash
# Renders each overlay with kubectl's built-in Kustomize into rendered/<overlay>.yaml. The rendered files
# are committed so the manifests can be checked on machines without kubectl; run this after any change
# under deploy/k8s (a test renders again where kubectl exists and compares).
set -euo pipefail

K8S=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null || { echo "render.sh needs kubectl (its built-in kustomize)" >&2; exit 1; }
mkdir -p "$K8S/rendered"
for overlay in "$K8S"/overlays/*/; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" >"$K8S/rendered/$name.yaml"
  echo "rendered/$name.yaml: $(grep -c '^kind:' "$K8S/rendered/$name.yaml") objects"
done
