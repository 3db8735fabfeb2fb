import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRecordPlan } from '../../src/record/build-record-plan.js';
import { finishManifest, type RecordEnding } from '../../src/record/finish-manifest.js';
import { FACTS, request } from './record-fixtures.js';

const start = buildRecordPlan({
  request: request(),
  facts: FACTS,
  startedAt: '2025-01-01T00:00:00.000Z',
  labWorkload: null,
}).manifest;
const END = '2025-01-01T00:00:05.000Z';

const CASES: [RecordEnding, 'complete' | 'partial', string][] = [
  [{ kind: 'duration', seconds: 5 }, 'complete', ''],
  [{ kind: 'packets', count: 100 }, 'complete', ''],
  [{ kind: 'workload-done' }, 'complete', ''],
  [{ kind: 'signal', signal: 'SIGINT' }, 'partial', 'stopped by SIGINT before the end'],
  [{ kind: 'signal', signal: 'SIGTERM' }, 'partial', 'stopped by SIGTERM before the end'],
  [
    { kind: 'workload-failed', argv: ['iperf3', '-c', 'x'], exitCode: 1, signal: null },
    'partial',
    'workload exited with code 1: iperf3 -c x',
  ],
  [
    { kind: 'workload-failed', argv: ['sh'], exitCode: null, signal: 'SIGKILL' },
    'partial',
    'workload was killed by SIGKILL: sh',
  ],
  [
    { kind: 'tracer-died', message: 'bpftrace was killed by SIGKILL while recording' },
    'partial',
    'bpftrace was killed by SIGKILL while recording',
  ],
  [
    { kind: 'error', message: 'perf record exited at once (code 1)' },
    'partial',
    'perf record exited at once (code 1)',
  ],
];

test('every ending completes the manifest: end time, lost events, status and reason', () => {
  for (const [ending, status, reason] of CASES) {
    const m = finishManifest(start, ending, 42, END);
    assert.equal(m.status, status, ending.kind);
    assert.equal(m.statusReason, reason, ending.kind);
    assert.equal(m.endedAt, END);
    assert.equal(m.lostEvents, 42);
    assert.deepEqual(
      { ...m, endedAt: null, lostEvents: 0, status: 'partial', statusReason: 'recording' },
      start,
    );
  }
});
