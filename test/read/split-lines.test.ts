import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, MAX_LINE_BYTES, readLines } from '../../src/read/split-lines.js';
import type { LineSink } from '../../src/read/split-lines.js';

async function* chunksOf(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect(data: Buffer, size: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(chunksOf(data, size))) {
    out.push(
      `${l.lineNo}${l.tooLong ? ' too-long' : ''}${l.unterminated ? ' unterminated' : ''}: ${l.text}`,
    );
  }
  return out;
}

test('split-lines: numbers lines, strips CR, flags a last line without newline, any chunking', async () => {
  const data = Buffer.from('a,b\r\n\nthird line\nlast', 'latin1');
  const expected = ['1: a,b', '2: ', '3: third line', '4 unterminated: last'];
  for (const size of [1, 2, 3, 5, 7, 1000])
    assert.deepEqual(await collect(data, size), expected, `size ${size}`);
});

test('split-lines: UTF-8 split across chunks comes back whole', async () => {
  const data = Buffer.from('dév0\nnext\n', 'utf8');
  assert.deepEqual(await collect(data, 1), ['1: dév0', '2: next']);
});

test('split-lines: lines over the limit are skipped with their head, at any chunking', async () => {
  const long = `head${'x'.repeat(MAX_LINE_BYTES)}`;
  const exact = 'y'.repeat(MAX_LINE_BYTES);
  const data = Buffer.from(`ok\n${long}\n${exact}\n${long}`);
  for (const size of [1, 7, 4096, 1 << 20]) {
    const lines = await collect(data, size);
    assert.equal(lines.length, 4);
    assert.equal(lines[0], '1: ok');
    assert.match(lines[1] ?? '', /^2 too-long: headxxx/);
    assert.equal(lines[2], `3: ${exact}`);
    assert.match(lines[3] ?? '', /^4 too-long: headxxx/);
  }
});

test('split-lines: a 100 MB line is skipped without buffering it', async () => {
  const piece = Buffer.alloc(1 << 20, 0x61);
  const splitter = new LineSplitter();
  const seen: string[] = [];
  const sink: LineSink = {
    onLine: (text, start, end, lineNo) => seen.push(`${lineNo}: ${text.slice(start, end)}`),
    onTooLong: (lineNo, head) => seen.push(`${lineNo} too long: ${head.length}`),
  };
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  for (let i = 0; i < 100; i++) {
    splitter.push(piece, sink);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  splitter.push(Buffer.from('\nafter\n'), sink);
  splitter.end(sink);
  assert.deepEqual(seen, ['1 too long: 200', '2: after']);
  // Each 1 MB chunk is decoded once (a transient string); nothing accumulates across them.
  assert.ok(peak - before < 40 * 1024 * 1024, `heap grew by ${(peak - before) / 1e6} MB`);
});
