/**
 * Writes manifest.json atomically (temp file in the same folder, then rename), so a reader never
 * sees half a manifest even if the recorder is killed mid-write. Keys come out in the order of
 * RunManifest's declaration, unknown extra keys after them sorted, so diffs stay readable.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunManifest } from '../model/manifest.js';
import { MANIFEST_FILE } from './read-run-folder.js';

/** Key order per object: a nested template for objects, a one-element array for arrays of them. */
type KeyOrder = { [key: string]: KeyOrder | null } | [KeyOrder];

const MANIFEST_ORDER: KeyOrder = {
  schemaVersion: null,
  label: null,
  path: null,
  kernel: { release: null, version: null, econ: null, econEnabled: null },
  hostname: null,
  recorder: { name: null, version: null, commands: null },
  probePlan: [{ point: null, mechanism: null, probe: null }],
  devices: [{ name: null, role: null }],
  events: [{ file: null, format: null }],
  startedAt: null,
  endedAt: null,
  clockSource: null,
  sampling: { oneIn: null, unit: null },
  lostEvents: null,
  status: null,
  statusReason: null,
  synthetic: { value: null, description: null },
};

/** The manifest as written: 2-space JSON, stable key order, trailing newline. */
export function formatManifest(manifest: RunManifest): string {
  return `${JSON.stringify(orderKeys(manifest, MANIFEST_ORDER), null, 2)}\n`;
}

export async function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  const target = join(dir, MANIFEST_FILE);
  const temp = join(dir, `.${MANIFEST_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, formatManifest(manifest), { flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

function orderKeys(value: unknown, order: KeyOrder | null): unknown {
  if (order === null || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(order)) {
    return Array.isArray(value) ? value.map((item: unknown) => orderKeys(item, order[0])) : value;
  }
  if (Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(order)) {
    if (key in obj) out[key] = orderKeys(obj[key], order[key] ?? null);
  }
  for (const key of Object.keys(obj).sort()) {
    if (!(key in order)) out[key] = obj[key];
  }
  return out;
}
