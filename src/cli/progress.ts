/**
 * Progress on stderr for long work: a rewritten line on a terminal, a plain line every few
 * seconds otherwise (CI logs, pipes). Results never go through here: they belong on stdout.
 */

export interface Progress {
  /** Report the current state; cheap to call often, it throttles itself. */
  update(text: string): void;
  /** Print a final line and stop. */
  done(text: string): void;
}

export function createProgress(opts: {
  stream?: NodeJS.WriteStream;
  quiet?: boolean;
  now?: () => number;
}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const tty = Boolean(stream.isTTY);
  // A terminal can take a redraw twice a second; a log file wants a line every 5 s at most.
  const intervalMs = tty ? 500 : 5000;
  let last = now();
  let drawn = false;
  return {
    update(text) {
      if (opts.quiet) return;
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      if (tty) {
        stream.write(`\r\x1b[K${text}`);
        drawn = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    done(text) {
      if (opts.quiet) return;
      if (tty && drawn) stream.write('\r\x1b[K');
      stream.write(`${text}\n`);
    },
  };
}
