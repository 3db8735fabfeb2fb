/**
 * Buffered text output to a file for the exports: writes go to a string buffer, `flush` hands
 * it to the file stream and waits for the stream to drain, so memory stays bounded however
 * large the export is (callers flush between batches).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const FLUSH_AT = 1 << 16;

export class TextSink {
  bytes = 0;
  private buffer = '';
  private readonly stream: WriteStream;
  private failed: Error | null = null;

  /** `encoding` latin1 writes one byte per char (folded stacks keep the input's bytes). */
  constructor(
    path: string,
    private readonly encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (err) => {
      this.failed = err;
    });
  }

  write(text: string): void {
    this.buffer += text;
  }

  /** Writes the buffer out once it is big enough (always with force), waiting for a drain. */
  async flush(force = false): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buffer.length === 0 || (!force && this.buffer.length < FLUSH_AT)) return;
    const chunk = Buffer.from(this.buffer, this.encoding);
    this.buffer = '';
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failed) throw this.failed;
  }
}
