// SPDX-License-Identifier: GPL-2.0
/*
 * econ-trace-aggregate.bpf.c: the in-kernel half of the native recorder, which
 * `econ-trace record` runs by default when it can be built (clang, libbpf): in aggregate mode
 * with 1 packet in 64 printed, in events mode with every packet printed. It computes what
 * bpftrace/econ-trace-aggregate.bt computes (same checkpoints, same per-skb rules, same
 * histogram buckets), for less: BTF-typed raw tracepoints (tp_btf) hand the program the skb
 * itself, without the tracepoint first copying every field into a perf record, and let it read
 * fields with plain loads; per-packet state and device roles live in direct-mapped arrays (an
 * index, not a hash-map update) and histogram cells are per-CPU counters. By default only the
 * receive path is attached (netif_receive_skb from the underlay on, and the socket points):
 * net_dev_start_xmit, netif_rx and napi_gro_receive_entry fire about eight times per overlay
 * packet, mostly on the sending side, and would double the cost; the loader attaches them on
 * request ("all").
 *
 * Rules (as in the .bt program): per skb, the packet's latest checkpoint and its time; at a
 * later checkpoint the delta goes into the (from, to) histogram; the same checkpoint again is
 * not a hop; an earlier one means the address was reused by a new packet without a traced free,
 * which starts over. sk_data_ready has no skb: it belongs to the packet this CPU last took
 * through container_rcv (outer_rcv on the host path).
 *
 * The slot table is shared by all CPUs without locks: a packet is on one CPU at a time, and a
 * slot whose address is not the packet's is simply another packet (a collision), counted when it
 * evicts a packet still in flight. Reads of a torn slot are caught by the address check.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "econ-trace-aggregate.h"

char LICENSE[] SEC("license") = "GPL";

/* Only the fields read here; CO-RE finds their offsets in the running kernel's BTF. */
struct ns_common {
  unsigned int inum;
} __attribute__((preserve_access_index));

struct net {
  struct ns_common ns;
} __attribute__((preserve_access_index));

typedef struct {
  struct net *net;
} possible_net_t;

struct net_device {
  char name[NAME_LEN];
  possible_net_t nd_net;
} __attribute__((preserve_access_index));

struct sk_buff {
  struct net_device *dev;
  unsigned int len;
  __u32 hash;
  __u16 protocol;
  __u16 network_header;
  unsigned char *head;
  unsigned char *data;
  unsigned int end;
} __attribute__((preserve_access_index));

struct skb_shared_info {
  unsigned short gso_segs;
} __attribute__((preserve_access_index));

struct sock {
  __u16 sk_protocol;
} __attribute__((preserve_access_index));

/* Wire formats, not kernel types. */
struct ipv4_header {
  __u8 version_ihl;
  __u8 tos;
  __u16 total_length;
  __u16 id;
  __u16 fragment;
  __u8 ttl;
  __u8 protocol;
  __u16 checksum;
  __u32 saddr;
  __u32 daddr;
};

struct ports {
  __u16 source;
  __u16 dest;
};

#define VXLAN_PORT 4789
/* Outer UDP header + VXLAN header + inner Ethernet header. */
#define VXLAN_ENCAP 30

const volatile struct agg_config cfg SEC(".rodata.config");

struct slot {
  __u64 skb;
  /* time << 6 | sampled << 5 | checkpoint */
  __u64 last;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, SLOTS);
  __type(key, __u32);
  __type(value, struct slot);
} slots SEC(".maps");

/* Per CPU, so that counting never bounces a cache line between CPUs; summed at exit. */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, HIST_CELLS);
  __type(key, __u32);
  __type(value, __u64);
} stage_hist SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, CNT_COUNT);
  __type(key, __u32);
  __type(value, __u64);
} counters SEC(".maps");

/* Device roles by net_device address, direct-mapped like the slots. */
struct role_slot {
  __u64 dev;
  __u32 role;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, ROLE_SLOTS);
  __type(key, __u32);
  __type(value, struct role_slot);
} roles SEC(".maps");

/* The skb this CPU last took through container_rcv (outer_rcv on the host path). */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64);
} woken SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1 << 24);
} sampled_events SEC(".maps");

static __always_inline void count(__u32 index) {
  __u64 *n = bpf_map_lookup_elem(&counters, &index);
  if (n) *n += 1;
}

