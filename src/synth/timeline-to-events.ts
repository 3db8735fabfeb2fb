/**
 * Writes a (derived) packet back as the events econ-trace's tracepoint script would have printed
 * for it. Each hop becomes the probe point that marks its checkpoint; flow fields, hash and
 * length come from the packet as a whole (per-hop differences such as the outer header length
 * on the underlay are not kept: a stated simplification of the synthetic run).
 */
import type { CheckpointId } from '../model/checkpoint.js';
import { EMPTY_EVENT, type ProbePoint, type TraceEvent } from '../model/event.js';
import type { PacketTimeline, TimelineHop } from '../model/timeline.js';
import type { SynthEconEvent } from './derive-econ-packet.js';

const POINT_OF: Readonly<Record<CheckpointId, ProbePoint>> = {
  tx_container: 'net_dev_start_xmit',
  tx_host_veth: 'netif_receive_skb',
  tx_vxlan: 'net_dev_start_xmit',
  econ_xmit: 'econ_xmit',
  tx_underlay: 'net_dev_start_xmit',
  nic_rx: 'netif_rx',
  outer_rcv: 'netif_receive_skb',
  econ_rx: 'econ_rx',
  outer_lookup: '__udp4_lib_lookup',
  vxlan_decap: 'vxlan_rcv',
  decap_queue: 'netif_rx',
  inner_rcv: 'netif_receive_skb',
  veth_xmit: 'net_dev_start_xmit',
  backlog: 'netif_rx',
  container_rcv: 'netif_receive_skb',
  transport_rcv: 'udp_rcv',
  sock_ready: 'sk_data_ready',
  app_read: 'skb_copy_datagram_iovec',
  freed: 'consume_skb',
};

function packetFields(
  t: PacketTimeline,
): Omit<TraceEvent, 'tsNs' | 'cpu' | 'point' | 'dev' | 'ret'> {
  return {
    skb: t.skb,
    lenBytes: t.lenBytes,
    hash: t.hash,
    saddr: t.flow?.saddr ?? '',
    daddr: t.flow?.daddr ?? '',
    sport: t.flow?.sport ?? -1,
    dport: t.flow?.dport ?? -1,
    proto: t.flow?.proto ?? -1,
    segs: t.segs,
  };
}

export function packetToEvents(
  t: PacketTimeline,
  hops: readonly TimelineHop[],
  econ: readonly SynthEconEvent[],
): TraceEvent[] {
  const fields = packetFields(t);
  const out: TraceEvent[] = hops.map((h) => {
    const ev: TraceEvent = {
      ...EMPTY_EVENT,
      ...fields,
      tsNs: h.tsNs,
      cpu: h.cpu,
      point: POINT_OF[h.checkpoint],
      dev: h.dev,
    };
    if (h.checkpoint === 'transport_rcv' && fields.proto === 6) ev.point = 'tcp_v4_rcv';
    // The sk_data_ready tracepoint carries a socket, not an skb: keep it that way.
    if (h.checkpoint === 'sock_ready') ev.skb = '';
    return ev;
  });
  for (const e of econ) {
    out.push({
      ...EMPTY_EVENT,
      ...fields,
      tsNs: e.tsNs,
      cpu: e.cpu,
      point: e.point,
      dev: '',
      ret: e.ret,
    });
  }
  return out;
}
