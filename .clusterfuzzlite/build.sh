#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the project's own build script does the work.
exec "$SRC/imapguard/fuzz/build.sh"
