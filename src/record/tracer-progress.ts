/**
 * The progress line a tracer that writes its events itself prints on stderr (the native
 * recorder, native/econ-trace-aggregate.c): "Printed N events, M packets", running totals.
 */
const PROGRESS = /^Printed (\d+) events, (\d+) packets$/;

export interface TracerProgress {
  events: number;
  packets: number;
}

export function parseProgressLine(line: string): TracerProgress | null {
  const m = PROGRESS.exec(line);
  return m ? { events: Number(m[1]), packets: Number(m[2]) } : null;
}
