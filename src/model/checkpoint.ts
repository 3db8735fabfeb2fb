/**
 * Checkpoints are the named places on ECON.md's receive path. A probe point plus the role of the
 * device it fired on decides the checkpoint; stages are the intervals between consecutive
 * checkpoints of a packet, named after both ends ("outer_rcv>inner_rcv").
 */

/** Phases group stages for charts, following ECON.md's table. */
export type Phase = 'sender' | 'nic' | 'outer' | 'decap' | 'bridge' | 'container' | 'socket';

export interface CheckpointInfo {
  id: CheckpointId;
  /** ECON.md stage number (0 for the sender side, 12 for the free). */
  stage: number;
  phase: Phase;
  /** What happens here, one line, for reports. */
  title: string;
  /** Receive-path checkpoint a complete packet must show (when its probe was attached). */
  expected: boolean;
}

/** In path order. The order decides stage names and how out-of-order events are interpreted. */
export const CHECKPOINTS = [
  {
    id: 'tx_container',
    stage: 0,
    phase: 'sender',
    title: 'container eth0 transmits (sender)',
    expected: false,
  },
  {
    id: 'tx_host_veth',
    stage: 0,
    phase: 'sender',
    title: 'host veth receives from container (sender)',
    expected: false,
  },
  {
    id: 'tx_vxlan',
    stage: 0,
    phase: 'sender',
    title: 'vxlan device transmits (sender)',
    expected: false,
  },
  {
    id: 'econ_xmit',
    stage: 0,
    phase: 'sender',
    title: 'ECON transmit fast path (sender)',
    expected: false,
  },
  {
    id: 'tx_underlay',
    stage: 0,
    phase: 'sender',
    title: 'underlay device transmits (sender)',
    expected: false,
  },
  {
    id: 'nic_rx',
    stage: 1,
    phase: 'nic',
    title: 'NIC / GRO receive on the underlay',
    expected: true,
  },
  {
    id: 'outer_rcv',
    stage: 2,
    phase: 'outer',
    title: 'netif_receive_skb on the underlay',
    expected: true,
  },
  { id: 'econ_rx', stage: 2, phase: 'outer', title: 'ECON fast-path decision', expected: false },
  {
    id: 'outer_lookup',
    stage: 3,
    phase: 'outer',
    title: 'outer UDP socket lookup (VXLAN socket)',
    expected: true,
  },
  {
    id: 'vxlan_decap',
    stage: 4,
    phase: 'decap',
    title: 'vxlan_rcv strips the outer headers',
    expected: true,
  },
  {
    id: 'decap_queue',
    stage: 4,
    phase: 'decap',
    title: 'netif_rx onto the vxlan device',
    expected: false,
  },
  {
    id: 'inner_rcv',
    stage: 5,
    phase: 'decap',
    title: 'netif_receive_skb on the vxlan device',
    expected: true,
  },
  {
    id: 'veth_xmit',
    stage: 6,
    phase: 'bridge',
    title: 'bridge forwards to the host veth',
    expected: true,
  },
  {
    id: 'backlog',
    stage: 7,
    phase: 'bridge',
    title: 'netif_rx onto the container eth0 backlog',
    expected: true,
  },
  {
    id: 'container_rcv',
    stage: 8,
    phase: 'container',
    title: 'netif_receive_skb on the container eth0',
    expected: true,
  },
  {
    id: 'transport_rcv',
    stage: 9,
    phase: 'container',
    title: 'tcp_v4_rcv / udp_rcv and socket lookup',
    expected: true,
  },
  {
    id: 'sock_ready',
    stage: 10,
    phase: 'socket',
    title: 'socket enqueue and wakeup (sk_data_ready)',
    expected: true,
  },
  // Not expected: skb_copy_datagram_iovec does not fire for every copy path (linear UDP skbs
  // are copied without it), and an application may read late or never.
  {
    id: 'app_read',
    stage: 11,
    phase: 'socket',
    title: 'application copies the data out',
    expected: false,
  },
  {
    id: 'freed',
    stage: 12,
    phase: 'socket',
    title: 'skb freed (consume_skb / kfree_skb)',
    expected: false,
  },
] as const satisfies readonly {
  id: string;
  stage: number;
  phase: Phase;
  title: string;
  expected: boolean;
}[];

export type CheckpointId = (typeof CHECKPOINTS)[number]['id'];

const ORDER = new Map<string, number>(CHECKPOINTS.map((c, i) => [c.id, i]));

/** Position of a checkpoint along the path (0 = earliest). */
export function checkpointOrder(id: CheckpointId): number {
  return ORDER.get(id) ?? -1;
}

/** Lookup of a checkpoint's description. */
export function checkpointInfo(id: CheckpointId): CheckpointInfo {
  return CHECKPOINTS[checkpointOrder(id)] as CheckpointInfo;
}

/** Stage name for the interval between two checkpoints. */
export function stageName(from: CheckpointId, to: CheckpointId): string {
  return `${from}>${to}`;
}
