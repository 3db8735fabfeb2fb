/**
 * What the perf script stack reader hands out: one sample at a time, through a sink, so a
 * caller can fold, classify or export without the reader holding any sample.
 */

export interface StackSample {
  /** Process name, spaces turned into `_` (the first element of a folded stack). */
  comm: string;
  /** Event name as printed, e.g. "cpu-clock:ppp". */
  event: string;
  /** Weight: the sample's period, or 1 when perf script printed none. */
  period: number;
  /** perf printed the period (else `period` is the 1 stackcollapse-perf.pl puts in). */
  hasPeriod: boolean;
  /** CPU, -1 when not printed. */
  cpu: number;
  /** Timestamp: whole seconds, and the fraction in ns (NaN when the line had no timestamp). */
  sec: number;
  ns: number;
  /**
   * Folded frame names, leaf first. Reused for the next sample: copy what you keep. A name can
   * hold `;` when perf printed inlined functions (`a;b_[i]`).
   */
  frames: string[];
  /** The same frames as small integers, one per distinct folded name (same order as frames). */
  frameIds: number[];
}

export interface StackSampleSink {
  onSample(sample: StackSample): void;
}

export interface StackReadOptions {
  /**
   * Event to fold, as perf script prints it ("cpu-clock:ppp"); default: the first event that
   * ends its header line, i.e. the first sampling event such as cpu-clock (a tracepoint's line
   * goes on with its fields).
   */
  event?: string;
  /**
   * Fold samples whose header line does not end with the event (tracepoints) whatever the
   * event filter says, as stackcollapse-perf.pl does. Off by default: a tracepoint's stacks
   * are not CPU time and would be mixed in with weight 1.
   */
  foldAllTracepoints?: boolean;
}
