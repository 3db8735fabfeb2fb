/**
 * Which probe reaches each probe point, per mechanism, and which checkpoints (src/model/
 * checkpoint.ts, ECON.md's stage table) the point serves. The function probes are those of
 * bpftrace/econ-trace-{fentry,kprobe}.bt and their -econ parts; the tracepoints those of
 * bpftrace/econ-trace-tracepoints.bt. Probe strings use bpftrace 0.17's fentry spelling;
 * planProbes renames them for newer bpftrace.
 */
import type { CheckpointId } from '../model/checkpoint.js';
import type { ProbePoint } from '../model/event.js';

export interface PointProbes {
  point: ProbePoint;
  /** Only on ECON kernels (the function exists only there). */
  econ: boolean;
  fentry: string | null;
  kprobe: string | null;
  tracepoint: string | null;
  /** Checkpoints an event of this point can become, depending on the device's role. */
  checkpoints: CheckpointId[];
}

const fn = (name: string): { fentry: string; kprobe: string } => ({
  fentry: `kfunc:${name}`,
  kprobe: `kprobe:${name}`,
});
// Return-value functions: the entry keeps the time, the return prints `ret`.
const fnRet = (name: string): { fentry: string; kprobe: string } => ({
  fentry: `kfunc:${name},kretfunc:${name}`,
  kprobe: `kprobe:${name},kretprobe:${name}`,
});
const none = { fentry: null, kprobe: null };

/**
 * __udp4_lib_lookup is not here: its skb is its ninth argument, out of reach of kprobes (six
 * register arguments) and of bpftrace 0.17's fentry (six parameters at most), so its events could
 * not be tied to a packet. udp_rcv(skb) stands for the outer UDP receive and its lookup.
 */
export const POINT_PROBES: readonly PointProbes[] = [
  {
    point: 'napi_gro_receive_entry',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:net:napi_gro_receive_entry',
    checkpoints: ['nic_rx'],
  },
  {
    point: 'netif_receive_skb',
    econ: false,
    ...fn('netif_receive_skb'),
    tracepoint: 'tracepoint:net:netif_receive_skb',
    checkpoints: ['outer_rcv', 'inner_rcv', 'container_rcv'],
  },
  {
    point: 'udp_rcv',
    econ: false,
    ...fn('udp_rcv'),
    tracepoint: null,
    checkpoints: ['outer_lookup', 'transport_rcv'],
  },
  {
    point: 'vxlan_rcv',
    econ: false,
    ...fn('vxlan_rcv'),
    tracepoint: null,
    checkpoints: ['vxlan_decap'],
  },
  {
    point: 'netif_rx',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:net:netif_rx',
    checkpoints: ['decap_queue', 'backlog'],
  },
  {
    point: 'net_dev_start_xmit',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:net:net_dev_start_xmit',
    checkpoints: ['tx_container', 'tx_host_veth', 'tx_vxlan', 'tx_underlay', 'veth_xmit'],
  },
  {
    point: 'tcp_v4_rcv',
    econ: false,
    ...fn('tcp_v4_rcv'),
    tracepoint: null,
    checkpoints: ['transport_rcv'],
  },
  {
    point: 'sk_data_ready',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:sock:sk_data_ready',
    checkpoints: ['sock_ready'],
  },
  {
    point: 'skb_copy_datagram_iovec',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:skb:skb_copy_datagram_iovec',
    checkpoints: ['app_read'],
  },
  {
    point: 'consume_skb',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:skb:consume_skb',
    checkpoints: ['freed'],
  },
  {
    point: 'kfree_skb',
    econ: false,
    ...none,
    tracepoint: 'tracepoint:skb:kfree_skb',
    checkpoints: ['freed'],
  },
  { point: 'econ_rx', econ: true, ...fnRet('econ_rx'), tracepoint: null, checkpoints: ['econ_rx'] },
  {
    point: 'econ_rx_lookup',
    econ: true,
    ...fnRet('econ_rx_lookup'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_rx_deliver',
    econ: true,
    ...fnRet('econ_rx_deliver'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_rx_insert',
    econ: true,
    ...fn('econ_rx_insert'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_rx_remove',
    econ: true,
    ...fn('econ_rx_remove'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_rx_remove_all',
    econ: true,
    ...fn('econ_rx_remove_all'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_tx_insert',
    econ: true,
    ...fnRet('econ_tx_insert'),
    tracepoint: null,
    checkpoints: [],
  },
  {
    point: 'econ_xmit',
    econ: true,
    ...fnRet('econ_xmit'),
    tracepoint: null,
    checkpoints: ['econ_xmit'],
  },
  {
    point: 'econ_filter_skb',
    econ: true,
    ...fnRet('econ_filter_skb'),
    tracepoint: null,
    checkpoints: [],
  },
];
