/**
 * The shape of one overlay packet as the real vanilla fixture (fixtures/runs/overlay-vanilla,
 * recorded with bpftrace in the two-host lab) shows it: the same probe points on the same
 * devices in the same order, skb->len per hop, and the gap before each hop taken from the
 * fixture's per-stage medians (report on that fixture, stage table). Data flows from host A to
 * host B (ulA transmits, ulB receives); replies go the other way.
 */

export interface HopShape {
  point: string;
  /** Device column, '' for points without one. */
  dev: string;
  /** Added to the inner (IP) length for this hop's skb->len. */
  lenDelta: number;
  /** Median gap before this hop, ns (the first hop's is 0). */
  gapNs: number;
  /** From this hop on, the receive side (may run on another CPU). */
  receive: boolean;
}

/** Host A to host B, container eth0 transmit to container eth0 receive, then the wakeup. */
export function overlayHops(forward: boolean): HopShape[] {
  const txUnder = forward ? 'ulA' : 'ulB';
  const rxUnder = forward ? 'ulB' : 'ulA';
  return [
    { point: 'net_dev_start_xmit', dev: 'eth0', lenDelta: 14, gapNs: 0, receive: false },
    { point: 'netif_rx', dev: 'veth-c', lenDelta: 0, gapNs: 7_000, receive: false },
    { point: 'netif_receive_skb', dev: 'veth-c', lenDelta: 0, gapNs: 6_000, receive: false },
    { point: 'net_dev_start_xmit', dev: 'vxlan0', lenDelta: 14, gapNs: 5_330, receive: false },
    { point: 'net_dev_start_xmit', dev: txUnder, lenDelta: 64, gapNs: 4_340, receive: false },
    { point: 'netif_rx', dev: rxUnder, lenDelta: 50, gapNs: 2_020, receive: true },
    { point: 'netif_receive_skb', dev: rxUnder, lenDelta: 50, gapNs: 2_630, receive: true },
    { point: 'napi_gro_receive_entry', dev: 'vxlan0', lenDelta: 0, gapNs: 6_400, receive: true },
    { point: 'netif_receive_skb', dev: 'vxlan0', lenDelta: 0, gapNs: 2_300, receive: true },
    { point: 'net_dev_start_xmit', dev: 'veth-c', lenDelta: 14, gapNs: 2_810, receive: true },
    { point: 'netif_rx', dev: 'eth0', lenDelta: 0, gapNs: 1_850, receive: true },
    { point: 'netif_receive_skb', dev: 'eth0', lenDelta: 0, gapNs: 2_250, receive: true },
  ];
}

/** Gap from container_rcv to sk_data_ready (fixture median). */
export const SOCK_READY_GAP_NS = 2_820;

export interface FlowShape {
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  proto: number;
  hash: number;
  /** Inner IP length of its packets. */
  innerLen: number;
  forward: boolean;
  /** CPU its receive side normally runs on (RSS). */
  cpu: number;
  /** Share of packets, relative. */
  weight: number;
}

/**
 * The fixture's traffic: iperf3 UDP with 64-byte payloads (inner length 92) dominating, plus its
 * TCP control connection both ways. The UDP load is spread over four flows (two per CPU) so the
 * flow table and both CPUs' rings see work, as a multi-stream iperf3 run would.
 */
export const FLOWS: readonly FlowShape[] = [
  udp(42685, 760485838, 0),
  udp(42686, 760485911, 1),
  udp(42687, 760486003, 0),
  udp(42688, 760486151, 1),
  {
    saddr: '10.233.1.2',
    daddr: '10.233.2.2',
    sport: 52428,
    dport: 5201,
    proto: 6,
    hash: 207980609,
    innerLen: 60,
    forward: true,
    cpu: 1,
    weight: 0.02,
  },
  {
    saddr: '10.233.2.2',
    daddr: '10.233.1.2',
    sport: 5201,
    dport: 52428,
    proto: 6,
    hash: 942127725,
    innerLen: 60,
    forward: false,
    cpu: 1,
    weight: 0.02,
  },
];

function udp(sport: number, hash: number, cpu: number): FlowShape {
  return {
    saddr: '10.233.1.2',
    daddr: '10.233.2.2',
    sport,
    dport: 5201,
    proto: 17,
    hash,
    innerLen: 92,
    forward: true,
    cpu,
    weight: 1,
  };
}
