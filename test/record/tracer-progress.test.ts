import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProgressLine } from '../../src/record/tracer-progress.js';

test('the native loader progress line, and nothing else', () => {
  assert.deepEqual(parseProgressLine('Printed 3807277 events, 318584 packets'), {
    events: 3807277,
    packets: 318584,
  });
  assert.equal(parseProgressLine('Printed 3 events'), null);
  assert.equal(parseProgressLine('Lost 12 events'), null);
  assert.equal(parseProgressLine('Attaching 8 probes...'), null);
  assert.equal(parseProgressLine(' Printed 1 events, 1 packets'), null);
});
