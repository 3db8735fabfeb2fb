/**
 * Splits a stream of byte chunks into lines, with 1-based line numbers.
 *
 * Each chunk is decoded once as latin1 (one char per byte, a native copy) and searched with
 * V8's string indexOf: on this hot path that measured about twice as fast as walking the Buffer
 * byte by byte in JavaScript. A line reaches the sink as a [start, end) range of that chunk
 * string: slicing every line into its own (sliced) string measured slower still, and a field
 * kept from a slice would pin the whole chunk in memory (see copyText).
 *
 * Memory stays bounded: a line longer than MAX_LINE_BYTES is not buffered; the splitter keeps its
 * first bytes for the example text and skips the rest up to the next newline, however long.
 */

/** Longest line (bytes before the newline, a trailing CR included) that a parser is shown. */
export const MAX_LINE_BYTES = 4096;

/** How many leading bytes of an over-long line are kept for its example text. */
const HEAD_BYTES = 200;

/**
 * Chunks are decoded and searched this many bytes at a time. A decoded string this small lives
 * and dies in V8's young generation; one per 1 MB read chunk went to the large-object space and
 * waited for a full collection, so resident memory swung by tens of MB and grew with run length.
 */
const PART_BYTES = 64 * 1024;

export interface LineSink {
  /**
   * One line: text[start, end), latin1-decoded, without the newline and without a trailing CR.
   * `text` is the chunk (or, for a line split across chunks, the line alone); strings kept
   * beyond the call must be copied with copyText.
   * `unterminated` is true for a final line that had no newline (maybe cut off mid-write).
   * `bytes` holds the same bytes at the same offsets (text is its latin1 decoding), for sinks
   * that read fields faster from a byte array than from the string.
   */
  onLine(
    text: string,
    start: number,
    end: number,
    lineNo: number,
    unterminated: boolean,
    bytes: Uint8Array,
  ): void;
  /** A line over MAX_LINE_BYTES, skipped; `head` is its first bytes, decoded as UTF-8. */
  onTooLong(lineNo: number, head: string): void;
}

export class LineSplitter {
  /** 1-based number of the last line handed out (0 before the first). */
  lineNo = 0;
  /** Start of a line that continues in the next chunk. */
  private carry = '';
  /** Inside an over-long line: drop bytes until the next newline. */
  private skipping = false;
  private skippedHead = '';

  /** Feeds one chunk; calls the sink for every line completed by it. */
  push(chunk: Buffer, sink: LineSink): void {
    if (chunk.length <= PART_BYTES) {
      this.pushPart(chunk, sink);
      return;
    }
    for (let at = 0; at < chunk.length; at += PART_BYTES) {
      this.pushPart(chunk.subarray(at, at + PART_BYTES), sink);
    }
  }

  private pushPart(chunk: Buffer, sink: LineSink): void {
    const text = chunk.toString('latin1');
    const size = text.length;
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipping) {
        this.skipping = false;
        sink.onTooLong(this.lineNo, this.skippedHead);
      } else if (this.carry.length > 0) {
        const line = this.carry + text.slice(pos, nl);
        this.carry = '';
        if (line.length > MAX_LINE_BYTES) sink.onTooLong(this.lineNo, headOf(line));
        else emit(sink, line, 0, line.length, this.lineNo, false, Buffer.from(line, 'latin1'));
      } else if (nl - pos > MAX_LINE_BYTES) {
        sink.onTooLong(this.lineNo, headOf(text.slice(pos, pos + HEAD_BYTES)));
      } else {
        emit(sink, text, pos, nl, this.lineNo, false, chunk);
      }
      pos = nl + 1;
    }
    if (pos >= size || this.skipping) return;
    if (this.carry.length + (size - pos) > MAX_LINE_BYTES) {
      this.skippedHead = headOf(this.carry + text.slice(pos, pos + HEAD_BYTES));
      this.skipping = true;
      this.carry = '';
    } else {
      this.carry += text.slice(pos);
    }
  }

  /** Flushes a final line that had no newline. */
  end(sink: LineSink): void {
    if (this.skipping) {
      this.skipping = false;
      this.lineNo++;
      sink.onTooLong(this.lineNo, this.skippedHead);
    } else if (this.carry.length > 0) {
      this.lineNo++;
      const line = this.carry;
      this.carry = '';
      emit(sink, line, 0, line.length, this.lineNo, true, Buffer.from(line, 'latin1'));
    }
  }
}

function emit(
  sink: LineSink,
  text: string,
  start: number,
  end: number,
  lineNo: number,
  unterminated: boolean,
  bytes: Uint8Array,
): void {
  // CRLF files (edited on Windows, or piped through a tool that adds CR) read like LF files.
  const stop = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
  sink.onLine(text, start, stop, lineNo, unterminated, bytes);
}

/**
 * A standalone copy of text[start, end). V8 makes substrings of 13+ chars "sliced strings" that
 * keep their parent alive: an skb address sliced from a 1 MB chunk would pin the chunk for as
 * long as the event lives. Anything a parser keeps goes through here.
 */
export function copyText(text: string, start: number, end: number): string {
  return Buffer.from(text.slice(start, end), 'latin1').toString('latin1');
}

function headOf(latin1: string): string {
  return latin1ToUtf8(latin1.slice(0, HEAD_BYTES));
}

/** Re-decodes latin1 text (one char per byte) as UTF-8, into a standalone string. */
export function latin1ToUtf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Convenience for tests and small inputs: every line of a chunk stream as UTF-8 text. */
export async function* readLines(
  input: AsyncIterable<Buffer>,
): AsyncGenerator<{ lineNo: number; text: string; unterminated: boolean; tooLong: boolean }> {
  type Line = { lineNo: number; text: string; unterminated: boolean; tooLong: boolean };
  const splitter = new LineSplitter();
  let pending: Line[] = [];
  const sink: LineSink = {
    onLine: (text, start, end, lineNo, unterminated) =>
      pending.push({
        lineNo,
        text: latin1ToUtf8(text.slice(start, end)),
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
