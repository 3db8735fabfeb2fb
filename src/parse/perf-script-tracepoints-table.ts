/**
 * The tracepoints econ-trace reads from `perf script` text, and which `key=value` fields of each
 * it keeps (docs/run-folder.md). Field names follow each tracepoint's TP_printk in the kernel
 * (include/trace/events/net.h, sock.h, skb.h). `protocol` means the IP protocol only for
 * sock:sk_data_ready; net_dev_start_xmit and kfree_skb print the ethertype under that name.
 */
import type { ProbePoint } from '../model/event.js';

export interface TracepointSpec {
  point: ProbePoint;
  dev: boolean;
  skb: boolean;
  len: boolean;
  segs: boolean;
  proto: boolean;
}

function spec(point: ProbePoint, fields: (keyof Omit<TracepointSpec, 'point'>)[]): TracepointSpec {
  return {
    point,
    dev: fields.includes('dev'),
    skb: fields.includes('skb'),
    len: fields.includes('len'),
    segs: fields.includes('segs'),
    proto: fields.includes('proto'),
  };
}

/** Keyed by the event name as perf prints it, without the trailing colon. */
export const PERF_TRACEPOINTS: ReadonlyMap<string, TracepointSpec> = new Map([
  ['net:napi_gro_receive_entry', spec('napi_gro_receive_entry', ['dev', 'skb', 'len', 'segs'])],
  ['net:netif_receive_skb', spec('netif_receive_skb', ['dev', 'skb', 'len'])],
  ['net:netif_rx', spec('netif_rx', ['dev', 'skb', 'len'])],
  ['net:net_dev_start_xmit', spec('net_dev_start_xmit', ['dev', 'skb', 'len', 'segs'])],
  ['sock:sk_data_ready', spec('sk_data_ready', ['proto'])],
  ['skb:skb_copy_datagram_iovec', spec('skb_copy_datagram_iovec', ['skb', 'len'])],
  ['skb:consume_skb', spec('consume_skb', ['skb'])],
  ['skb:kfree_skb', spec('kfree_skb', ['skb'])],
]);
