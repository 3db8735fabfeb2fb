import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { exportSpeedscope } from '../../src/export/export-speedscope.js';
import { makeCpuRun } from './make-cpu-run.js';
import { SPEEDSCOPE_FILE_SCHEMA } from './speedscope-schema.js';

interface Profile {
  type: 'sampled' | 'evented';
  name: string;
  unit: string;
  startValue: number;
  endValue: number;
  samples?: number[][];
  weights?: number[];
  events?: { type: 'O' | 'C'; at: number; frame: number }[];
}
interface SpeedscopeFile {
  shared: { frames: { name: string }[] };
  profiles: Profile[];
}

const validate = new Ajv2020.default({ strict: true }).compile(SPEEDSCOPE_FILE_SCHEMA);

/** Schema, then the rules a schema cannot say: frame indices, balance, order, lengths. */
function checkSpeedscope(text: string): SpeedscopeFile {
  const doc = JSON.parse(text) as unknown;
  assert.ok(validate(doc), JSON.stringify(validate.errors));
  const file = doc as SpeedscopeFile;
  const frames = file.shared.frames.length;
  for (const p of file.profiles) {
    assert.ok(p.endValue >= p.startValue);
    if (p.type === 'sampled') {
      assert.equal(p.samples?.length, p.weights?.length);
      for (const s of p.samples ?? []) for (const f of s) assert.ok(f < frames);
    } else {
      const open: number[] = [];
      let at = p.startValue;
      for (const e of p.events ?? []) {
        assert.ok(e.frame < frames);
        assert.ok(e.at >= at, 'events in non-decreasing order');
        at = e.at;
        if (e.type === 'O') open.push(e.frame);
        else assert.equal(open.pop(), e.frame, 'close matches the innermost open frame');
      }
      assert.equal(open.length, 0, 'every opened frame is closed');
      assert.ok(at <= p.endValue);
    }
  }
  return file;
}

test('run with cpu samples: a sampled profile of the stacks and an evented one of the stages', async () => {
  const run = await makeCpuRun();
  try {
    const out = join(run, 'profile.speedscope.json');
    const r = await exportSpeedscope(run, out);
    assert.deepEqual(r.profiles, ['sampled', 'evented']);
    const file = checkSpeedscope(await readFile(out, 'utf8'));
    const sampled = file.profiles[0] as Profile;
    assert.equal(sampled.unit, 'nanoseconds');
    // The recorded profile: 2002 samples of 2004008 ns each.
    assert.equal(sampled.endValue, 2002 * 2004008);
    assert.equal(
      (sampled.weights ?? []).reduce((a, b) => a + b, 0),
      sampled.endValue,
    );
    assert.equal(r.samples, 2002);
    const evented = file.profiles[1] as Profile;
    assert.equal(evented.type, 'evented');
    assert.ok((evented.events?.length ?? 0) > r.packets);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});

test('run without cpu samples: the evented profile only', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-speedscope-'));
  try {
    const out = join(dir, 'p.json');
    const r = await exportSpeedscope('fixtures/runs/overlay-perf', out); // recorded without --cpu
    assert.deepEqual(r.profiles, ['evented']);
    const file = checkSpeedscope(await readFile(out, 'utf8'));
    assert.equal(file.profiles.length, 1);
    assert.ok(file.shared.frames.some((f) => f.name === 'packet'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
