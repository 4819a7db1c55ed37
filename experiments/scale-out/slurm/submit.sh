#!/bin/sh
# The whole sweep on Slurm, from the repository's root: the shards as a job array, then the merge once all of them
# succeeded (afterok on an array waits for every task). MOUNTSIM, EXPERIMENT, RESULTS, OUTPUT pass through to both.
set -eu
here=$(dirname "$0")
array=$(sbatch --parsable --export=ALL "$here/sweep.sbatch")
array=${array%%;*}
sbatch --dependency=afterok:"$array" --export=ALL "$here/merge.sbatch"
echo "shards: job $array; the merge starts when every shard succeeded"
