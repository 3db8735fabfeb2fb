/**
 * `econ-trace export --format perfetto`: every packet timeline of a run as a Chrome trace JSON
 * file, written while the joiner closes timelines (perfetto-events.ts says what is written).
 */
import { joinRunTimelines } from '../pipeline/analyse-run.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';
import { formatPacketEvents, formatTraceHeader, TRACE_FOOTER } from './perfetto-events.js';
import { TextSink } from './text-sink.js';

export interface PerfettoExport {
  packets: number;
  flows: number;
  bytes: number;
}

export async function exportPerfetto(dir: string, out: string): Promise<PerfettoExport> {
  const folder = await readRunFolder(dir);
  const sink = new TextSink(out);
  const flows = { next: 1 };
  let tid = 0;
  sink.write(formatTraceHeader(folder.manifest.label));
  await joinRunTimelines(folder, dir, {
    onTimeline: (t) => sink.write(formatPacketEvents(t, ++tid, flows)),
    afterBatch: () => sink.flush(),
  });
  sink.write(TRACE_FOOTER);
  await sink.close();
  return { packets: tid, flows: flows.next - 1, bytes: sink.bytes };
}
