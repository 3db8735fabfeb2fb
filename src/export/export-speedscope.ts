/**
 * `econ-trace export --format speedscope`: a speedscope file with the run's perf stack samples
 * as a sampled profile (when the run has cpu/), and its packets' stages as an evented profile
 * (speedscope-profiles.ts says how each is laid out).
 */
import { joinRunTimelines } from '../pipeline/analyse-run.js';
import { readOwnVersion } from '../pipeline/own-version.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';
import { loadRunStacks } from './load-run-stacks.js';
import { EventedStagesProfile, writeSampledProfile } from './speedscope-profiles.js';
import { SpeedscopeWriter } from './speedscope-writer.js';
import { TextSink } from './text-sink.js';

export interface SpeedscopeExport {
  profiles: ('sampled' | 'evented')[];
  samples: number;
  packets: number;
  bytes: number;
}

export async function exportSpeedscope(dir: string, out: string): Promise<SpeedscopeExport> {
  const folder = await readRunFolder(dir);
  const label = folder.manifest.label;
  const stacks = await loadRunStacks(dir);
  const sink = new TextSink(out);
  const w = new SpeedscopeWriter(sink, label, `econ-trace ${readOwnVersion()}`);
  const profiles: SpeedscopeExport['profiles'] = [];
  if (stacks !== null) {
    const unit = stacks.weightsAreNs ? 'nanoseconds' : 'none';
    writeSampledProfile(
      w,
      `CPU ${stacks.event ?? ''} (${stacks.relPath})`,
      stacks.folder.stacks,
      unit,
    );
    profiles.push('sampled');
  }
  const evented = new EventedStagesProfile(w, `packet stages, packets end to end (${label})`);
  let packets = 0;
  await joinRunTimelines(folder, dir, {
    onTimeline: (t) => {
      packets++;
      evented.add(t);
    },
    afterBatch: () => w.flush(),
  });
  evented.end();
  profiles.push('evented');
  w.finish();
  await sink.close();
  return { profiles, samples: stacks?.folder.samples ?? 0, packets, bytes: sink.bytes };
}
