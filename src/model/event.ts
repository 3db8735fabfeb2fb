/**
 * One observation of a packet at a probe point, as every parser emits it.
 * Parsers turn tool output (bpftrace CSV, perf script text) into this shape and nothing else.
 */

/** Where the event was taken: a tracepoint or a kernel function (probe-agnostic name). */
export const PROBE_POINTS = [
  'napi_gro_receive_entry',
  'netif_receive_skb',
  'netif_rx',
  'net_dev_start_xmit',
  '__udp4_lib_lookup',
  'vxlan_rcv',
  'udp_rcv',
  'tcp_v4_rcv',
  'sk_data_ready',
  'skb_copy_datagram_iovec',
  'consume_skb',
  'kfree_skb',
  'econ_rx',
  'econ_rx_lookup',
  'econ_rx_deliver',
  'econ_rx_insert',
  'econ_rx_remove',
  'econ_rx_remove_all',
  'econ_tx_insert',
  'econ_xmit',
  'econ_filter_skb',
] as const;

export type ProbePoint = (typeof PROBE_POINTS)[number];

const PROBE_POINT_SET: ReadonlySet<string> = new Set(PROBE_POINTS);

/** True when `name` is a probe point econ-trace understands. */
export function isProbePoint(name: string): name is ProbePoint {
  return PROBE_POINT_SET.has(name);
}

export interface TraceEvent {
  /** Nanoseconds since the run's clock origin (see ClockOrigin); an exact integer, never a float. */
  tsNs: number;
  /** CPU the event fired on; -1 when the source does not say. */
  cpu: number;
  /** Probe point the event came from. */
  point: ProbePoint;
  /** Network device name as the kernel reported it; '' when the point has none. Untrusted text. */
  dev: string;
  /** skb address, lowercase hex without 0x; '' when the point has none (e.g. sk_data_ready). */
  skb: string;
  /** skb->len in bytes as reported at this point; -1 when unknown. */
  lenBytes: number;
  /** skb->hash (flow hash); -1 when unknown. */
  hash: number;
  /** Inner IPv4 source address, dotted quad; '' when unknown. */
  saddr: string;
  /** Inner IPv4 destination address, dotted quad; '' when unknown. */
  daddr: string;
  /** Transport source port; -1 when unknown. */
  sport: number;
  /** Transport destination port; -1 when unknown. */
  dport: number;
  /** IP protocol number (6 TCP, 17 UDP); -1 when unknown. */
  proto: number;
  /** Segments this skb stands for (GSO/GRO), from gso_segs where the source gives it; 0 = unknown. */
  segs: number;
  /** Return value of an ECON function probe (see ECON.md); null for other points. */
  ret: number | null;
}

/** An event with every optional field unknown; parsers spread over this to stay complete. */
export const EMPTY_EVENT: Readonly<TraceEvent> = Object.freeze({
  tsNs: 0,
  cpu: -1,
  point: 'netif_receive_skb',
  dev: '',
  skb: '',
  lenBytes: -1,
  hash: -1,
  saddr: '',
  daddr: '',
  sport: -1,
  dport: -1,
  proto: -1,
  segs: 0,
  ret: null,
});

/**
 * Absolute kernel timestamps can exceed 2^53 ns (about 104 days of uptime), so parsers keep the
 * absolute origin as a decimal string and give events exact integer offsets from it.
 * The first parser to see a timestamp fixes `originSec`; all files of one run share one origin.
 */
export interface ClockOrigin {
  /** Whole seconds of the origin on the kernel clock; null until the first event is seen. */
  originSec: number | null;
}

/** Decimal string of an absolute timestamp in ns, for display and the JSON report. */
export function formatAbsoluteNs(origin: ClockOrigin, tsNs: number): string {
  const sec = BigInt(origin.originSec ?? 0);
  return (sec * 1_000_000_000n + BigInt(tsNs)).toString();
}
