/**
 * oclif.manifest.json, written by `npm run build`, is what oclif reads instead of importing the
 * commands: it must describe exactly the commands in dist/commands, or help and flag parsing
 * would follow a stale build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MANIFEST = `${ROOT}oclif.manifest.json`;
const built = existsSync(`${ROOT}dist/commands/report.js`) && existsSync(MANIFEST);

test(
  'the manifest describes the built commands',
  { skip: built ? false : 'needs `npm run build` (dist/ and oclif.manifest.json)' },
  async () => {
    const fresh = new Plugin({ root: ROOT, type: 'core', isRoot: true, ignoreManifest: true });
    await fresh.load();
    const written: unknown = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    assert.deepEqual(written, JSON.parse(JSON.stringify(fresh.manifest)));
    assert.ok('report' in fresh.manifest.commands);
  },
);
