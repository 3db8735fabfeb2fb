/**
 * Which checkpoints a complete packet must show, and whether a timeline shows them. What is
 * expected follows from the path (src/model/checkpoint.ts marks the receive checkpoints), from
 * which probes the run attached (the manifest's probePlan: a checkpoint nobody probed cannot be
 * missing) and from ECON: a hit jumps from stage 2 to the socket, skipping stages 3 to 9.
 */
import { CHECKPOINTS, checkpointInfo } from '../model/checkpoint.js';
import type { CheckpointId } from '../model/checkpoint.js';
import type { ProbePoint } from '../model/event.js';
import type { PathKind, ProbePlanEntry } from '../model/manifest.js';
import type { EconOutcome, PacketTimeline } from '../model/timeline.js';
import { ORDER, checkpointBit } from './checkpoint-order.js';

/** The receive path without an overlay (each still subject to the model's `expected` flag). */
const HOST_PATH: readonly CheckpointId[] = ['nic_rx', 'outer_rcv', 'transport_rcv', 'sock_ready'];

/**
 * Probes a checkpoint needs: every group must have at least one point attached.
 * nic_rx needs the NAPI probe: netif_rx marks nic_rx only on a veth underlay (the lab), so with
 * a real NIC it would be expected and never seen.
 * transport_rcv needs both protocols covered, since the plan does not say which the traffic uses.
 */
const PROBES_FOR: Readonly<Partial<Record<CheckpointId, readonly (readonly ProbePoint[])[]>>> = {
  nic_rx: [['napi_gro_receive_entry']],
  outer_rcv: [['netif_receive_skb']],
  outer_lookup: [['__udp4_lib_lookup', 'udp_rcv']],
  vxlan_decap: [['vxlan_rcv']],
  inner_rcv: [['netif_receive_skb']],
  veth_xmit: [['net_dev_start_xmit']],
  backlog: [['netif_rx']],
  container_rcv: [['netif_receive_skb']],
  transport_rcv: [['tcp_v4_rcv'], ['__udp4_lib_lookup', 'udp_rcv']],
  sock_ready: [['sk_data_ready']],
  app_read: [['skb_copy_datagram_iovec']],
};

/** Checkpoints, in path order, that a complete packet on `path` must show. */
export function expectedCheckpoints(
  path: PathKind,
  plan: ProbePlanEntry[],
  econ: EconOutcome | null,
): CheckpointId[] {
  const attached = new Set(plan.map((p) => p.point));
  const onPath = path === 'host' ? HOST_PATH : CHECKPOINTS.map((c) => c.id);
  return onPath.filter((id) => {
    const info = checkpointInfo(id);
    if (!info.expected) return false;
    if (econ === 'hit' && info.stage >= 3 && info.stage <= 9) return false;
    const groups = PROBES_FOR[id] ?? [];
    return groups.every((group) => group.some((point) => attached.has(point)));
  });
}

/** True when every expected checkpoint is among the timeline's hops. */
export function isComplete(t: PacketTimeline, expected: readonly CheckpointId[]): boolean {
  let seen = 0;
  for (const hop of t.hops) seen |= checkpointBit(ORDER[hop.checkpoint]);
  for (const id of expected) if ((seen & checkpointBit(ORDER[id])) === 0) return false;
  return true;
}
