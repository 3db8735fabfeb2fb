/**
 * Opens a file as a stream of byte chunks. Files that start with the gzip magic bytes (1f 8b)
 * are decompressed while streaming, whatever their name: recorders may gzip an event file after
 * the fact without renaming it. Multi-member gzip files (from `cat a.gz b.gz`) read as one.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** Chunk size for reads: large enough that per-chunk overhead vanishes, small enough to stay cheap. */
const READ_CHUNK_BYTES = 1 << 20;

/** True when the file begins with the two gzip magic bytes. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Streams the file's bytes, gunzipped when it is gzip. */
export async function* openByteStream(path: string): AsyncGenerator<Buffer> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: READ_CHUNK_BYTES })) : raw;
  // A read error on the file must reach the consumer even when it surfaces on the raw stream
  // while the gunzip stream is the one being iterated.
  if (gzip) raw.on('error', (err) => source.destroy(err));
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } finally {
    raw.destroy();
    source.destroy();
  }
}
