import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTool } from '../../src/tools/run-tool.js';
import { ToolError } from '../../src/tools/tool-error.js';
import { fakeBin } from './fake-bin.js';

test('a successful run returns stdout, exit code 0 and no failure', async () => {
  const r = await runTool(fakeBin('perf'), ['--version']);
  assert.equal(r.ok, true);
  assert.equal(r.failure, null);
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, 'perf version 6.1.192');
  assert.deepEqual(r.args, ['--version']);
});

test('a missing binary throws ToolError "not-found" naming the command', async () => {
  const missing = fakeBin('no-such-tool');
  await assert.rejects(runTool(missing, ['--version']), (err: unknown) => {
    assert.ok(err instanceof ToolError);
    assert.equal(err.failure, 'not-found');
    assert.equal(err.exitCode, null);
    assert.equal(err.command, missing);
    assert.match(err.message, /no-such-tool was not found/);
    assert.ok(err.cause !== undefined, 'keeps the original as cause');
    return true;
  });
});

test('a non-zero exit throws ToolError with the code and the last 3 stderr lines', async () => {
  await assert.rejects(runTool(fakeBin('fail-with-stderr'), []), (err: unknown) => {
    assert.ok(err instanceof ToolError);
    assert.equal(err.failure, 'exit-code');
    assert.equal(err.exitCode, 3);
    assert.equal(err.signal, null);
    assert.equal(err.stderrTail, 'problem line 3 | problem line 4 | problem line 5');
    assert.match(
      err.message,
      /fail-with-stderr exited with code 3: problem line 3 \| .* \| problem line 5$/,
    );
    return true;
  });
});

test('with reject: false a failure is returned as data', async () => {
  const r = await runTool(fakeBin('fail-with-stderr'), [], { reject: false });
  assert.equal(r.ok, false);
  assert.equal(r.failure, 'exit-code');
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, 'partial output');
  assert.match(r.stderr, /problem line 1/);
});

test('a tool killed by a signal throws ToolError naming the signal', async () => {
  await assert.rejects(runTool(fakeBin('killed-by-signal'), []), (err: unknown) => {
    assert.ok(err instanceof ToolError);
    assert.equal(err.failure, 'signal');
    assert.equal(err.signal, 'SIGKILL');
    assert.equal(err.exitCode, null);
    assert.equal(err.stderrTail, 'about to be killed');
    assert.match(err.message, /was killed by SIGKILL: about to be killed/);
    return true;
  });
});

test('a tool past its timeout is killed and reported as "timeout"', async () => {
  const r = await runTool(fakeBin('sleep-forever'), [], { timeoutMs: 200, reject: false });
  assert.equal(r.failure, 'timeout');
  assert.equal(r.ok, false);
  assert.ok(r.durationMs < 5000, `took ${r.durationMs} ms`);
});

test('"Lost 12 events" is output, not a failure: the parser counts it', async () => {
  const r = await runTool(fakeBin('lost-events'), []);
  assert.equal(r.ok, true);
  assert.match(r.stdout, /^Lost 12 events$/m);
});
