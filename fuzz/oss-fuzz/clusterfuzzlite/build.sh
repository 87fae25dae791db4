#!/bin/bash -eu
# ClusterFuzzLite build: the same as OSS-Fuzz's, kept in one place.
exec sh -eu "$SRC/staple/fuzz/oss-fuzz/build.sh"
