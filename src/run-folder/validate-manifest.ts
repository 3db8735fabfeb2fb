/**
 * Checks a parsed manifest.json against schema 1 (docs/run-folder.md, RunManifest in
 * src/model/manifest.ts). Unknown extra fields are kept and ignored: newer writers may add to
 * schema 1 without breaking this reader.
 */
import { RUN_SCHEMA_VERSION } from '../model/manifest.js';
import type { RunManifest } from '../model/manifest.js';
import { ManifestChecks } from './manifest-checks.js';
import type { JsonObject } from './manifest-checks.js';

const PATHS = ['overlay', 'host'] as const;
const MECHANISMS = [
  'fentry',
  'kprobe',
  'tracepoint',
  'raw-tracepoint',
  'perf-tracepoint',
  'synthetic',
] as const;
const ROLES = ['underlay', 'vxlan', 'bridge', 'host-veth', 'container'] as const;
const FORMATS = ['bpftrace-csv', 'perf-script'] as const;
const UNITS = ['packet', 'flow'] as const;
const STATUSES = ['complete', 'partial'] as const;
const AGGREGATE_FORMATS = ['bpftrace-stage-hist'] as const;

/** The manifest, typed, or a RunFolderError naming `file` and the first problem found. */
export function validateManifest(raw: unknown, file: string): RunManifest {
  const c = new ManifestChecks(file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    c.fail('not a JSON object');
  }
  const m = raw as JsonObject;
  // Checked first: a newer schema may have moved every other field.
  const version = c.field(m, 'schemaVersion', 'schemaVersion');
  if (version !== RUN_SCHEMA_VERSION) {
    c.fail(
      `schemaVersion ${JSON.stringify(version)} is not supported (this econ-trace reads ${RUN_SCHEMA_VERSION})`,
      're-record or upgrade econ-trace',
    );
  }
  c.string(m, 'label', 'label');
  c.oneOf(m, 'path', 'path', PATHS);
  const kernel = c.object(c.field(m, 'kernel', 'kernel'), 'kernel');
  c.string(kernel, 'release', 'kernel.release');
  c.string(kernel, 'version', 'kernel.version');
  c.boolean(kernel, 'econ', 'kernel.econ');
  c.boolean(kernel, 'econEnabled', 'kernel.econEnabled');
  c.string(m, 'hostname', 'hostname');
  checkRecorder(c, m);
  c.objects(m, 'probePlan', 'probePlan', (p, path) => {
    c.string(p, 'point', `${path}.point`);
    c.oneOf(p, 'mechanism', `${path}.mechanism`, MECHANISMS);
    c.string(p, 'probe', `${path}.probe`);
  });
  checkDevices(c, m);
  checkEvents(c, m);
  c.string(m, 'startedAt', 'startedAt');
  const endedAt = c.field(m, 'endedAt', 'endedAt');
  if (endedAt !== null && typeof endedAt !== 'string')
    c.wrongType(endedAt, 'endedAt', 'a string or null');
  c.string(m, 'clockSource', 'clockSource');
  const sampling = c.object(c.field(m, 'sampling', 'sampling'), 'sampling');
  c.integer(sampling, 'oneIn', 'sampling.oneIn', 1);
  c.oneOf(sampling, 'unit', 'sampling.unit', UNITS);
  c.integer(m, 'lostEvents', 'lostEvents', 0);
  c.oneOf(m, 'status', 'status', STATUSES);
  c.string(m, 'statusReason', 'statusReason');
  if (m.aggregates !== undefined) checkAggregates(c, m);
  const synthetic = c.object(c.field(m, 'synthetic', 'synthetic'), 'synthetic');
  c.boolean(synthetic, 'value', 'synthetic.value');
  c.string(synthetic, 'description', 'synthetic.description');
  return m as unknown as RunManifest;
}

function checkRecorder(c: ManifestChecks, m: JsonObject): void {
  const recorder = c.object(c.field(m, 'recorder', 'recorder'), 'recorder');
  c.string(recorder, 'name', 'recorder.name');
  c.string(recorder, 'version', 'recorder.version');
  c.array(recorder, 'commands', 'recorder.commands').forEach((argv, i) => {
    const path = `recorder.commands[${i}]`;
    if (!Array.isArray(argv)) c.wrongType(argv, path, 'an argv array');
    argv.forEach((arg: unknown, j) => {
      if (typeof arg !== 'string') c.wrongType(arg, `${path}[${j}]`, 'a string');
    });
  });
}

function checkDevices(c: ManifestChecks, m: JsonObject): void {
  const roles = new Map<string, string>();
  c.objects(m, 'devices', 'devices', (d, path) => {
    const name = c.string(d, 'name', `${path}.name`);
    const role = c.oneOf(d, 'role', `${path}.role`, ROLES);
    const earlier = roles.get(name);
    // The role decides the checkpoint; one name with two roles would make events ambiguous.
    if (earlier !== undefined && earlier !== role) {
      c.fail(`device ${JSON.stringify(name)} is given two roles (${earlier} and ${role})`);
    }
    roles.set(name, role);
  });
}

function checkEvents(c: ManifestChecks, m: JsonObject): void {
  const events = c.array(m, 'events', 'events');
  if (events.length !== 1) {
    c.fail(`events must list exactly one event file in schema 1, got ${events.length}`);
  }
  c.objects(m, 'events', 'events', (e, path) => {
    const file = c.string(e, 'file', `${path}.file`);
    if (!isInsideFolder(file)) {
      c.fail(
        `${path}.file must be a relative path inside the run folder, got ${JSON.stringify(file)}`,
      );
    }
    c.oneOf(e, 'format', `${path}.format`, FORMATS);
  });
}

/** Optional in schema 1: runs recorded in aggregate mode name their histogram file. */
function checkAggregates(c: ManifestChecks, m: JsonObject): void {
  const agg = c.object(m.aggregates, 'aggregates');
  const file = c.string(agg, 'file', 'aggregates.file');
  if (!isInsideFolder(file)) {
    c.fail(
      `aggregates.file must be a relative path inside the run folder, got ${JSON.stringify(file)}`,
    );
  }
  c.oneOf(agg, 'format', 'aggregates.format', AGGREGATE_FORMATS);
  const error = c.field(agg, 'relativeError', 'aggregates.relativeError');
  if (typeof error !== 'number' || !(error >= 0 && error < 1)) {
    c.wrongType(error, 'aggregates.relativeError', 'a number in [0, 1)');
  }
}

/** Relative, and no `..` segment: a manifest must not point readers outside its folder. */
function isInsideFolder(file: string): boolean {
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file)) return false;
  return !file.split(/[\\/]/).includes('..');
}
