/**
 * Analyse one run as it streams past: raw events (for ECON's counters and the trace span) and
 * packet timelines as the joiner closes them go in; a RunReport and the reservoir samples for
 * the comparison come out. Memory is bounded: histograms, reservoirs and flow tables have fixed
 * maximum sizes whatever the length of the trace.
 */
import type { EconOutcome, PacketTimeline } from '../model/timeline.js';
import type { CheckpointId } from '../model/checkpoint.js';
import type { TraceEvent } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';
import type { ProbeMechanism, RunManifest } from '../model/manifest.js';
import type { RunReport } from '../model/report.js';
import { addEconEvent, createEconCounters, finishEcon } from './econ-counters.js';
import { addTimelineFlow, createFlowAccumulator, finishFlows } from './flow-accumulator.js';
import { createHopColumns, fillHopColumns } from './hop-columns.js';
import { addTimelinePackets, createPacketCounter, finishPackets } from './packet-counter.js';
import type { KernelStages } from './kernel-stages.js';
import type { RunAnalysis } from './run-analysis.js';
import { addTimelineSpans, createSpanAccumulator, finishSpans } from './span-accumulator.js';
import { addTimelineStages, createStageAccumulator, finishStages } from './stage-accumulator.js';

export interface RunSummariserOptions {
  /** Folder name as given on the command line. */
  source: string;
  manifest: RunManifest;
  /** Checkpoints a complete packet must show, given its ECON outcome (from path and probe plan). */
  expected: (econ: EconOutcome | null) => CheckpointId[];
  /** In-kernel stage histograms (aggregate recordings): they replace the timelines' stage table. */
  kernelStages?: KernelStages;
}

export interface RunSummariser {
  addEvent(ev: TraceEvent): void;
  addTimeline(t: PacketTimeline): void;
  /** Call once, after the last event and timeline. */
  finish(ingest: IngestCounters): RunAnalysis;
}

export function createRunSummariser(opts: RunSummariserOptions): RunSummariser {
  const { manifest } = opts;
  const econ = createEconCounters();
  const stages = createStageAccumulator();
  const spans = createSpanAccumulator();
  const flows = createFlowAccumulator();
  const packets = createPacketCounter(opts.expected);
  const hops = createHopColumns();
  // min and max rather than first and last: file order is not quite time order.
  let firstNs = Infinity;
  let lastNs = -Infinity;

  return {
    addEvent(ev) {
      if (ev.tsNs < firstNs) firstNs = ev.tsNs;
      if (ev.tsNs > lastNs) lastNs = ev.tsNs;
      if (ev.point.startsWith('econ_')) addEconEvent(econ, ev);
    },
    addTimeline(t) {
      fillHopColumns(hops, t.hops);
      addTimelinePackets(packets, t, hops);
      addTimelineStages(stages, hops);
      const endToEndNs = addTimelineSpans(spans, hops);
      addTimelineFlow(flows, t, endToEndNs);
    },
    finish(ingest) {
      const samples = new Map<string, Float64Array>();
      const counted = finishPackets(packets);
      // The timelines' stage samples stay (the comparison bootstraps from them); the table
      // comes from the kernel's histograms of every packet when the run has them.
      const timelineStages = finishStages(stages, samples);
      const kernel = opts.kernelStages;
      const report: RunReport = {
        source: opts.source,
        label: manifest.label,
        synthetic: { value: manifest.synthetic.value, description: manifest.synthetic.description },
        path: manifest.path,
        kernel: {
          release: manifest.kernel.release,
          econ: manifest.kernel.econ,
          econEnabled: manifest.kernel.econEnabled,
        },
        recorder: `${manifest.recorder.name} ${manifest.recorder.version}`.trim(),
        status: manifest.status,
        statusReason: manifest.statusReason,
        durationNs: lastNs >= firstNs ? lastNs - firstNs : 0,
        ingest: structuredClone(ingest),
        packets: counted.packets,
        checkpoints: counted.checkpoints,
        stages: kernel ? kernel.stats : timelineStages,
        ...(kernel
          ? { stageSource: 'kernel-histograms' as const, relativeError: kernel.relativeError }
          : printedByBpftrace(manifest)
            ? { printedInPath: true }
            : {}),
        endToEnd: finishSpans(spans, samples),
        flows: finishFlows(flows),
        cpus: counted.cpus,
        econ: finishEcon(econ, manifest.kernel.econ),
      };
      return { report, samples };
    },
  };
}

/** bpftrace's mechanisms: a run whose plan has one was printed event by event by bpftrace. */
const BPFTRACE_MECHANISMS: ReadonlySet<ProbeMechanism> = new Set([
  'tracepoint',
  'fentry',
  'kprobe',
]);

function printedByBpftrace(manifest: RunManifest): boolean {
  return manifest.probePlan.some((p) => BPFTRACE_MECHANISMS.has(p.mechanism));
}