/*
 * A kernel object's identity as a number. The verifier allows no arithmetic on a pointer but one
 * pointer minus another (for root), so an address is taken relative to a map's: unique per
 * object, stable while the program is loaded. Printed addresses are read with
 * bpf_probe_read_kernel instead (emit_device_event).
 */
static __always_inline __u64 identity_of(const void *object) {
  return (const char *)object - (const char *)&slots;
}

/* Fibonacci hashing of an identity (its low bits are alignment) to `bits` bits. */
static __always_inline __u32 index_of(__u64 addr, int bits) {
  return (__u32)(((addr >> 6) * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

static __always_inline struct slot *slot_of(__u64 skb) {
  __u32 index = index_of(skb, SLOT_BITS);
  return bpf_map_lookup_elem(&slots, &index);
}

static __always_inline __u32 bucket_of(__u64 d) {
  if (d < 32) return (__u32)d;
  __u32 e = 0;
  __u64 x = d;
  if (x >= (1ULL << 32)) { x >>= 32; e += 32; }
  if (x >= (1ULL << 16)) { x >>= 16; e += 16; }
  if (x >= (1ULL << 8)) { x >>= 8; e += 8; }
  if (x >= (1ULL << 4)) { x >>= 4; e += 4; }
  if (x >= (1ULL << 2)) { x >>= 2; e += 2; }
  if (x >= 2) e += 1;
  return 32 + (e - 5) * 16 + (__u32)(d >> (e - 4)) - 16;
}

static __always_inline void add_stage(__u32 from, __u32 to, __u64 d) {
  if (d >= (1ULL << (MAX_EXPONENT + 1))) {
    count(CNT_OVERFLOW);
    return;
  }
  __u32 cell = (from * CP_COUNT + to) * HIST_BUCKETS + bucket_of(d);
  __u64 *n = bpf_map_lookup_elem(&stage_hist, &cell);
  if (n) *n += 1;
}

static __always_inline int name_is(const char *name, int which) {
  if (cfg.names[which][0] == 0) return 0;
#pragma unroll
  for (int i = 0; i < NAME_LEN; i++) {
    if (name[i] != cfg.names[which][i]) return 0;
    if (name[i] == 0) return 1;
  }
  return 1;
}

static __always_inline __u32 decide_role(struct net_device *dev) {
  __u32 ns = dev->nd_net.net->ns.inum;
  if ((cfg.excluded_netns != 0 && ns == cfg.excluded_netns) ||
      (cfg.kept_netns != 0 && ns != cfg.kept_netns))
    return ROLE_OTHER;
  char name[NAME_LEN];
  bpf_probe_read_kernel(name, sizeof(name), dev->name);
  if (name_is(name, 0) || name_is(name, 1)) return ROLE_UNDERLAY;
  if (name_is(name, 2)) return ROLE_VXLAN;
  if (name_is(name, 3)) return ROLE_HOST_VETH;
  if (name_is(name, 4)) return ROLE_CONTAINER;
  return ROLE_OTHER;
}

static __always_inline __u32 role_of(struct net_device *dev) {
  if (!dev) return ROLE_OTHER;
  __u64 id = identity_of(dev);
  __u32 index = index_of(id, ROLE_BITS);
  struct role_slot *known = bpf_map_lookup_elem(&roles, &index);
  if (!known) return ROLE_OTHER;
  if (known->dev == id) return known->role;
  __u32 role = decide_role(dev);
  known->role = role;
  known->dev = id;
  return role;
}

/* Addresses, ports and protocol of a sampled packet, inner ones when VXLAN-encapsulated. */
static __always_inline void read_headers(struct agg_event *ev, struct sk_buff *skb,
                                         unsigned char *l3) {
  struct ipv4_header ip = {};
  struct ports ports = {};
  if (skb->protocol != bpf_htons(0x0800)) return;
  bpf_probe_read_kernel(&ip, sizeof(ip), l3);
  if (ip.protocol == 17) {
    bpf_probe_read_kernel(&ports, sizeof(ports), l3 + (ip.version_ihl & 15) * 4);
    if (ports.dest == bpf_htons(VXLAN_PORT)) {
      l3 += (ip.version_ihl & 15) * 4 + VXLAN_ENCAP;
      bpf_probe_read_kernel(&ip, sizeof(ip), l3);
    }
  }
  if ((ip.version_ihl >> 4) != 4) return;
  ev->saddr = ip.saddr;
  ev->daddr = ip.daddr;
  ev->proto = ip.protocol;
  ev->ip = 1;
  if (ip.protocol == 6 || ip.protocol == 17) {
    bpf_probe_read_kernel(&ports, sizeof(ports), l3 + (ip.version_ihl & 15) * 4);
    ev->sport = bpf_ntohs(ports.source);
    ev->dport = bpf_ntohs(ports.dest);
    ev->ip = 2;
  }
}

static __always_inline void emit_device_event(__u64 *ctx, __u64 now, __u32 point,
                                              struct sk_buff *skb, struct net_device *dev,
                                              int at_data) {
  struct agg_event *ev = bpf_ringbuf_reserve(&sampled_events, sizeof(*ev), 0);
  if (!ev) {
    count(CNT_LOST);
    return;
  }
  __builtin_memset(ev, 0, sizeof(*ev));
  ev->ts = now;
  bpf_probe_read_kernel(&ev->skb, sizeof(ev->skb), &ctx[0]);
  ev->cpu = bpf_get_smp_processor_id();
  ev->point = point;
  ev->len = skb->len;
  ev->hash = skb->hash;
  bpf_probe_read_kernel(ev->dev, sizeof(ev->dev), dev->name);
  unsigned char *head = skb->head;
  struct skb_shared_info *shinfo = (void *)(head + skb->end);
  __u16 segs = BPF_CORE_READ(shinfo, gso_segs);
  ev->segs = segs > 0 ? segs : 1;
  unsigned char *l3 = at_data ? skb->data : head + skb->network_header;
  read_headers(ev, skb, l3);
  bpf_ringbuf_submit(ev, BPF_RB_NO_WAKEUP);
}

/* `ctx` is null where the probe point has no skb (sk_data_ready). */
static __always_inline void emit_plain_event(__u64 *ctx, __u64 now, __u32 point, __u32 aux) {
  struct agg_event *ev = bpf_ringbuf_reserve(&sampled_events, sizeof(*ev), 0);
  if (!ev) {
    count(CNT_LOST);
    return;
  }
  __builtin_memset(ev, 0, sizeof(*ev));
  ev->ts = now;
  if (ctx) bpf_probe_read_kernel(&ev->skb, sizeof(ev->skb), &ctx[0]);
  ev->cpu = bpf_get_smp_processor_id();
  ev->point = point;
  ev->aux = aux;
  bpf_ringbuf_submit(ev, BPF_RB_NO_WAKEUP);
}

/* A device checkpoint `to` of the skb: start, hop or ignore, as the rules above say. */
static __always_inline void device_hop(__u64 *ctx, __u32 point, struct sk_buff *skb,
                                       struct net_device *dev, __u32 to, int at_data) {
  __u64 addr = identity_of(skb);
  struct slot *s = slot_of(addr);
  if (!s) return;
  __u64 now = bpf_ktime_get_ns();
  __u64 v = s->skb == addr ? s->last : 0;
  __u32 from = v & 31;
  __u64 sampled = v & 32;
  if (v == 0 || to < from) {
    if (v == 0 && s->skb != 0) count(CNT_EVICTED);
    sampled = 0;
    if (cfg.sample_one_in > 0 && bpf_get_prandom_u32() % cfg.sample_one_in == 0) {
      sampled = 32;
      count(CNT_SAMPLED);
    }
    count(to);
    s->skb = addr;
  } else if (to > from) {
    add_stage(from, to, now - (v >> 6));
  } else {
    return;
  }
  s->last = (now << 6) | sampled | to;
  if (to == CP_CONTAINER_RCV || (cfg.host_path && to == CP_OUTER_RCV)) {
    __u32 zero = 0;
    __u64 *w = bpf_map_lookup_elem(&woken, &zero);
    if (w) *w = addr;
  }
  if (sampled) emit_device_event(ctx, now, point, skb, dev, at_data);
}

/* A later checkpoint of a packet already seen (socket ready, read, freed); others are ignored. */
static __always_inline void socket_hop(__u64 *ctx, __u32 point, __u64 addr, __u32 to,
                                       __u32 aux) {
  struct slot *s = slot_of(addr);
  if (!s || s->skb != addr) return;
  __u64 v = s->last;
  __u32 from = v & 31;
  if (from >= to) return;
  __u64 now = bpf_ktime_get_ns();
  add_stage(from, to, now - (v >> 6));
  if (to == CP_FREED) s->skb = 0;
  else s->last = (now << 6) | (v & 32) | to;
  if (v & 32) emit_plain_event(ctx, now, point, aux);
}

/*
 * The checkpoint a device point marks, by device role (ROLE_OTHER .. ROLE_CONTAINER), as
 * src/join/classify-checkpoint.ts decides it for printed events. CP_NONE: not a hop.
 */
static const __u8 CHECKPOINT_OF[PT_NAPI_GRO_RECEIVE_ENTRY + 1][ROLE_CONTAINER + 1] = {
    /*                            -        other    underlay         vxlan           host veth        container */
    [PT_NET_DEV_START_XMIT] = {CP_NONE, CP_NONE, CP_TX_UNDERLAY, CP_TX_VXLAN, CP_VETH_XMIT, CP_TX_CONTAINER},
    [PT_NETIF_RX] = {CP_NONE, CP_NONE, CP_NIC_RX, CP_DECAP_QUEUE, CP_NONE, CP_BACKLOG},
    [PT_NETIF_RECEIVE_SKB] = {CP_NONE, CP_NONE, CP_OUTER_RCV, CP_INNER_RCV, CP_TX_HOST_VETH,
                              CP_CONTAINER_RCV},
    [PT_NAPI_GRO_RECEIVE_ENTRY] = {CP_NONE, CP_NONE, CP_NIC_RX, CP_NONE, CP_NONE, CP_NONE},
};

/* A device point: its checkpoint from the device's role, then device_hop. */
static __always_inline void device_point(__u64 *ctx, __u32 point, struct sk_buff *skb,
                                         struct net_device *dev, int at_data) {
  __u32 role = role_of(dev);
  if (point > PT_NAPI_GRO_RECEIVE_ENTRY || role > ROLE_CONTAINER) return;
  __u32 to = CHECKPOINT_OF[point][role];
  if (to == CP_NONE) return;
  /* The sender's host veth receives from its container: a sender-side checkpoint. */
  if (to == CP_TX_HOST_VETH && !cfg.sender_side) return;
  device_hop(ctx, point, skb, dev, to, at_data);
}

/* The device a packet is transmitted on is an argument; the receive points read skb->dev. */
SEC("tp_btf/net_dev_start_xmit")
int BPF_PROG(on_net_dev_start_xmit, struct sk_buff *skb, struct net_device *dev) {
  device_point(ctx, PT_NET_DEV_START_XMIT, skb, dev, 0);
  return 0;
}

SEC("tp_btf/netif_rx")
int BPF_PROG(on_netif_rx, struct sk_buff *skb) {
  device_point(ctx, PT_NETIF_RX, skb, skb->dev, 0);
  return 0;
}

SEC("tp_btf/netif_receive_skb")
int BPF_PROG(on_netif_receive_skb, struct sk_buff *skb) {
  device_point(ctx, PT_NETIF_RECEIVE_SKB, skb, skb->dev, 1);
  return 0;
}

SEC("tp_btf/napi_gro_receive_entry")
int BPF_PROG(on_napi_gro_receive_entry, struct sk_buff *skb) {
  device_point(ctx, PT_NAPI_GRO_RECEIVE_ENTRY, skb, skb->dev, 1);
  return 0;
}

SEC("tp_btf/sk_data_ready")
int BPF_PROG(on_sk_data_ready, struct sock *sk) {
  __u32 zero = 0;
  __u64 *w = bpf_map_lookup_elem(&woken, &zero);
  if (!w || *w == 0) return 0;
  __u64 addr = *w;
  *w = 0;
  socket_hop(NULL, PT_SK_DATA_READY, addr, CP_SOCK_READY, sk->sk_protocol);
  return 0;
}

SEC("tp_btf/skb_copy_datagram_iovec")
int BPF_PROG(on_skb_copy_datagram_iovec, struct sk_buff *skb, int len) {
  socket_hop(ctx, PT_SKB_COPY_DATAGRAM_IOVEC, identity_of(skb), CP_APP_READ, (__u32)len);
  return 0;
}

SEC("tp_btf/consume_skb")
int BPF_PROG(on_consume_skb, struct sk_buff *skb) {
  socket_hop(ctx, PT_CONSUME_SKB, identity_of(skb), CP_FREED, 0);
  return 0;
}

SEC("tp_btf/kfree_skb")
int BPF_PROG(on_kfree_skb, struct sk_buff *skb) {
  socket_hop(ctx, PT_KFREE_SKB, identity_of(skb), CP_FREED, 0);
  return 0;
}
