/**
 * CPU stack samples for the renderer tests' sample model: folded stacks shaped like the lab's
 * receive path (softirq from the sender's transmit, backlog, gro cell, bridge, veth, socket),
 * CPU time per packet made up. The ECON run loses the stages ECON skips and gains econ_* frames.
 * One frame holds markup and a run of narrow frames must merge into an "other" box.
 */
import { summariseCpu } from '../../src/cpu/summarise-cpu.js';
import type { CpuSummary } from '../../src/model/cpu.js';
import { createIngestCounters } from '../../src/model/ingest.js';

// Folded stacks cannot hold `;` (the frame separator): markup and an ampersand only.
export const HOSTILE_FRAME = 'operator<<<script>&';

const SOFTIRQ =
  'iperf3;__libc_write;entry_SYSCALL_64_after_hwframe;do_syscall_64;ksys_write;udp_sendmsg;' +
  'ip_output;__dev_queue_xmit;__local_bh_enable_ip;do_softirq;handle_softirqs;net_rx_action;' +
  '__napi_poll';
const BACKLOG = `${SOFTIRQ};process_backlog;__netif_receive_skb_one_core`;
const GRO = `${SOFTIRQ};gro_cell_poll;napi_gro_receive;__netif_receive_skb_core`;
const INNER = `${BACKLOG};ip_rcv;ip_local_deliver;udp_rcv`;

/** Stacks (comm first) and their CPU time per packet in ns, for the vanilla run. */
const VANILLA: [string, number][] = [
  [`${BACKLOG};ip_local_deliver_finish;udp_unicast_rcv_skb;udp_queue_rcv_one_skb;vxlan_rcv`, 1_200],
  [`${BACKLOG};ip_rcv`, 900],
  [`${SOFTIRQ};gro_cell_poll;napi_gro_receive`, 800],
  [`${GRO};br_handle_frame;br_forward;veth_xmit`, 1_500],
  [`${GRO};br_handle_frame`, 1_000],
  [`${INNER};__udp4_lib_lookup`, 700],
  [`${INNER};__udp_enqueue_schedule_skb;sock_def_readable`, 1_100],
  ['iperf3;__sys_recvfrom;udp_recvmsg;skb_copy_datagram_iter', 2_500],
  [`iperf3;__sys_recvfrom;udp_recvmsg;${HOSTILE_FRAME}`, 400],
  [
    'iperf3;__libc_write;entry_SYSCALL_64_after_hwframe;do_syscall_64;ksys_write;udp_sendmsg',
    3_000,
  ],
  // Narrow frames under one parent: each far below a pixel, together visible.
  ...Array.from({ length: 12 }, (_, i): [string, number] => [`${INNER};udp_helper_${i}`, 4]),
  ['swapper;cpu_startup_entry;do_idle;default_idle', 50_000],
];

/** The ECON run: stages 3 to 9 gone for cached flows, econ_rx under the underlay's receive. */
const ECON: [string, number][] = [
  ...VANILLA.filter(([s]) => !/vxlan_rcv|br_handle_frame|gro_cell_poll|__udp4_lib_lookup/.test(s)),
  [`${BACKLOG};econ_rx;econ_rx_lookup`, 150],
  [`${BACKLOG};econ_rx;econ_rx_deliver;udp_rcv`, 300],
];

function summarise(stacks: [string, number][], packets: number): CpuSummary {
  const map = new Map(
    stacks.map(([stack, nsPerPacket]) => {
      const weight = nsPerPacket * packets;
      // One sample per 2,004,008 ns (499 Hz), at least one per stack.
      return [stack, { weight, samples: Math.max(1, Math.round(weight / 2_004_008)) }] as const;
    }),
  );
  let samples = 0;
  for (const e of map.values()) samples += e.samples;
  return summariseCpu({
    file: 'cpu/perf-script.txt.gz',
    event: 'cpu-clock:pppH',
    stacks: map,
    samples,
    samplesWithPeriod: samples,
    frequencyHz: 499,
    packets,
    ingest: createIngestCounters(),
  });
}

export function buildVanillaCpu(packets: number): CpuSummary {
  return summarise(VANILLA, packets);
}

export function buildEconCpu(packets: number): CpuSummary {
  return summarise(ECON, packets);
}
