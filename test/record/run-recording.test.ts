/**
 * runRecording against fake bpftrace executables (test/fake-bin/fake-bpftrace-record*): each
 * ending leaves a folder readRunFolder accepts, with the manifest saying how the run ended.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordPlan } from '../../src/record/build-record-plan.js';
import { prepareRunFolder } from '../../src/record/prepare-run-folder.js';
import { RecordError } from '../../src/record/record-error.js';
import type { RawRecordFlags } from '../../src/record/parse-record-flags.js';
import { runRecording, type RecordingHooks } from '../../src/record/run-recording.js';
import { readRunFolder } from '../../src/run-folder/read-run-folder.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { fakeBin } from '../tools/fake-bin.js';
import { FACTS, request } from './record-fixtures.js';

async function record(
  fake: string,
  raw: Partial<RawRecordFlags>,
  hooks: RecordingHooks = {},
): Promise<{ dir: string; manifest: RunManifest | null; error: unknown }> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-record-'));
  const req = request({ ...raw, out: dir });
  await prepareRunFolder(dir, false, false);
  const plan = buildRecordPlan({
    request: req,
    facts: FACTS,
    startedAt: new Date().toISOString(),
    labWorkload: null,
    bpftrace: fakeBin(fake),
  });
  const noSignals = (): (() => void) => () => undefined;
  try {
    const manifest = await runRecording(plan, { listenForStop: noSignals, tailMs: 10, ...hooks });
    return { dir, manifest, error: null };
  } catch (error) {
    return { dir, manifest: null, error };
  }
}

async function readBack(
  dir: string,
): Promise<{ manifest: RunManifest; csv: string; stderr: string }> {
  const folder = await readRunFolder(dir);
  return {
    manifest: folder.manifest,
    csv: await readFile(join(dir, 'events', 'packets.csv'), 'utf8'),
    stderr: await readFile(join(dir, 'raw', 'bpftrace.stderr.log'), 'utf8'),
  };
}

test('duration: complete, every line streamed to the file, SIGINT flush kept, stderr logged', async () => {
  const { dir, manifest, error } = await record('fake-bpftrace-record', { duration: '0.5' });
  try {
    assert.equal(error, null);
    const back = await readBack(dir);
    assert.deepEqual(back.manifest, manifest);
    assert.equal(back.manifest.status, 'complete');
    assert.equal(back.manifest.statusReason, '');
    assert.notEqual(back.manifest.endedAt, null);
    assert.equal(back.manifest.lostEvents, 0);
    const lines = back.csv.trimEnd().split('\n');
    assert.equal(
      lines[1],
      'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret',
    );
    assert.equal(lines.length, 7);
    assert.match(
      lines[6] ?? '',
      /^1000900,0,consume_skb,/,
      'the line bpftrace prints on SIGINT is kept',
    );
    assert.match(back.stderr, /RLIMIT_MEMLOCK/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('packets: stops once N outer receives are seen on the underlay', async () => {
  const started = Date.now();
  const { dir, manifest } = await record('fake-bpftrace-record', { packets: '2', duration: '20' });
  try {
    assert.equal(manifest?.status, 'complete');
    assert.ok(Date.now() - started < 10_000, 'stopped by the packet count, not the duration');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a stop request (SIGINT) leaves a readable partial run', async () => {
  const { dir, manifest } = await record(
    'fake-bpftrace-record',
    {},
    {
      listenForStop: (stop) => {
        const t = setTimeout(() => stop('SIGINT'), 300);
        return () => clearTimeout(t);
      },
    },
  );
  try {
    assert.equal(manifest?.status, 'partial');
    assert.equal(manifest?.statusReason, 'stopped by SIGINT before the end');
    assert.equal((await readBack(dir)).manifest.status, 'partial');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('lost events from stdout and stderr are summed into the manifest', async () => {
  const { dir, manifest } = await record('fake-bpftrace-record-lost', { duration: '0.5' });
  try {
    assert.equal(manifest?.lostEvents, 20);
    assert.equal(manifest?.status, 'complete');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('attach failure: one-line error naming probe and reason; folder still readable, partial', async () => {
  const { dir, error } = await record('fake-bpftrace-record-attach-fail', { duration: '5' });
  try {
    assert.ok(error instanceof RecordError);
    assert.equal(error.code, 'attach-failed');
    assert.equal(
      error.message,
      'bpftrace could not attach kprobe:tcp_v4_rcv: create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory',
    );
    const back = await readBack(dir);
    assert.equal(back.manifest.status, 'partial');
    assert.equal(back.manifest.statusReason, error.message);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bpftrace killed mid-recording: partial with the reason, events so far kept', async () => {
  const { dir, manifest, error } = await record('fake-bpftrace-record-killed', { duration: '20' });
  try {
    assert.equal(error, null);
    assert.equal(manifest?.status, 'partial');
    assert.equal(manifest?.statusReason, 'bpftrace was killed by SIGKILL while recording');
    assert.equal((await readBack(dir)).csv.trimEnd().split('\n').length, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a workload command that fails marks the run partial; one that succeeds completes it', async () => {
  const failing = await record('fake-bpftrace-record', {
    command: ['sh', '-c', 'echo to-log; exit 3'],
  });
  const fine = await record('fake-bpftrace-record', { command: ['sh', '-c', 'sleep 0.2'] });
  try {
    assert.equal(failing.manifest?.status, 'partial');
    assert.equal(
      failing.manifest?.statusReason,
      'workload exited with code 3: sh -c echo to-log; exit 3',
    );
    assert.equal(await readFile(join(failing.dir, 'raw', 'workload.log'), 'utf8'), 'to-log\n');
    assert.equal(fine.manifest?.status, 'complete');
  } finally {
    await rm(failing.dir, { recursive: true, force: true });
    await rm(fine.dir, { recursive: true, force: true });
  }
});

test('a duration shorter than the workload command stops it and still completes', async () => {
  const { dir, manifest } = await record('fake-bpftrace-record', {
    command: ['sleep', '30'],
    duration: '0.3',
  });
  try {
    assert.equal(manifest?.status, 'complete');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--out must be empty unless --force, which empties it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-record-'));
  try {
    await writeFile(join(dir, 'old.txt'), 'x');
    await assert.rejects(prepareRunFolder(dir, false, false), (err: unknown) => {
      assert.ok(err instanceof RecordError);
      assert.equal(err.code, 'out-not-empty');
      assert.match(err.suggestion, /--force/);
      return true;
    });
    await prepareRunFolder(dir, true, true);
    await assert.rejects(readFile(join(dir, 'old.txt')));
    for (const sub of ['events', 'raw', 'cpu'])
      assert.ok((await stat(join(dir, sub))).isDirectory(), sub);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('native recorder that cannot load: its own error, and the fix names the way round it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-record-'));
  try {
    const req = request({ out: dir, mode: 'aggregate', duration: '5' });
    await prepareRunFolder(dir, false, false, true);
    const plan = buildRecordPlan({
      request: req,
      facts: FACTS,
      startedAt: new Date().toISOString(),
      labWorkload: null,
      native: { loader: fakeBin('fake-native-load-fail'), object: 'unused.bpf.o' },
    });
    const error = await runRecording(plan, { listenForStop: () => () => undefined }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RecordError);
    assert.equal(
      error.message,
      'the native recorder exited with code 1 before its probes were attached: ERROR: loading the BPF programs: Operation not permitted',
    );
    assert.match(error.suggestion, /--tracer bpftrace/);
    assert.equal((await readBack(dir)).manifest.status, 'partial');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
