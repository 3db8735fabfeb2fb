/**
 * Small typed accessors for validating manifest.json by hand (no schema library): each reads one
 * field of a parsed JSON object and throws a RunFolderError naming the field's dotted path.
 */
import { RunFolderError } from './run-folder-error.js';

export type JsonObject = Record<string, unknown>;

const FIX = 'fix manifest.json or re-record the run (docs/run-folder.md)';

export class ManifestChecks {
  /** @param file the manifest path shown in messages */
  constructor(readonly file: string) {}

  fail(problem: string, fix = FIX): never {
    throw new RunFolderError(this.file, problem, fix);
  }

  /** The field's value; missing (absent or undefined) fails. */
  field(obj: JsonObject, key: string, path: string): unknown {
    const value = obj[key];
    if (value === undefined) this.fail(`missing required field ${path}`);
    return value;
  }

  object(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.wrongType(value, path, 'an object');
    }
    return value as JsonObject;
  }

  string(obj: JsonObject, key: string, path: string): string {
    const value = this.field(obj, key, path);
    if (typeof value !== 'string') this.wrongType(value, path, 'a string');
    return value;
  }

  boolean(obj: JsonObject, key: string, path: string): boolean {
    const value = this.field(obj, key, path);
    if (typeof value !== 'boolean') this.wrongType(value, path, 'a boolean');
    return value;
  }

  /** An integer at least `min`. */
  integer(obj: JsonObject, key: string, path: string, min: number): number {
    const value = this.field(obj, key, path);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.wrongType(value, path, 'an integer');
    }
    if (value < min) this.fail(`${path} must be at least ${min}, got ${value}`);
    return value;
  }

  oneOf<T extends string>(obj: JsonObject, key: string, path: string, allowed: readonly T[]): T {
    const value = this.string(obj, key, path);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(`${path} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  array(obj: JsonObject, key: string, path: string): unknown[] {
    const value = this.field(obj, key, path);
    if (!Array.isArray(value)) this.wrongType(value, path, 'an array');
    return value;
  }

  /** An array of objects, each handed to `check` with its path. */
  objects(
    obj: JsonObject,
    key: string,
    path: string,
    check: (o: JsonObject, p: string) => void,
  ): void {
    this.array(obj, key, path).forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      check(this.object(item, itemPath), itemPath);
    });
  }

  wrongType(value: unknown, path: string, expected: string): never {
    this.fail(`${path} must be ${expected}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
