#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying and testing `amtron sweep` on a real batch engine
# (docs/sweeps.md): munged, slurmctld and slurmd on this host, run as root, no systemd. Debian packages:
#   apt-get install slurm-wlm munge
# Usage: deploy/slurm/local-cluster.sh start | stop | status
#   start  writes slurm.conf into $AMTRON_SLURM_DIR (default /tmp/amtron-slurm), starts the daemons, waits until the
#          node is idle, and prints the line to export: SLURM_CONF=... (sbatch, squeue and sinfo read it)
#   stop   stops the daemons it started (by their pid files)
# Nothing outside $AMTRON_SLURM_DIR is written but munged's socket directory (/run/munge) and, only when the
# package left none, its key (/etc/munge/munge.key).
set -euo pipefail
dir="${AMTRON_SLURM_DIR:-/tmp/amtron-slurm}"
conf="$dir/slurm.conf"
host="$(hostname -s)"

fail() { echo "local-cluster: $*" >&2; exit 1; }

start() {
  for program in munged slurmctld slurmd sinfo; do
    command -v "$program" >/dev/null || fail "$program is not installed (apt-get install slurm-wlm munge)"
  done
  [ "$(id -u)" = 0 ] || fail "run it as root: the daemons of a one-node cluster without systemd run as root"
  mkdir -p "$dir/state" "$dir/spool" /run/munge
  chown munge:munge /run/munge 2>/dev/null || true
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile /etc/munge/munge.key 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  fi
  if ! pgrep -x munged >/dev/null; then
    # As the munge user where possible (as the package would run it); as root with --force otherwise.
    su -s /bin/sh munge -c munged 2>/dev/null || munged --force
  fi
  munge -n | unmunge >/dev/null || fail "munge does not work (see /var/log/munge/munged.log)"

  cpus="$(nproc)"
  memory="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
  cat >"$conf" <<CONF
# Written by deploy/slurm/local-cluster.sh: one node, this host, everything as root.
ClusterName=amtron-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MaxArraySize=1001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$conf"
  stop_daemons
  slurmctld -f "$conf" -c
  slurmd -f "$conf"
  for _ in $(seq 1 60); do
    state="$(sinfo -h -N -o %T 2>/dev/null | head -1 || true)"
    case "$state" in
      idle*|mixed*|allocated*) echo "SLURM_CONF=$conf"; return 0 ;;
      down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 1
  done
  fail "the node did not come up (state '${state:-none}'); see $dir/slurmctld.log and $dir/slurmd.log"
}

stop_daemons() {
  for daemon in slurmd slurmctld; do
    pid="$(cat "$dir/$daemon.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    fi
    rm -f "$dir/$daemon.pid"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_daemons ;;
  status) SLURM_CONF="$conf" sinfo ;;
  *) echo "usage: $0 start | stop | status" >&2; exit 2 ;;
esac
