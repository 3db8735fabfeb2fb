/**
 * Writes a speedscope file (https://www.speedscope.app/file-format-schema.json; the types are
 * src/lib/file-format-spec.ts in github.com/jlfwong/speedscope) in pieces: profiles first, the
 * shared frame table last, since frames are numbered as profiles name them.
 */
import type { TextSink } from './text-sink.js';

export const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';

export class SpeedscopeWriter {
  private readonly frames = new Map<string, number>();
  private profiles = 0;

  constructor(
    private readonly sink: TextSink,
    name: string,
    exporter: string,
  ) {
    sink.write(
      `{"$schema":"${SPEEDSCOPE_SCHEMA}","name":${JSON.stringify(name)},` +
        `"exporter":${JSON.stringify(exporter)},"activeProfileIndex":0,"profiles":[`,
    );
  }

  /** Index of a frame in the shared table, added when new. */
  frame(name: string): number {
    let i = this.frames.get(name);
    if (i === undefined) {
      i = this.frames.size;
      this.frames.set(name, i);
    }
    return i;
  }

  /** Starts a profile object; the caller writes its fields after the type and name. */
  beginProfile(type: 'sampled' | 'evented', name: string, unit: 'nanoseconds' | 'none'): void {
    this.sink.write(
      `${this.profiles++ > 0 ? ',' : ''}\n{"type":"${type}","name":${JSON.stringify(name)},"unit":"${unit}"`,
    );
  }

  write(text: string): void {
    this.sink.write(text);
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }

  /** Closes the profiles list and writes the frame table. */
  finish(): void {
    const names = [...this.frames.keys()].map((name) => `{"name":${JSON.stringify(name)}}`);
    this.sink.write(`\n],"shared":{"frames":[${names.join(',\n')}]}}\n`);
  }
}
