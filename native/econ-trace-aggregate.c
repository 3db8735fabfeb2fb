// SPDX-License-Identifier: GPL-2.0
/*
 * econ-trace-aggregate: loads econ-trace-aggregate.bpf.o, attaches its BTF raw tracepoints and
 * speaks like bpftrace running bpftrace/econ-trace-aggregate.bt, so the recorder reads both the
 * same way (docs/run-folder.md):
 *   stdout  the bpftrace-csv header once attached, the events of sampled packets as they come,
 *           and on SIGINT/SIGTERM the marker line and the maps as `@name[key]: value` lines;
 *   stderr  "Attaching N probes..." and, at exit, "Lost N events" when the event buffer was full.
 * When the caller opens file descriptor 3 (the recorder hands over its events file), the header
 * and the events go there instead of stdout, written without passing through the caller, and
 * stderr says every quarter second (and once at exit) "Printed N events, M packets": M counts
 * netif_receive_skb events on the UNDERLAY devices, the packets bpftrace's output is counted by.
 *
 * Usage: econ-trace-aggregate OBJECT EXCLUDED_NETNS KEPT_NETNS SAMPLE_ONE_IN HOST_PATH
 *                             UNDERLAY UNDERLAY VXLAN HOST_VETH CONTAINER [POINTS]
 * the positional parameters of the .bt program ('-' = no such device), then which probe points
 * to attach: "receive" (default: netif_receive_skb and the socket points, the receive path from
 * the underlay to the socket) or "all" (adds net_dev_start_xmit, netif_rx and
 * napi_gro_receive_entry: the sender side, the NIC, bridge/veth and the backlog, at about twice
 * the cost).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "econ-trace-aggregate.h"
#include "event-line.h"

static const char *const POINT_NAMES[] = {
    "net_dev_start_xmit", "netif_rx",         "netif_receive_skb",
    "napi_gro_receive_entry", "sk_data_ready", "skb_copy_datagram_iovec",
    "consume_skb",        "kfree_skb",
};
#define POINTS (sizeof(POINT_NAMES) / sizeof(POINT_NAMES[0]))

/* Attached with "all" only. */
static const char *const ALL_POINTS_ONLY[] = {
    "on_net_dev_start_xmit",
    "on_netif_rx",
    "on_napi_gro_receive_entry",
};
#define ALL_POINTS_ONLY_COUNT (sizeof(ALL_POINTS_ONLY) / sizeof(ALL_POINTS_ONLY[0]))

/* Every 5 ms: the 16 MB buffer holds about 190000 events, a quarter of a second at full speed. */
#define DRAIN_INTERVAL_US 5000
/* Progress lines on stderr when the events go to fd 3. */
#define PROGRESS_INTERVAL_MS 250

static volatile sig_atomic_t stopping;

static void on_stop_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static int fail(const char *what, const char *detail) {
  fprintf(stderr, "ERROR: %s: %s\n", what, detail);
  return 1;
}

/* A decimal number that fits in 32 bits, or -1. */
static long long parse_u32(const char *text) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno || end == text || *end != '\0' || v > 0xffffffffULL || text[0] == '-') return -1;
  return (long long)v;
}

static int parse_config(char **argv, struct agg_config *cfg) {
  long long numbers[4];
  for (int i = 0; i < 4; i++) {
    numbers[i] = parse_u32(argv[i]);
    if (numbers[i] < 0) return fail("not a number", argv[i]);
  }
  cfg->excluded_netns = (unsigned int)numbers[0];
  cfg->kept_netns = (unsigned int)numbers[1];
  cfg->sample_one_in = (unsigned int)numbers[2];
  cfg->host_path = numbers[3] ? 1 : 0;
  for (int i = 0; i < 5; i++) {
    const char *name = argv[4 + i];
    if (strlen(name) >= NAME_LEN) return fail("device name longer than 15 bytes", name);
    if (strcmp(name, "-") != 0) strcpy(cfg->names[i], name);
  }
  return 0;
}

static struct out_buffer out;

/* Counted for the progress lines when the events go to fd 3. */
static unsigned long long printed_events, printed_packets;
static char underlay_names[2][NAME_LEN];

static int is_underlay(const char *dev) {
  for (int i = 0; i < 2; i++)
    if (underlay_names[i][0] && strncmp(dev, underlay_names[i], NAME_LEN) == 0) return 1;
  return 0;
}

static void print_progress(void) {
  fprintf(stderr, "Printed %llu events, %llu packets\n", printed_events, printed_packets);
}

static unsigned long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (unsigned long long)t.tv_sec * 1000 + (unsigned long long)t.tv_nsec / 1000000;
}

/* dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret of a device event. */
static void put_device_fields(const struct agg_event *ev) {
  out_text(&out, ev->dev, NAME_LEN);
  out_char(&out, ',');
  out_hex(&out, ev->skb);
  out_char(&out, ',');
  out_decimal(&out, ev->len);
  out_char(&out, ',');
  out_decimal(&out, ev->hash);
  out_char(&out, ',');
  if (ev->ip == 0) {
    out_text(&out, ",,,,,", 5);
  } else {
    out_ipv4(&out, ev->saddr);
    out_char(&out, ',');
    out_ipv4(&out, ev->daddr);
    out_char(&out, ',');
    if (ev->ip == 2) {
      out_decimal(&out, ev->sport);
      out_char(&out, ',');
      out_decimal(&out, ev->dport);
    } else {
      out_char(&out, ',');
    }
    out_char(&out, ',');
    out_decimal(&out, ev->proto);
    out_char(&out, ',');
  }
  out_decimal(&out, ev->segs);
  out_char(&out, ',');
}

/* One sampled event as the .bt program prints it. */
static int print_event(void *ctx, void *data, size_t size) {
  (void)ctx;
  const struct agg_event *ev = data;
  if (size < sizeof(*ev) || ev->point >= POINTS) return 0;
  out_reserve_line(&out);
  out_decimal(&out, ev->ts);
  out_char(&out, ',');
  out_decimal(&out, ev->cpu);
  out_char(&out, ',');
  out_text(&out, POINT_NAMES[ev->point], 32);
  out_char(&out, ',');
  switch (ev->point) {
    case PT_SK_DATA_READY:
      out_text(&out, ",,,,,,,,", 8);
      out_decimal(&out, ev->aux);
      out_text(&out, ",,", 2);
      break;
    case PT_SKB_COPY_DATAGRAM_IOVEC:
      out_char(&out, ',');
      out_hex(&out, ev->skb);
      out_char(&out, ',');
      out_decimal(&out, ev->aux);
      out_text(&out, ",,,,,,,,", 8);
      break;
    case PT_CONSUME_SKB:
    case PT_KFREE_SKB:
      out_char(&out, ',');
      out_hex(&out, ev->skb);
      out_text(&out, ",,,,,,,,,", 9);
      break;
    default:
      put_device_fields(ev);
      if (ev->point == PT_NETIF_RECEIVE_SKB && is_underlay(ev->dev)) printed_packets++;
  }
  out_char(&out, '\n');
  printed_events++;
  return 0;
}

/* Sums of a per-CPU array of u64, cells [0, count), into `out`. */
static int sum_percpu(struct bpf_map *map, __u32 count, __u64 *out) {
  int cpus = libbpf_num_possible_cpus();
  if (cpus <= 0) return -1;
  enum { CHUNK = 4096 };
  __u32 *keys = calloc(CHUNK, sizeof(*keys));
  __u64 *values = calloc((size_t)CHUNK * cpus, sizeof(*values));
  if (!keys || !values) return -1;
  __u32 next = 0;
  int err = 0;
  for (__u32 start = 0; start < count && !err; start += CHUNK) {
    __u32 n = count - start < CHUNK ? count - start : CHUNK;
    __u32 in = start;
    err = bpf_map_lookup_batch(bpf_map__fd(map), start == 0 ? NULL : &in, &next, keys, values,
                               &n, NULL);
    if (err && errno == ENOENT) err = 0; /* the last batch */
    for (__u32 i = 0; i < n && !err; i++) {
      __u64 sum = 0;
      for (int c = 0; c < cpus; c++) sum += values[(size_t)i * cpus + c];
      if (keys[i] < count) out[keys[i]] = sum;
    }
  }
  free(keys);
  free(values);
  return err;
}

/* The maps at exit, in bpftrace's print() format (src/parse/bpftrace-stage-hist.ts). */
static int print_aggregates(struct bpf_object *obj) {
  __u64 counts[CNT_COUNT] = {0};
  __u64 *hist = calloc(HIST_CELLS, sizeof(*hist));
  if (!hist ||
      sum_percpu(bpf_object__find_map_by_name(obj, "counters"), CNT_COUNT, counts) ||
      sum_percpu(bpf_object__find_map_by_name(obj, "stage_hist"), HIST_CELLS, hist))
    return fail("reading the in-kernel maps", strerror(errno));

  printf("=== econ-trace aggregates v1 ===\n");
  for (int cp = 0; cp < CP_COUNT; cp++)
    if (counts[cp]) printf("@starts[%d]: %llu\n", cp, (unsigned long long)counts[cp]);
  printf("\n@sampled[0]: %llu\n\n", (unsigned long long)counts[CNT_SAMPLED]);
  if (counts[CNT_EVICTED])
    printf("@replaced[0]: %llu\n\n", (unsigned long long)counts[CNT_EVICTED]);
  for (int from = 0; from < CP_COUNT; from++)
    for (int to = 0; to < CP_COUNT; to++)
      for (int b = 0; b < HIST_BUCKETS; b++) {
        __u64 n = hist[(from * CP_COUNT + to) * HIST_BUCKETS + b];
        if (n) printf("@stage[%d]: %llu\n", (from << 15) | (to << 10) | b, (unsigned long long)n);
      }
  free(hist);
  if (counts[CNT_LOST]) fprintf(stderr, "Lost %llu events\n", (unsigned long long)counts[CNT_LOST]);
  if (counts[CNT_OVERFLOW])
    fprintf(stderr, "%llu deltas of 2^40 ns or more were left out\n",
            (unsigned long long)counts[CNT_OVERFLOW]);
  return 0;
}

