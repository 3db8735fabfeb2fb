/**
 * Reads bpftrace's stderr line by line as it is written: sums "Lost N events", and recognises
 * attach failures so the recorder can name the probe and the reason on one line. Shapes seen
 * from bpftrace 0.17 on Linux 6.18 (test/fake-bin/bpftrace-record-attach-fail copies them):
 *   create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory
 *   ERROR: Error attaching probe: 'kprobe:tcp_v4_rcv'
 * and, for a probe refused while the program is checked:
 *   prog.bt:40-42: ERROR: kfunc:netif_receive_skb: could not read traceable functions from ...
 * The RLIMIT_MEMLOCK "ERROR" bpftrace 0.17 always prints is harmless and skipped.
 */

export interface AttachFailure {
  /** The probe as bpftrace names it, e.g. "kprobe:tcp_v4_rcv". */
  probe: string;
  /** Why, as bpftrace said it; '' when it gave no reason. */
  reason: string;
}

export interface StderrScan {
  lostEvents: number;
  /** First attach failure seen; null when none. */
  attachFailure: AttachFailure | null;
  /** First few ERROR lines (other than the harmless one), for a one-line failure message. */
  errors: string[];
}

const LOST = /^Lost (\d+) events/;
const ATTACH = /Error attaching probe: '([^']+)'/;
const CHECKED =
  /ERROR: ((?:kfunc|kretfunc|fentry|fexit|kprobe|kretprobe|tracepoint|rawtracepoint):[^\s:]+(?::[^\s:]+)?): (.+)$/;
const HARMLESS = /couldn't set RLIMIT_MEMLOCK/;
const MAX_ERRORS = 3;

export function createStderrScan(): StderrScan {
  return { lostEvents: 0, attachFailure: null, errors: [] };
}

/** Feeds one line (without its newline); `previous` is the line before it, for the reason. */
export function scanStderrLine(scan: StderrScan, line: string, previous: string): void {
  const lost = LOST.exec(line);
  if (lost) {
    scan.lostEvents += Number(lost[1]);
    return;
  }
  if (!line.includes('ERROR') || HARMLESS.test(line)) return;
  if (scan.errors.length < MAX_ERRORS) scan.errors.push(line.trim());
  if (scan.attachFailure !== null) return;
  const attach = ATTACH.exec(line);
  if (attach) {
    const context =
      previous.includes('ERROR') || previous.includes('WARNING') ? '' : previous.trim();
    scan.attachFailure = { probe: attach[1] ?? '', reason: context };
    return;
  }
  const checked = CHECKED.exec(line);
  if (checked) scan.attachFailure = { probe: checked[1] ?? '', reason: (checked[2] ?? '').trim() };
}

/** Splits a text stream into lines for scanStderrLine, keeping the partial last one. */
export function createLineSplitter(onLine: (line: string, previous: string) => void): {
  push(text: string): void;
  end(): void;
} {
  let partial = '';
  let previous = '';
  const emit = (line: string): void => {
    onLine(line, previous);
    previous = line;
  };
  return {
    push(text) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      if (partial !== '') emit(partial);
      partial = '';
    },
  };
}

/** One line for a failed recording: the attach failure, else the first error, else `fallback`. */
export function describeTracerFailure(scan: StderrScan, fallback: string): string {
  if (scan.attachFailure) {
    const { probe, reason } = scan.attachFailure;
    return `bpftrace could not attach ${probe}${reason === '' ? '' : `: ${reason}`}`;
  }
  const first = scan.errors[0];
  return first === undefined ? fallback : `${fallback}: ${first}`;
}
