/**
 * The category table for CPU samples on the receive path (ECON.md's stages). A sample is
 * classified by its frames from the leaf towards the root: the first frame named here decides
 * (classify-frames.ts). Names are kernel function names as perf prints them on 6.x kernels,
 * after offsets and `.constprop.0`-style suffixes are stripped; a trailing `*` is a prefix.
 * Netfilter (nf_hook_slow, nf_conntrack_*) and locking helpers are deliberately absent: they
 * run on behalf of whichever stage called them, so the frame below them decides.
 */
import type { CpuCategory } from '../model/cpu.js';

export interface CategorySpec {
  category: CpuCategory;
  title: string;
  functions: readonly string[];
}

export const CPU_CATEGORIES: readonly CategorySpec[] = [
  // The NIC driver's NAPI poll and GRO, stage 1 (and the vxlan device's GRO cell poll, which
  // is GRO again after decap). Driver polls are listed for common virtual and physical NICs.
  {
    category: 'nic-gro',
    title: 'NIC and GRO (driver NAPI poll, napi_gro_receive, gro_cell_poll)',
    functions: [
      'napi_gro_receive',
      'gro_receive_skb',
      'dev_gro_receive',
      'napi_gro_complete',
      'gro_normal_list',
      'inet_gro_receive',
      'udp4_gro_receive',
      'udp_gro_receive',
      'tcp4_gro_receive',
      'tcp_gro_receive',
      'gro_cell_poll',
      'napi_complete_done',
      'virtnet_poll',
      'virtnet_receive',
      'receive_buf',
      'mlx5e_napi_poll',
      'ixgbe_poll',
      'i40e_napi_poll',
      'ena_io_poll',
      'e1000_clean',
      'gve_napi_poll',
    ],
  },
  // Softirq entry and the per-CPU backlog: where netif_rx'd packets (veth, the lab's underlay)
  // wait and are drained (stage 7), and the generic netif_receive_skb dispatch (stages 2, 5, 8).
  {
    category: 'softirq-backlog',
    title: 'softirq and backlog (net_rx_action, process_backlog, netif_rx, netif_receive_skb)',
    functions: [
      'net_rx_action',
      '__napi_poll',
      'process_backlog',
      'enqueue_to_backlog',
      'netif_rx',
      '__netif_rx',
      'netif_rx_internal',
      'netif_receive_skb',
      'netif_receive_skb_list_internal',
      '__netif_receive_skb',
      '__netif_receive_skb_one_core',
      '__netif_receive_skb_core',
      '__netif_receive_skb_list_core',
      'skb_defer_free_flush',
      'run_ksoftirqd',
    ],
  },
  // Outer IPv4 and UDP of the VXLAN packet (stage 3). ip_rcv and udp_rcv also run for the inner
  // packet (stage 9) and a stack rarely says which: tunnel-only helpers are listed here, and
  // classify-frames.ts moves IP/UDP samples here when a NIC driver poll is below them and no
  // decap is (the outer packet comes from the NIC, the inner one from a gro cell or backlog).
  {
    category: 'outer-ip-udp',
    title: 'outer IP/UDP (ip_rcv and udp_rcv of the VXLAN packet, tunnel header pull)',
    functions: ['iptunnel_pull_header', '__iptunnel_pull_header', 'udp_tunnel_encap_rcv'],
  },
  // VXLAN decap (stage 4): vxlan_rcv strips the outer headers and queues to gro_cells.
  {
    category: 'vxlan-decap',
    title: 'vxlan decap (vxlan_rcv, gro_cells_receive)',
    functions: [
      'vxlan_rcv',
      'vxlan_snoop',
      'vxlan_vs_find_vni',
      'vxlan_find_vni',
      'vxlan_ecn_decapsulate',
      'vxlan_set_mac',
      'vxlan_remcsum',
      'vxlan_parse_gbp_hdr',
      'gro_cells_receive',
    ],
  },
  // Bridge (stage 6): br_handle_frame, forwarding, FDB, and the bridge's netfilter glue.
  {
    category: 'bridge',
    title: 'bridge (br_handle_frame, br_forward)',
    functions: ['br_*', '__br_*', 'nbp_*'],
  },
  // veth (stage 6/7): the host-side veth transmit that hands the skb to the container's peer.
  {
    category: 'veth',
    title: 'veth (veth_xmit, dev_forward_skb)',
    functions: ['veth_*', '__dev_forward_skb', '__dev_forward_skb2', 'dev_forward_skb'],
  },
  // Inner IPv4 receive in the container (stage 9, first half).
  {
    category: 'inner-ip',
    title: 'inner IP (ip_rcv, routing input, local deliver)',
    functions: [
      'ip_rcv',
      'ip_rcv_core',
      'ip_rcv_finish',
      'ip_rcv_finish_core',
      'ip_list_rcv',
      'ip_sublist_rcv',
      'ip_route_input_noref',
      'ip_route_input_slow',
      'ip_route_input_rcu',
      'ip_local_deliver',
      'ip_local_deliver_finish',
      'ip_protocol_deliver_rcu',
      'ip_sabotage_in',
    ],
  },
  // Transport receive and socket lookup (stage 9, second half): the part ECON skips for
  // cached flows.
  {
    category: 'transport-lookup',
    title: 'TCP/UDP receive and socket lookup (udp_rcv, tcp_v4_rcv, __udp4_lib_lookup)',
    functions: [
      'udp_rcv',
      '__udp4_lib_rcv',
      'udp_unicast_rcv_skb',
      'udp_queue_rcv_skb',
      'udp_queue_rcv_one_skb',
      '__udp4_lib_lookup',
      'udp4_lib_lookup2',
      'udp_v4_early_demux',
      'udp4_csum_init',
      'tcp_v4_rcv',
      'tcp_v4_do_rcv',
      'tcp_rcv_established',
      'tcp_rcv_state_process',
      'tcp_v4_early_demux',
      '__inet_lookup_established',
      '__inet_lookup_skb',
      '__inet_lookup_listener',
      'inet_lhash2_lookup',
      'tcp_ack',
      'tcp_validate_incoming',
      'tcp_add_backlog',
    ],
  },
  // Socket enqueue and wakeup (stage 10): queueing onto the socket and waking the reader.
  {
    category: 'socket-enqueue-wakeup',
    title: 'socket enqueue and wakeup (__udp_enqueue_schedule_skb, sk_data_ready)',
    functions: [
      '__udp_enqueue_schedule_skb',
      'sock_queue_rcv_skb',
      'sock_queue_rcv_skb_reason',
      '__sock_queue_rcv_skb',
      'tcp_queue_rcv',
      'tcp_data_queue',
      'tcp_data_ready',
      'sock_def_readable',
      'sk_data_ready',
      '__wake_up_sync_key',
      '__wake_up_common',
      'ep_poll_callback',
      'pollwake',
    ],
  },
  // The application's read (stage 11): recvmsg, the copy out of the skb, and freeing it.
  {
    category: 'copy-to-user',
    title: 'copy to user (recvmsg, skb_copy_datagram_iter)',
    functions: [
      'skb_copy_datagram_iter',
      '__skb_datagram_iter',
      'skb_copy_and_csum_datagram_msg',
      'simple_copy_to_iter',
      'udp_recvmsg',
      'tcp_recvmsg',
      'tcp_recvmsg_locked',
      '__skb_recv_udp',
      '__skb_try_recv_datagram',
      'skb_consume_udp',
      'inet_recvmsg',
      'sock_recvmsg',
      'sock_read_iter',
      '__sys_recvfrom',
      '__sys_recvmsg',
    ],
  },
  // ECON's own functions (net/core/econ.c), by prefix: econ_rx, econ_rx_lookup, ...
  { category: 'econ', title: "ECON's own functions (econ_*)", functions: ['econ_*'] },
  // Any other networking function: transmit path, skb allocation and freeing.
  // Prefixes of the net/ subsystems.
  {
    category: 'other-networking',
    title: 'other kernel networking (transmit, skb alloc/free, other net/ code)',
    functions: [
      'skb_*',
      '__skb_*',
      'kfree_skb*',
      'consume_skb',
      '__kfree_skb',
      'napi_*',
      'dev_*',
      '__dev_*',
      'netif_*',
      'net_*',
      'ip_*',
      '__ip_*',
      'udp_*',
      '__udp_*',
      'tcp_*',
      '__tcp_*',
      'inet_*',
      'sock_*',
      'sk_*',
      'iptunnel_*',
      'vxlan_*',
      'udp_tunnel_*',
    ],
  },
  // Everything else (user space, scheduler, idle, filesystems) falls here.
  { category: 'not-networking', title: 'not networking', functions: [] },
];

/** NIC driver NAPI polls: below an IP/UDP frame they mean the packet is the outer one. */
export const NIC_DRIVER_POLLS: ReadonlySet<string> = new Set([
  'virtnet_poll',
  'mlx5e_napi_poll',
  'ixgbe_poll',
  'i40e_napi_poll',
  'ena_io_poll',
  'e1000_clean',
  'gve_napi_poll',
]);