static int silence_libbpf(enum libbpf_print_level level, const char *format, va_list args) {
  if (level == LIBBPF_WARN) return vfprintf(stderr, format, args);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 11 && argc != 12) {
    fprintf(stderr,
            "usage: %s OBJECT EXCLUDED_NETNS KEPT_NETNS SAMPLE_ONE_IN HOST_PATH UNDERLAY "
            "UNDERLAY VXLAN HOST_VETH CONTAINER [receive|all]\n",
            argv[0]);
    return 2;
  }
  struct agg_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  if (parse_config(argv + 2, &cfg)) return 2;
  int all_points = argc == 12 && strcmp(argv[11], "all") == 0;
  if (argc == 12 && !all_points && strcmp(argv[11], "receive") != 0)
    return fail("points must be receive or all", argv[11]), 2;
  cfg.sender_side = all_points;
  memcpy(underlay_names, cfg.names, sizeof(underlay_names));
  out.to = stdout;
  int events_to_fd3 = fcntl(3, F_GETFD) != -1;
  if (events_to_fd3 && !(out.to = fdopen(3, "w")))
    return fail("opening file descriptor 3 for the events", strerror(errno));

  libbpf_set_print(silence_libbpf);
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (!obj) return fail("opening the BPF object", strerror(errno));
  struct bpf_map *config_map = bpf_object__find_map_by_name(obj, ".rodata.config");
  if (!config_map || bpf_map__set_initial_value(config_map, &cfg, sizeof(cfg)))
    return fail("configuring the BPF object", "no .rodata.config of the expected size");
  if (!all_points)
    for (size_t i = 0; i < ALL_POINTS_ONLY_COUNT; i++)
      bpf_program__set_autoload(bpf_object__find_program_by_name(obj, ALL_POINTS_ONLY[i]), false);
  int err = bpf_object__load(obj);
  if (err) return fail("loading the BPF programs", strerror(-err));

  int attached = 0;
  struct bpf_program *prog;
  bpf_object__for_each_program(prog, obj) {
    if (!bpf_program__autoload(prog)) continue;
    if (!bpf_program__attach(prog))
      return fail("attaching raw tracepoint", bpf_program__section_name(prog));
    attached++;
  }
  struct ring_buffer *events = ring_buffer__new(
      bpf_map__fd(bpf_object__find_map_by_name(obj, "sampled_events")), print_event, NULL, NULL);
  if (!events) return fail("opening the event buffer", strerror(errno));

  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_stop_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  fprintf(stderr, "Attaching %d probes...\n", attached);
  fprintf(out.to, "ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret\n");
  fflush(out.to);
  // The kernel side submits without waking us (a wakeup per event costs more than the event):
  // the buffer is drained on a short timer instead.
  unsigned long long next_progress = now_ms() + PROGRESS_INTERVAL_MS;
  while (!stopping) {
    int n = ring_buffer__consume(events);
    if (n < 0) return fail("reading the event buffer", strerror(-n));
    out_flush(&out);
    if (events_to_fd3 && now_ms() >= next_progress) {
      print_progress();
      next_progress = now_ms() + PROGRESS_INTERVAL_MS;
    }
    if (n == 0) usleep(DRAIN_INTERVAL_US);
  }
  ring_buffer__consume(events);
  out_flush(&out);
  int events_failed = ferror(out.to);
  if (events_to_fd3) {
    print_progress();
    events_failed = fclose(out.to) || events_failed;
  }
  int events_errno = errno;
  // The histograms are whole even when the events file was not: printed either way.
  print_aggregates(obj);
  fflush(stdout);
  ring_buffer__free(events);
  bpf_object__close(obj);
  if (events_failed) return fail("writing the events", strerror(events_errno));
  return 0;
}
