import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectBpftraceVersion,
  detectPerfVersion,
  parseBpftraceVersion,
  parsePerfVersion,
  pickFentrySpelling,
} from '../../src/tools/tool-version.js';
import { ToolError } from '../../src/tools/tool-error.js';
import { fakeBin } from './fake-bin.js';

test('bpftrace --version lines', () => {
  assert.deepEqual(parseBpftraceVersion('bpftrace v0.17.0\n'), {
    major: 0,
    minor: 17,
    patch: 0,
    text: 'v0.17.0',
  });
  assert.deepEqual(parseBpftraceVersion('bpftrace v0.20.2-1ubuntu1'), {
    major: 0,
    minor: 20,
    patch: 2,
    text: 'v0.20.2-1ubuntu1',
  });
  assert.deepEqual(parseBpftraceVersion('bpftrace 0.19'), {
    major: 0,
    minor: 19,
    patch: 0,
    text: '0.19',
  });
  assert.equal(parseBpftraceVersion('perf version 6.1.192'), null);
  assert.equal(parseBpftraceVersion(''), null);
});

test('perf --version lines', () => {
  assert.deepEqual(parsePerfVersion('perf version 6.1.192\n'), {
    major: 6,
    minor: 1,
    patch: 192,
    text: '6.1.192',
  });
  assert.deepEqual(parsePerfVersion('perf version 5.15.0-rc3'), {
    major: 5,
    minor: 15,
    patch: 0,
    text: '5.15.0-rc3',
  });
  assert.equal(parsePerfVersion('bpftrace v0.17.0'), null);
});

test('fentry spelling switches at bpftrace 0.20.0', () => {
  const v = (major: number, minor: number) => ({ major, minor, patch: 0, text: '' });
  assert.equal(pickFentrySpelling(v(0, 17)), 'kfunc');
  assert.equal(pickFentrySpelling(v(0, 19)), 'kfunc');
  assert.equal(pickFentrySpelling(v(0, 20)), 'fentry');
  assert.equal(pickFentrySpelling(v(0, 24)), 'fentry');
  assert.equal(pickFentrySpelling(v(1, 0)), 'fentry');
});

test('detect versions by running the (fake) tools', async () => {
  assert.equal((await detectBpftraceVersion(fakeBin('bpftrace-vanilla'))).text, 'v0.17.0');
  assert.equal((await detectBpftraceVersion(fakeBin('bpftrace-modern'))).minor, 21);
  assert.equal((await detectPerfVersion(fakeBin('perf'))).text, '6.1.192');
});

test('a missing bpftrace is a ToolError, a tool printing no version an Error', async () => {
  await assert.rejects(detectBpftraceVersion(fakeBin('absent')), ToolError);
  await assert.rejects(detectBpftraceVersion(fakeBin('lost-events')), /printed no version/);
});
