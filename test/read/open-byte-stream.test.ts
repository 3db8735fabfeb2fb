import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openByteStream } from '../../src/read/open-byte-stream.js';

async function readAll(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of openByteStream(path)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('open-byte-stream: plain and gzip files read the same, whatever their names', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-read-'));
  try {
    const text = 'line one\nline two\n'.repeat(1000);
    await writeFile(join(dir, 'plain.csv'), text);
    await writeFile(join(dir, 'packed.csv'), gzipSync(text));
    await writeFile(join(dir, 'multi.gz'), Buffer.concat([gzipSync('a\n'), gzipSync('b\n')]));
    await writeFile(join(dir, 'empty'), '');
    await writeFile(join(dir, 'one-byte'), '\x1f');
    assert.equal(await readAll(join(dir, 'plain.csv')), text);
    assert.equal(await readAll(join(dir, 'packed.csv')), text);
    assert.equal(await readAll(join(dir, 'multi.gz')), 'a\nb\n');
    assert.equal(await readAll(join(dir, 'empty')), '');
    assert.equal(await readAll(join(dir, 'one-byte')), '\x1f');
    await assert.rejects(readAll(join(dir, 'missing')), /ENOENT/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('open-byte-stream: a corrupt gzip file fails instead of yielding garbage', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-read-'));
  try {
    const packed = gzipSync('hello world\n'.repeat(100));
    await writeFile(join(dir, 'bad.gz'), packed.subarray(0, packed.length - 12));
    await assert.rejects(readAll(join(dir, 'bad.gz')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
