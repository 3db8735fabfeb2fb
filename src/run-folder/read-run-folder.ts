/**
 * Opens a run folder (docs/run-folder.md): checks the folder, reads and validates manifest.json,
 * and resolves the event files it names. Reads no events; see open-run-events.ts for that.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EventFormat, RunManifest } from '../model/manifest.js';
import { RunFolderError } from './run-folder-error.js';
import { validateManifest } from './validate-manifest.js';

export const MANIFEST_FILE = 'manifest.json';

export interface RunEventFile {
  /** Absolute path. */
  path: string;
  /** As named in the manifest, relative to the run folder; used in issue examples. */
  relPath: string;
  format: EventFormat;
}

export interface RunFolder {
  /** The folder as given by the caller. */
  dir: string;
  manifest: RunManifest;
  eventFiles: RunEventFile[];
}

/** Reads and validates a run folder; throws RunFolderError (one-line message) when it is not one. */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  await checkIsDirectory(dir);
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = validateManifest(await readManifestJson(manifestPath), manifestPath);
  const eventFiles: RunEventFile[] = [];
  for (const [i, entry] of manifest.events.entries()) {
    const path = resolve(dir, entry.file);
    const shown = join(dir, entry.file);
    const fix = `re-record, or fix events[${i}].file in ${MANIFEST_FILE}`;
    const info = await stat(path).catch((err: unknown) => {
      if (errorCode(err) === 'ENOENT') {
        throw new RunFolderError(shown, `event file named in ${MANIFEST_FILE} does not exist`, fix);
      }
      throw new RunFolderError(shown, `event file cannot be read (${errorCode(err)})`, fix, {
        cause: err,
      });
    });
    if (!info.isFile()) throw new RunFolderError(shown, 'event file is not a regular file', fix);
    eventFiles.push({ path, relPath: entry.file, format: entry.format });
  }
  return { dir, manifest, eventFiles };
}

async function checkIsDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') {
      throw new RunFolderError(dir, 'run folder does not exist', 'check the path');
    }
    throw new RunFolderError(
      dir,
      `run folder cannot be read (${errorCode(err)})`,
      'check its permissions',
      {
        cause: err,
      },
    );
  });
  if (!info.isDirectory()) {
    throw new RunFolderError(
      dir,
      'not a directory',
      `pass the run folder that holds ${MANIFEST_FILE}`,
    );
  }
}

async function readManifestJson(manifestPath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') {
      throw new RunFolderError(
        manifestPath,
        'missing',
        'a run folder needs the manifest.json that econ-trace record writes (docs/run-folder.md)',
      );
    }
    throw new RunFolderError(
      manifestPath,
      `cannot be read (${errorCode(err)})`,
      'check its permissions',
      {
        cause: err,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new RunFolderError(
      manifestPath,
      `not valid JSON (${detail})`,
      'fix it or re-record the run',
      {
        cause: err,
      },
    );
  }
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return 'unknown error';
}
