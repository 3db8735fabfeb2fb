/**
 * Strings that repeat across events (device names, IPv4 addresses) as small integer ids, so a
 * batch of events is all numbers (event-columns.ts) and can move to another thread as typed
 * arrays, with the id -> text list sent alongside as it grows. Id 0 is always ''.
 *
 * Memory stays bounded: past MAX_NAMES distinct texts the parser starts the table afresh at a
 * batch boundary (reset), and a reader on the other side follows because each batch says where
 * its new names start.
 */

/** Distinct texts kept before a reset: far more than the devices and hosts of any one trace. */
export const MAX_NAMES = 65_536;

export class NameTable {
  /** Text of every id, in id order. */
  readonly texts: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);

  get size(): number {
    return this.texts.length;
  }

  /** The id of `text`, adding it when new. */
  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** Back to just ''; ids handed out before are void. */
  reset(): void {
    this.texts.length = 1;
    this.ids.clear();
    this.ids.set('', 0);
  }

  /** Mirror side: keep the first `from` texts, then append `added` (from = 1 after a reset). */
  extend(from: number, added: readonly string[]): void {
    this.texts.length = from;
    for (const t of added) this.texts.push(t);
  }
}
