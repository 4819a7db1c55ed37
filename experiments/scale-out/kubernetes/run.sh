#!/bin/sh
# The whole sweep on Kubernetes, from the repository's root: the experiment as a ConfigMap, the shards as an
# Indexed Job, the merge once every shard is complete. The image must be where the cluster pulls from (mountsim:latest).
set -eu
here=$(dirname "$0")
kubectl create configmap mountsim-experiment --from-file=experiments/mount-mayhem.yaml --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f "$here/indexed-job.yaml"
kubectl wait --for=condition=complete --timeout=72h job/mountsim-shards
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete --timeout=1h job/mountsim-merge
kubectl logs job/mountsim-merge
