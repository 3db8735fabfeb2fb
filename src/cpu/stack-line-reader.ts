/**
 * The line-by-line state machine behind perf-script-stacks.ts. It follows stackcollapse-perf.pl
 * (FlameGraph 41fee1f) step by step, because folding must give the same stacks as that script:
 * a header line names the process and starts a sample, frame lines (leaf first) are collected,
 * and a blank line ends the sample. Its quirks are kept on purpose and marked where they happen.
 * What the script only warns about or silently drops is counted here (IngestCounters).
 */
import { countIssue, type IngestCounters } from '../model/ingest.js';
import { countLineIssue } from '../parse/count-line-issue.js';
import { hasControlChars } from '../parse/text-fields.js';
import type { LineSink } from '../read/split-lines.js';
import { copyText } from '../read/split-lines.js';
import { FrameLineReader, NOT_A_FRAME, SKIPPED_FRAME } from './read-frame-line.js';
import { createSampleHeaderLine, readSampleHeader } from './read-sample-header.js';
import type { StackSample, StackSampleSink, StackReadOptions } from './stack-sample.js';

/** Non-empty lines read before deciding the input is not perf script at all. */
export const STACK_DETECT_LINES = 50;

export class StackLineReader implements LineSink {
  /** Event whose samples are folded; null until the first event that ends its header line. */
  event: string | null;
  /** Some line was a sample header. */
  recognised = false;
  nonEmptyLines = 0;
  private readonly frames = new FrameLineReader();
  private readonly header = createSampleHeaderLine();
  private readonly sample: StackSample;
  /** The sample being read; null between samples and inside skipped ones (Perl's $pname). */
  private comm: string | null = null;
  private java = false;
  /** Line number of the current sample's header, for the truncated-stack example. */
  private headerLineNo = 0;

  constructor(
    private readonly sink: StackSampleSink,
    private readonly counters: IngestCounters,
    private readonly file: string,
    private readonly options: StackReadOptions,
  ) {
    this.event = options.event ?? null;
    this.sample = {
      comm: '',
      event: '',
      period: 1,
      hasPeriod: false,
      cpu: -1,
      sec: 0,
      ns: NaN,
      frames: [],
      frameIds: [],
    };
  }

  onTooLong(lineNo: number, head: string): void {
    this.counters.linesRead++;
    this.nonEmptyLines++;
    countLineIssue(this.counters, 'line-too-long', this.file, lineNo, head, false);
  }

  onLine(text: string, start: number, end: number, lineNo: number, unterminated: boolean): void {
    this.counters.linesRead++;
    if (start === end) {
      this.endSample();
      return;
    }
    this.nonEmptyLines++;
    const first = text.charCodeAt(start);
    // `perf script --header` comments (and `# cmdline`, which names nothing folded).
    if (first === 0x23) return;
    // A header starts at column 0; frames are indented, so only they reach the fast path.
    if (first !== 0x09 && first !== 0x20) {
      const line = text.slice(start, end);
      if (this.readHeader(line, lineNo)) return;
      this.readFrame(line, 0, line.length, lineNo, unterminated);
      return;
    }
    this.readFrame(text, start, end, lineNo, unterminated);
  }

  /** End of input: a sample without its closing blank line is not folded (nor by the script). */
  finish(lastLineNo: number): void {
    if (this.comm !== null) {
      countIssue(this.counters, 'truncated-last-line', {
        file: this.file,
        line: this.headerLineNo,
        text: `stack of ${this.sample.frames.length} frames not ended by a blank line (line ${lastLineNo})`,
      });
    }
    this.comm = null;
  }

  private readHeader(line: string, lineNo: number): boolean {
    const h = this.header;
    if (!readSampleHeader(line, h)) return false;
    // The header pattern alone is loose ("abc 12 x" fits): a timestamp makes it perf script.
    if (!Number.isNaN(h.ns)) this.recognised = true;
    if (line.includes('PERF_RECORD_LOST')) this.countLost(line);
    if (this.event === null && h.eventAtEnd) this.event = copyText(h.event, 0, h.event.length);
    // stackcollapse-perf.pl filters only events its pattern reads at the end of the line; a
    // tracepoint's line ends with its fields, and the script folds it whatever the filter says.
    const filtered = h.eventAtEnd || !this.options.foldAllTracepoints;
    if (filtered && h.event !== this.event) {
      // The script skips with `next` and keeps the previous sample's name: without a blank
      // line in between, the frames that follow still go to that sample.
      countLineIssue(this.counters, 'unsupported-event', this.file, lineNo, line);
      return true;
    }
    this.comm = h.comm;
    this.java = h.comm.startsWith('java');
    this.headerLineNo = lineNo;
    const s = this.sample;
    s.comm = h.comm;
    s.event = h.event;
    s.period = h.period;
    s.hasPeriod = h.hasPeriod;
    s.cpu = h.cpu;
    s.sec = h.sec;
    s.ns = h.ns;
    return true;
  }

  private readFrame(
    text: string,
    start: number,
    end: number,
    lineNo: number,
    unterminated: boolean,
  ): void {
    const id = this.frames.read(text, start, end, this.java);
    if (id === NOT_A_FRAME) {
      const line = text.slice(start, end);
      const reason = unterminated
        ? 'truncated-last-line'
        : hasControlChars(line)
          ? 'binary-garbage'
          : 'malformed-line';
      countLineIssue(this.counters, reason, this.file, lineNo, line);
      return;
    }
    if (this.comm === null || id === SKIPPED_FRAME) return;
    this.sample.frames.push(this.frames.names[id] ?? '');
    this.sample.frameIds.push(id);
  }

  private endSample(): void {
    if (this.comm === null) return;
    this.sink.onSample(this.sample);
    this.counters.eventsAccepted++;
    this.sample.frames.length = 0;
    this.sample.frameIds.length = 0;
    this.comm = null;
  }

  /** `PERF_RECORD_LOST lost <n>` (perf script --show-lost-events); no count means at least 1. */
  private countLost(line: string): void {
    const m = / lost (\d+)/.exec(line);
    this.counters.lostEvents += m === null ? 1 : Number(m[1]);
  }
}
