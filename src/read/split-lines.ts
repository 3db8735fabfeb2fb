/**
 * Splits a stream of byte chunks into lines without decoding them: the parsers look at bytes and
 * decode only the fields they keep. Lines are handed to a sink as (buffer, start, end) views, so
 * the common case (a line inside one chunk) copies nothing.
 *
 * Memory stays bounded: a line longer than MAX_LINE_BYTES is not buffered; the splitter keeps its
 * first bytes for the example text and skips the rest up to the next newline, however long.
 */

/** Longest line (bytes before the newline, a trailing CR included) that a parser is shown. */
export const MAX_LINE_BYTES = 4096;

/** How many leading bytes of an over-long line are kept for its example text. */
const HEAD_BYTES = 200;

export interface LineSink {
  /**
   * One line: bytes [start, end) of `buf`, without the newline and without a trailing CR.
   * `buf` is only valid during the call (it may be the splitter's own carry buffer).
   * `unterminated` is true for a final line that had no newline (maybe cut off mid-write).
   */
  onLine(buf: Buffer, start: number, end: number, lineNo: number, unterminated: boolean): void;
  /** A line over MAX_LINE_BYTES, skipped; `head` is its first bytes, decoded as UTF-8. */
  onTooLong(lineNo: number, head: string): void;
}

export class LineSplitter {
  /** 1-based number of the last line handed out (0 before the first). */
  lineNo = 0;
  private readonly carry = Buffer.alloc(MAX_LINE_BYTES);
  private carryLen = 0;
  /** Inside an over-long line: drop bytes until the next newline. */
  private skipping = false;
  private skippedHead = '';

  /** Feeds one chunk; calls the sink for every line completed by it. */
  push(chunk: Buffer, sink: LineSink): void {
    let pos = 0;
    const size = chunk.length;
    for (;;) {
      const nl = chunk.indexOf(0x0a, pos);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipping) {
        this.skipping = false;
        sink.onTooLong(this.lineNo, this.skippedHead);
      } else if (this.carryLen > 0) {
        const total = this.carryLen + (nl - pos);
        if (total > MAX_LINE_BYTES) {
          sink.onTooLong(this.lineNo, this.headOf(chunk, pos, nl));
        } else {
          chunk.copy(this.carry, this.carryLen, pos, nl);
          emit(sink, this.carry, 0, total, this.lineNo, false);
        }
        this.carryLen = 0;
      } else if (nl - pos > MAX_LINE_BYTES) {
        sink.onTooLong(this.lineNo, this.headOf(chunk, pos, nl));
      } else {
        emit(sink, chunk, pos, nl, this.lineNo, false);
      }
      pos = nl + 1;
    }
    if (pos >= size || this.skipping) return;
    const rest = size - pos;
    if (this.carryLen + rest > MAX_LINE_BYTES) {
      this.skippedHead = this.headOf(chunk, pos, size);
      this.skipping = true;
      this.carryLen = 0;
    } else {
      chunk.copy(this.carry, this.carryLen, pos, size);
      this.carryLen += rest;
    }
  }

  /** Flushes a final line that had no newline. */
  end(sink: LineSink): void {
    if (this.skipping) {
      this.skipping = false;
      this.lineNo++;
      sink.onTooLong(this.lineNo, this.skippedHead);
    } else if (this.carryLen > 0) {
      this.lineNo++;
      const len = this.carryLen;
      this.carryLen = 0;
      emit(sink, this.carry, 0, len, this.lineNo, true);
    }
  }

  /** First bytes of a line that starts in the carry buffer (if any) and continues in `chunk`. */
  private headOf(chunk: Buffer, start: number, end: number): string {
    const fromCarry = Math.min(this.carryLen, HEAD_BYTES);
    const fromChunk = Math.min(end - start, HEAD_BYTES - fromCarry);
    const head = Buffer.concat([
      this.carry.subarray(0, fromCarry),
      chunk.subarray(start, start + fromChunk),
    ]);
    return head.toString('utf8');
  }
}

function emit(
  sink: LineSink,
  buf: Buffer,
  start: number,
  end: number,
  lineNo: number,
  unterminated: boolean,
): void {
  // CRLF files (edited on Windows, or piped through a tool that adds CR) read like LF files.
  const stop = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
  sink.onLine(buf, start, stop, lineNo, unterminated);
}

/** Convenience for tests and small inputs: every line of a chunk stream as text. */
export async function* readLines(
  input: AsyncIterable<Buffer>,
): AsyncGenerator<{ lineNo: number; text: string; unterminated: boolean; tooLong: boolean }> {
  const splitter = new LineSplitter();
  type Line = { lineNo: number; text: string; unterminated: boolean; tooLong: boolean };
  let pending: Line[] = [];
  const sink: LineSink = {
    onLine: (buf, start, end, lineNo, unterminated) =>
      pending.push({
        lineNo,
        text: buf.toString('utf8', start, end),
        unterminated,
        tooLong: false,
      }),
    onTooLong: (lineNo, head) =>
      pending.push({ lineNo, text: head, unterminated: false, tooLong: true }),
  };
  for await (const chunk of input) {
    splitter.push(chunk, sink);
    const ready = pending;
    pending = [];
    yield* ready;
  }
  splitter.end(sink);
  yield* pending;
}
