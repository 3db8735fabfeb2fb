/*
 * event-line.h: the loader's output buffer and number formatting. Events mode prints every
 * event of every packet, hundreds of thousands of lines a second on a core the workload also
 * needs; formatting by hand into one large buffer costs a fraction of printf per line.
 */
#ifndef ECON_TRACE_EVENT_LINE_H
#define ECON_TRACE_EVENT_LINE_H

#include <stdio.h>
#include <string.h>

#define OUT_CAPACITY (1 << 20)
/* Longer than any line: flushed once less than this is free. */
#define OUT_LINE_MAX 256

struct out_buffer {
  char data[OUT_CAPACITY];
  size_t len;
  /* Where lines go: stdout, or the events file the recorder hands over as fd 3. */
  FILE *to;
};

static void out_flush(struct out_buffer *o) {
  if (o->len > 0) fwrite(o->data, 1, o->len, o->to);
  o->len = 0;
  fflush(o->to);
}

/* Room for one more line. */
static void out_reserve_line(struct out_buffer *o) {
  if (OUT_CAPACITY - o->len < OUT_LINE_MAX) out_flush(o);
}

static void out_char(struct out_buffer *o, char c) { o->data[o->len++] = c; }

static void out_text(struct out_buffer *o, const char *s, size_t max) {
  for (size_t i = 0; i < max && s[i] != '\0'; i++) o->data[o->len++] = s[i];
}

static void out_decimal(struct out_buffer *o, unsigned long long v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) o->data[o->len++] = digits[--n];
}

static void out_hex(struct out_buffer *o, unsigned long long v) {
  static const char HEX[] = "0123456789abcdef";
  char digits[16];
  int n = 0;
  do {
    digits[n++] = HEX[v & 15];
    v >>= 4;
  } while (v > 0);
  while (n > 0) o->data[o->len++] = digits[--n];
}

/* An IPv4 address as stored in the header (network order), dotted. */
static void out_ipv4(struct out_buffer *o, unsigned int network_order) {
  const unsigned char *b = (const unsigned char *)&network_order;
  for (int i = 0; i < 4; i++) {
    if (i > 0) out_char(o, '.');
    out_decimal(o, b[i]);
  }
}

#endif
