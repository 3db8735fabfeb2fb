import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createIngestCounters } from '../../src/model/ingest.js';
import { FormatError } from '../../src/parse/format-error.js';
import { openRunEvents } from '../../src/run-folder/open-run-events.js';
import { readRunFolder } from '../../src/run-folder/read-run-folder.js';
import { RunFolderError } from '../../src/run-folder/run-folder-error.js';
import { formatManifest, writeManifest } from '../../src/run-folder/write-manifest.js';
import { SAMPLE_CSV, makeRunFolder, validManifest } from './run-folder-fixture.js';

/** The one-line message readRunFolder throws for a folder made from `manifest`. */
async function messageFor(
  manifest: unknown,
  prepare?: (dir: string) => Promise<void>,
): Promise<string> {
  const dir = await makeRunFolder(manifest);
  try {
    await prepare?.(dir);
    await readRunFolder(dir);
  } catch (err) {
    assert.ok(err instanceof RunFolderError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message.replaceAll(dir, '<run>');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.fail('expected a RunFolderError');
}

/** A valid manifest with one change made by `edit`. */
function edited(edit: (m: Record<string, unknown>) => void): unknown {
  const m = validManifest() as unknown as Record<string, unknown>;
  edit(m);
  return m;
}

test('run-folder: a valid folder reads, unknown fields kept', async () => {
  const dir = await makeRunFolder({ ...validManifest(), addedLater: { x: 1 } });
  try {
    const folder = await readRunFolder(dir);
    assert.equal(folder.dir, dir);
    assert.equal(folder.manifest.label, 'vanilla 6.18 overlay');
    assert.deepEqual((folder.manifest as unknown as Record<string, unknown>).addedLater, { x: 1 });
    assert.deepEqual(folder.eventFiles, [
      {
        path: resolve(dir, 'events/packets.csv'),
        relPath: 'events/packets.csv',
        format: 'bpftrace-csv',
      },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const FIX = 'fix manifest.json or re-record the run (docs/run-folder.md)';

test('run-folder: each invalid manifest gives its one-line message', async () => {
  const cases: [unknown, string][] = [
    [
      edited((m) => (m.schemaVersion = 2)),
      '<run>/manifest.json: schemaVersion 2 is not supported (this econ-trace reads 1); re-record or upgrade econ-trace',
    ],
    [
      edited((m) => delete m.schemaVersion),
      `<run>/manifest.json: missing required field schemaVersion; ${FIX}`,
    ],
    [edited((m) => delete m.label), `<run>/manifest.json: missing required field label; ${FIX}`],
    [
      edited((m) => ((m.kernel as Record<string, unknown>).econ = 'no')),
      `<run>/manifest.json: kernel.econ must be a boolean, got string "no"; ${FIX}`,
    ],
    [
      edited((m) => (m.path = 'vm')),
      `<run>/manifest.json: path must be one of overlay, host, got "vm"; ${FIX}`,
    ],
    [
      edited((m) => (m.events = [{ file: 'events/packets.csv', format: 'pcap' }])),
      `<run>/manifest.json: events[0].format must be one of bpftrace-csv, perf-script, got "pcap"; ${FIX}`,
    ],
    [
      edited((m) => (m.events = [{ file: '../elsewhere.csv', format: 'bpftrace-csv' }])),
      `<run>/manifest.json: events[0].file must be a relative path inside the run folder, got "../elsewhere.csv"; ${FIX}`,
    ],
    [
      edited((m) => (m.events = [])),
      `<run>/manifest.json: events must list exactly one event file in schema 1, got 0; ${FIX}`,
    ],
    [
      edited((m) => (m.recorder = { name: 'x', version: '1', commands: [['ok', 3]] })),
      `<run>/manifest.json: recorder.commands[0][1] must be a string, got number 3; ${FIX}`,
    ],
    [
      edited(
        (m) =>
          (m.devices = [
            { name: 'eth0', role: 'container' },
            { name: 'eth0', role: 'underlay' },
          ]),
      ),
      `<run>/manifest.json: device "eth0" is given two roles (container and underlay); ${FIX}`,
    ],
    [
      edited((m) => (m.endedAt = 5)),
      `<run>/manifest.json: endedAt must be a string or null, got number 5; ${FIX}`,
    ],
    [
      edited((m) => ((m.sampling as Record<string, unknown>).oneIn = 0)),
      `<run>/manifest.json: sampling.oneIn must be at least 1, got 0; ${FIX}`,
    ],
    [
      edited((m) => (m.lostEvents = 1.5)),
      `<run>/manifest.json: lostEvents must be an integer, got number 1.5; ${FIX}`,
    ],
    [
      edited((m) => (m.synthetic = null)),
      `<run>/manifest.json: synthetic must be an object, got null; ${FIX}`,
    ],
    [[1, 2], `<run>/manifest.json: not a JSON object; ${FIX}`],
  ];
  for (const [manifest, expected] of cases) assert.equal(await messageFor(manifest), expected);
});

test('run-folder: unparsable, missing and unreadable manifests', async () => {
  assert.match(
    await messageFor('{"schemaVersion": 1,'),
    /^<run>\/manifest\.json: not valid JSON \(.+\); fix it or re-record the run$/,
  );
  assert.equal(
    await messageFor(validManifest(), (dir) => rm(join(dir, 'manifest.json'))),
    '<run>/manifest.json: missing; a run folder needs the manifest.json that econ-trace record writes (docs/run-folder.md)',
  );
  if (process.getuid?.() !== 0) {
    // root reads files whatever their mode, so this case only means something for other users.
    assert.equal(
      await messageFor(validManifest(), (dir) => chmod(join(dir, 'manifest.json'), 0)),
      '<run>/manifest.json: cannot be read (EACCES); check its permissions',
    );
  }
});

test('run-folder: missing event file, missing folder, not a folder', async () => {
  assert.equal(
    await messageFor(validManifest(), (dir) => rm(join(dir, 'events', 'packets.csv'))),
    '<run>/events/packets.csv: event file named in manifest.json does not exist; re-record, or fix events[0].file in manifest.json',
  );
  const dir = await makeRunFolder();
  try {
    await assert.rejects(readRunFolder(join(dir, 'nope')), {
      message: `${join(dir, 'nope')}: run folder does not exist; check the path`,
    });
    await assert.rejects(readRunFolder(join(dir, 'manifest.json')), {
      message: `${join(dir, 'manifest.json')}: not a directory; pass the run folder that holds manifest.json`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('run-folder: openRunEvents streams the event file, gunzipping it when needed', async () => {
  const dir = await makeRunFolder();
  try {
    await writeFile(join(dir, 'events', 'packets.csv'), gzipSync(SAMPLE_CSV));
    const counters = createIngestCounters();
    const origin = { originSec: null };
    const events = [];
    for await (const batch of openRunEvents(await readRunFolder(dir), { origin, counters }))
      events.push(...batch);
    assert.deepEqual(
      events.map((e) => `${e.point}@${e.dev} ${e.skb} ${e.tsNs}`),
      ['netif_receive_skb@ulB ffff88810a288d00 388118514'],
    );
    assert.equal(origin.originSec, 167);
    assert.equal(counters.linesRead, 2);

    await writeFile(join(dir, 'events', 'packets.csv'), 'not,a,header\n');
    const again = openRunEvents(await readRunFolder(dir), { origin, counters });
    await assert.rejects(
      again.next(),
      (err: unknown) => err instanceof FormatError && err.file === 'events/packets.csv',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('run-folder: writeManifest writes stable key order atomically, and reads back', async () => {
  const dir = await makeRunFolder();
  try {
    const shuffled = Object.fromEntries(
      Object.entries({ ...validManifest(), zExtra: 1, aExtra: 2 }).reverse(),
    ) as unknown as ReturnType<typeof validManifest>;
    await writeManifest(dir, shuffled);
    const text = await readFile(join(dir, 'manifest.json'), 'utf8');
    assert.equal(
      text,
      formatManifest(validManifest()).replace(/\n}\n$/, ',\n  "aExtra": 2,\n  "zExtra": 1\n}\n'),
    );
    assert.deepEqual(Object.keys(JSON.parse(text) as object).slice(0, 3), [
      'schemaVersion',
      'label',
      'path',
    ]);
    assert.match(text, /^ {2}"kernel": \{\n {4}"release"/m);
    assert.deepEqual(await readdir(dir), ['events', 'manifest.json'], 'no temp file left behind');
    const folder = await readRunFolder(dir);
    assert.equal(folder.manifest.hostname, 'lab');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
