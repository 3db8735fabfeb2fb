/**
 * A batch's columns are views into one buffer, before and after they grow, so a batch crosses to
 * another thread as a single transfer; growing keeps every value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_EVENT } from '../../src/model/event.js';
import { EventColumns, createColumnArrays } from '../../src/parse/event-columns.js';
import { arrayBuffersOf } from '../../src/pipeline/parse-worker-protocol.js';

test('columns share one buffer and keep their values when they grow', () => {
  assert.equal(arrayBuffersOf(createColumnArrays()).length, 1);
  const columns = new EventColumns();
  const dev = columns.names.intern('eth0');
  const count = 20_000;
  for (let k = 0; k < count; k++) {
    const i = columns.reserve();
    columns.tsNs[i] = k * 1000;
    columns.cpu[i] = k % 4;
    columns.point[i] = k % 3;
    columns.dev[i] = dev;
    columns.skbDigits[i] = 0;
    columns.lenBytes[i] = k;
    columns.hash[i] = 2 ** 40 + k;
    columns.saddr[i] = 0;
    columns.daddr[i] = 0;
    columns.sport[i] = k % 65_536;
    columns.dport[i] = 5201;
    columns.proto[i] = 17;
    columns.segs[i] = 1;
    columns.ret[i] = k % 5 === 0 ? -k : NaN;
    columns.n = i + 1;
  }
  assert.equal(arrayBuffersOf(columns.takeArrays()).length, 1);
  const ev = { ...EMPTY_EVENT };
  for (const k of [0, 1, 8191, 8192, 16_383, 16_384, count - 1]) {
    columns.fill(k, ev);
    assert.deepEqual(
      [ev.tsNs, ev.cpu, ev.dev, ev.skb, ev.lenBytes, ev.hash, ev.sport, ev.ret],
      [k * 1000, k % 4, 'eth0', '', k, 2 ** 40 + k, k % 65_536, k % 5 === 0 ? -k : null],
    );
  }
});
