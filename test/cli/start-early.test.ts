/**
 * Only a report that renders charts starts its chart worker before oclif loads: help, other
 * commands and no command start nothing, so `--help` stays instant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendersCharts } from '../../src/cli/start-early.js';

test('a report run starts the chart worker early; help and other commands do not', () => {
  assert.equal(rendersCharts(['report', 'runs/a', 'runs/b', '--out', 'x']), true);
  assert.equal(rendersCharts(['report', 'runs/a', '--json']), true);
  assert.equal(rendersCharts(['report', '--help']), false);
  assert.equal(rendersCharts(['report', 'runs/a', '-h']), false);
  assert.equal(rendersCharts(['--help']), false);
  assert.equal(rendersCharts(['inspect', 'runs/a']), false);
  assert.equal(rendersCharts([]), false);
});
