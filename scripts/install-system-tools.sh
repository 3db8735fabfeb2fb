#!/usr/bin/env bash
# System tools econ-trace needs for recording on a live kernel and for the browser test of
# report.html. Reports on the bundled fixtures need none of these: only Node 20 and npm.
# Debian/Ubuntu, as root.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-tools: run as root (sudo $0)" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# bpftrace and linux-perf record; clang, gcc and libbpf-dev build the native recorder (native/);
# iproute2 builds the lab; iperf3 and sockperf are its workloads;
# chromium opens report.html in the end-to-end test; time (GNU) measures peak memory in bench/; python3 runs the accuracy test's delayed reader.
apt-get install -y -qq --no-install-recommends \
  bpftrace linux-perf clang gcc libc6-dev libbpf-dev iproute2 iputils-ping iperf3 sockperf chromium time python3-minimal >/dev/null
echo "install-system-tools: bpftrace $(bpftrace --version 2>/dev/null | awk '{print $2}'), $(perf --version 2>/dev/null), $(clang --version 2>/dev/null | head -1), $(iperf3 --version 2>/dev/null | head -1)"
