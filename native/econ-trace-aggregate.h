/*
 * What the in-kernel half (econ-trace-aggregate.bpf.c) and the loader (econ-trace-aggregate.c)
 * of the native aggregate recorder share: configuration, map sizes, the sampled-event record.
 */
#ifndef ECON_TRACE_AGGREGATE_H
#define ECON_TRACE_AGGREGATE_H

/* Checkpoint numbers are positions in CHECKPOINTS (src/model/checkpoint.ts). */
#define CP_TX_CONTAINER 0
#define CP_TX_HOST_VETH 1
#define CP_TX_VXLAN 2
#define CP_TX_UNDERLAY 4
#define CP_NIC_RX 5
#define CP_OUTER_RCV 6
#define CP_DECAP_QUEUE 10
#define CP_INNER_RCV 11
#define CP_VETH_XMIT 12
#define CP_BACKLOG 13
#define CP_CONTAINER_RCV 14
#define CP_SOCK_READY 16
#define CP_APP_READ 17
#define CP_FREED 18
#define CP_COUNT 19
#define CP_NONE 99

/* Device roles, decided once per net_device. */
#define ROLE_OTHER 1
#define ROLE_UNDERLAY 2
#define ROLE_VXLAN 3
#define ROLE_HOST_VETH 4
#define ROLE_CONTAINER 5

/* Probe points, in the order of POINT_NAMES in the loader. */
enum point {
  PT_NET_DEV_START_XMIT,
  PT_NETIF_RX,
  PT_NETIF_RECEIVE_SKB,
  PT_NAPI_GRO_RECEIVE_ENTRY,
  PT_SK_DATA_READY,
  PT_SKB_COPY_DATAGRAM_IOVEC,
  PT_CONSUME_SKB,
  PT_KFREE_SKB,
};

/*
 * Log-linear buckets, as kernel-buckets.ts and econ-trace-aggregate.bt: d < 32 is bucket d;
 * 2^e <= d < 2^(e+1) is 32 + (e - 5) * 16 + (d >> (e - 4)) - 16. Deltas of 2^40 ns (18 min)
 * or more are counted as overflow instead.
 */
#define MAX_EXPONENT 39
#define HIST_BUCKETS (32 + (MAX_EXPONENT - 4) * 16)
#define HIST_CELLS (CP_COUNT * CP_COUNT * HIST_BUCKETS)

/* Per-packet state: a direct-mapped table indexed by a hash of the skb address. */
#define SLOT_BITS 16
#define SLOTS (1 << SLOT_BITS)
#define ROLE_BITS 8
#define ROLE_SLOTS (1 << ROLE_BITS)

/* Counters: packets started per checkpoint, then these. */
#define CNT_SAMPLED CP_COUNT
#define CNT_EVICTED (CP_COUNT + 1)
#define CNT_LOST (CP_COUNT + 2)
#define CNT_OVERFLOW (CP_COUNT + 3)
#define CNT_COUNT (CP_COUNT + 4)

#define NAME_LEN 16

struct agg_config {
  unsigned int excluded_netns; /* 0 = none */
  unsigned int kept_netns;     /* 0 = every one not excluded */
  unsigned int sample_one_in;  /* 0 = no timelines */
  unsigned int host_path;      /* 1: sk_data_ready follows outer_rcv */
  unsigned int sender_side;    /* 1: the sender's checkpoints count too ("all" points) */
  /* underlay, underlay, vxlan, host veth, container; empty = none */
  char names[5][NAME_LEN];
};

/* One event of a sampled packet, printed by the loader as a bpftrace-csv line. */
struct agg_event {
  unsigned long long ts;
  unsigned long long skb;
  unsigned int cpu;
  unsigned int len;
  unsigned int hash;
  unsigned int saddr;
  unsigned int daddr;
  unsigned int aux; /* copied length (skb_copy_datagram_iovec) or socket protocol */
  unsigned short sport;
  unsigned short dport;
  unsigned short segs;
  unsigned char point;
  unsigned char ip; /* 0 = not IPv4, 1 = IPv4 without ports, 2 = TCP or UDP */
  unsigned char proto;
  char dev[NAME_LEN];
};

#endif
