#!/usr/bin/env python3
"""Writes the sysfs fixture trees the detection tests read: only files the detector reads, few caches.

Run from this folder: python3 make-fixtures.py. Each tree stands in for / (sys/..., proc/self/...).
"""
import os
import shutil


def cpulist(cpus):
    cpus = sorted(set(cpus))
    parts, i = [], 0
    while i < len(cpus):
        j = i
        while j + 1 < len(cpus) and cpus[j + 1] == cpus[j] + 1:
            j += 1
        parts.append(str(cpus[i]) if i == j else f"{cpus[i]}-{cpus[j]}")
        i = j + 1
    return ",".join(parts)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text + "\n")


def host(name, cpus, package, siblings, caches, online, possible, nodes=None, distances=None,
         affinity=None, cgroup=None, cpuset=None, hostname=None, model=None):
    """caches: list of (index, level, type, function cpu -> shared cpus)."""
    root = name
    shutil.rmtree(root, ignore_errors=True)
    base = "sys/devices/system/cpu"
    write(root, f"{base}/online", online)
    write(root, f"{base}/possible", possible)
    for cpu in cpus:
        write(root, f"{base}/cpu{cpu}/topology/physical_package_id", str(package(cpu)))
        write(root, f"{base}/cpu{cpu}/topology/thread_siblings_list", cpulist(siblings(cpu)))
        for index, level, kind, shared in caches:
            write(root, f"{base}/cpu{cpu}/cache/index{index}/level", str(level))
            write(root, f"{base}/cpu{cpu}/cache/index{index}/type", kind)
            write(root, f"{base}/cpu{cpu}/cache/index{index}/shared_cpu_list", cpulist(shared(cpu)))
    if nodes:
        write(root, "sys/devices/system/node/online", cpulist(range(len(nodes))))
        for node, node_cpus in enumerate(nodes):
            write(root, f"sys/devices/system/node/node{node}/cpulist", cpulist(node_cpus))
            write(root, f"sys/devices/system/node/node{node}/distance", " ".join(map(str, distances[node])))
    if affinity is not None:
        write(root, "proc/self/status", f"Name:\tmountsim\nCpus_allowed:\tffff\nCpus_allowed_list:\t{affinity}")
    if cgroup is not None:
        write(root, "proc/self/cgroup", cgroup)
        write(root, f"sys/fs/cgroup{cgroup.split(':', 2)[2]}/cpuset.cpus.effective", cpuset)
    if hostname:
        write(root, "proc/sys/kernel/hostname", hostname)
    if model:
        write(root, "proc/cpuinfo", f"processor\t: 0\nmodel name\t: {model}")


# A 2-vCPU KVM guest without SMT, like the measurement guest. The L3 sits at index2 and the
# per-CPU L2 at index3, so a detector that picks the LLC by index number gets it wrong. No NUMA dir.
host("vm-2cpu", range(2), lambda c: 0, lambda c: [c],
     [(0, 1, "Data", lambda c: [c]), (1, 1, "Instruction", lambda c: [c]),
      (2, 3, "Unified", lambda c: [0, 1]), (3, 2, "Unified", lambda c: [c])],
     online="0-1", possible="0-1", affinity="0-1", hostname="guest", model="AMD EPYC Processor")

# A dual-socket Intel host with Hyper-Threading: 2 x 4 cores x 2, siblings n and n + 8,
# one L3 per socket, two NUMA nodes, 32 possible CPUs (hot-plug slots).
INTEL = 16
def intel_socket(c): return (c % 8) // 4
def intel_socket_cpus(s): return [c for c in range(INTEL) if intel_socket(c) == s]
host("intel-2s-4c-ht", range(INTEL), intel_socket, lambda c: [c % 8, c % 8 + 8],
     [(0, 1, "Data", lambda c: [c % 8, c % 8 + 8]), (3, 3, "Unified", lambda c: intel_socket_cpus(intel_socket(c)))],
     online="0-15", possible="0-31", nodes=[intel_socket_cpus(0), intel_socket_cpus(1)],
     distances=[[10, 21], [21, 10]], affinity="0-15", model="Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz")

# An AMD host with SMT and two 8-core LLC domains (CCX): 1 x 16 x 2, siblings n and n + 16.
AMD = 32
def ccx(c): return (c % 16) // 8
def ccx_cpus(k): return [c for c in range(AMD) if ccx(c) == k]
host("amd-1s-2ccx-smt", range(AMD), lambda c: 0, lambda c: [c % 16, c % 16 + 16],
     [(3, 3, "Unified", lambda c: ccx_cpus(ccx(c)))],
     online="0-31", possible="0-31", nodes=[list(range(AMD))], distances=[[10]], affinity="0-31")

# A container on a 1 x 8 x 2 Intel host (siblings n and n + 8): cgroup v2 cpuset 2-5,10-13 and a
# process affinity of 0-11 leave 2-5,10-11, so two cores keep one thread only.
host("cpuset-restricted", range(16), lambda c: 0, lambda c: [c % 8, c % 8 + 8],
     [(0, 1, "Data", lambda c: [c % 8, c % 8 + 8]), (3, 3, "Unified", lambda c: list(range(16)))],
     online="0-15", possible="0-15", nodes=[list(range(16))], distances=[[10]],
     affinity="0-11", cgroup="0::/kubepods/pod42", cpuset="2-5,10-13")
