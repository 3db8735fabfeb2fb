import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CAP_BPF,
  CAP_PERFMON,
  CAP_SYS_ADMIN,
  findTracefsMount,
  hasCapability,
  hasKernelSymbol,
  parseCapEff,
} from '../../src/doctor/read-proc.js';
import { parseEconEnabled, readEconControl } from '../../src/doctor/econ-control.js';
import { makeFakeProc } from './fake-proc.js';

test('CapEff parsing and capability bits', () => {
  const root = parseCapEff('Name:\tx\nCapEff:\t000001fffeffffff\n');
  assert.equal(root, 0x1fffeffffffn);
  assert.ok(root !== null && hasCapability(root, CAP_BPF) && hasCapability(root, CAP_PERFMON));
  const user = parseCapEff('CapEff:\t0000000000000000');
  assert.ok(user !== null && !hasCapability(user, CAP_SYS_ADMIN));
  const bpfOnly = 1n << BigInt(CAP_BPF);
  assert.equal(hasCapability(bpfOnly, CAP_PERFMON), false);
  assert.equal(parseCapEff('Name:\tx\n'), null);
});

test('tracefs mount point from /proc/mounts', () => {
  assert.equal(
    findTracefsMount('proc /proc proc rw 0 0\nnodev /sys/kernel/tracing tracefs rw 0 0\n'),
    '/sys/kernel/tracing',
  );
  assert.equal(
    findTracefsMount('tracefs /sys/kernel/debug/tracing tracefs rw 0 0'),
    '/sys/kernel/debug/tracing',
  );
  assert.equal(findTracefsMount('proc /proc proc rw 0 0\n'), null);
});

test('kallsyms: exact symbol names, module symbols too, no prefix matches', async () => {
  const vanilla = await makeFakeProc({ econ: false });
  assert.equal(await hasKernelSymbol(vanilla.procRoot, 'econ_rx'), false);
  assert.equal(await hasKernelSymbol(vanilla.procRoot, 'vxlan_rcv'), true);
  const econ = await makeFakeProc({ econ: true });
  assert.equal(await hasKernelSymbol(econ.procRoot, 'econ_rx'), true);
});

test('ECON enabled state from the control file text', () => {
  assert.equal(parseEconEnabled('enabled: 1\n'), true);
  assert.equal(parseEconEnabled('ECON enable=0'), false);
  assert.equal(parseEconEnabled('status: on\nflows: 12'), true);
  assert.equal(parseEconEnabled('econ disabled'), false);
  assert.equal(parseEconEnabled('flows: 12\n'), null);
});

test('control file: found, absent with other econ* entries, absent entirely', async () => {
  const found = await makeFakeProc({ econ: true, entries: { econ: 'enabled: 1\n' } });
  const c1 = await readEconControl(found.procRoot);
  assert.equal(c1.enabled, true);
  assert.match(c1.path ?? '', /econ$/);
  const other = await makeFakeProc({ econ: true, entries: { econ_stat: 'x' } });
  const c2 = await readEconControl(other.procRoot);
  assert.deepEqual([c2.path, c2.candidates, c2.enabled], [null, ['econ_stat'], null]);
  const none = await makeFakeProc({ econ: true });
  assert.deepEqual((await readEconControl(none.procRoot)).candidates, []);
});
