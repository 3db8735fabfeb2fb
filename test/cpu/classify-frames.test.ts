import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFunction, classifyStack } from '../../src/cpu/classify-frames.js';
import { CPU_CATEGORIES } from '../../src/cpu/cpu-categories.js';

/** A folded stack without its process name, root first. */
const stack = (s: string): string[] => s.split(';');

const SOFTIRQ = 'handle_softirqs;net_rx_action;__napi_poll';

test('the first named frame from the leaf decides', () => {
  const cases: [string, string][] = [
    [
      `${SOFTIRQ};process_backlog;__netif_receive_skb_one_core;ip_rcv;ip_rcv_finish_core`,
      'inner-ip',
    ],
    [
      `${SOFTIRQ};process_backlog;__netif_receive_skb_one_core;ip_rcv;ip_local_deliver_finish;ip_protocol_deliver_rcu;__udp4_lib_rcv;udp_unicast_rcv_skb;udp_queue_rcv_one_skb;vxlan_rcv;gro_cells_receive`,
      'vxlan-decap',
    ],
    [
      `${SOFTIRQ};gro_cell_poll;napi_gro_receive;netif_receive_skb_list_internal;__netif_receive_skb_list_core;__netif_receive_skb_core.constprop.0;br_handle_frame;br_nf_pre_routing;nf_hook_slow;nf_conntrack_in`,
      'bridge',
    ],
    [
      `${SOFTIRQ};process_backlog;__netif_receive_skb_one_core;ip_rcv;ip_local_deliver_finish;ip_protocol_deliver_rcu;__udp4_lib_rcv;udp_unicast_rcv_skb;udp_queue_rcv_one_skb;__udp_enqueue_schedule_skb;sock_def_readable;__wake_up_sync_key;_raw_spin_lock_irqsave`,
      'socket-enqueue-wakeup',
    ],
    [
      'entry_SYSCALL_64_after_hwframe;do_syscall_64;__x64_sys_recvfrom;__sys_recvfrom;sock_recvmsg;udp_recvmsg;skb_copy_datagram_iter;_copy_to_iter;rep_movs_alternative',
      'copy-to-user',
    ],
    [`${SOFTIRQ};process_backlog;__netif_receive_skb_one_core;econ_rx;econ_rx_lookup`, 'econ'],
    [
      'entry_SYSCALL_64_after_hwframe;do_syscall_64;udp_sendmsg;ip_make_skb;__ip_append_data',
      'other-networking',
    ],
    [
      'secondary_startup_64;cpu_startup_entry;do_idle;default_idle_call;default_idle',
      'not-networking',
    ],
    [
      `${SOFTIRQ};virtnet_poll;napi_gro_receive;netif_receive_skb_list_internal;ip_list_rcv;ip_sublist_rcv;ip_rcv_finish_core`,
      'outer-ip-udp',
    ],
    [`${SOFTIRQ};virtnet_poll;process_backlog;ip_rcv`, 'inner-ip'],
    ['[unknown];__GI___libc_write', 'not-networking'],
  ];
  for (const [frames, category] of cases)
    assert.equal(classifyStack(stack(frames)), category, frames);
});

test('compiler clone suffixes are ignored; prefixes match', () => {
  assert.equal(classifyFunction('__netif_receive_skb_core.constprop.0'), 'softirq-backlog');
  assert.equal(classifyFunction('br_nf_forward_ip.part.0'), 'bridge');
  assert.equal(classifyFunction('veth_xmit'), 'veth');
  assert.equal(classifyFunction('skb_release_data'), 'other-networking');
  assert.equal(classifyFunction('skb_copy_datagram_iter'), 'copy-to-user');
  assert.equal(classifyFunction('nf_hook_slow'), null);
  assert.equal(classifyFunction('schedule'), null);
});

test('the table names every category once, not-networking last and empty', () => {
  const names = CPU_CATEGORIES.map((c) => c.category);
  assert.equal(new Set(names).size, names.length);
  assert.equal(names.at(-1), 'not-networking');
  assert.deepEqual(CPU_CATEGORIES.at(-1)?.functions, []);
  const exact = CPU_CATEGORIES.flatMap((c) => c.functions.filter((f) => !f.endsWith('*')));
  assert.equal(new Set(exact).size, exact.length, 'a function is named in two categories');
});
