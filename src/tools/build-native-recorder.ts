/**
 * The native aggregate recorder (native/): a BPF object built with clang and a loader built with
 * cc against libbpf. They are built on first use into build/native/ at the package root and
 * rebuilt when a source changes (a stamp holds the sources' hash), so no compiler is needed to
 * analyse runs, only to record with it. Compilers run from argv arrays; nothing user-supplied
 * reaches them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { runTool, type ToolResult } from './run-tool.js';

/** native/ and build/native/ at the package root; the same relative place from src/ and dist/. */
export const NATIVE_DIR = fileURLToPath(new URL('../../native/', import.meta.url));
export const NATIVE_BUILD_DIR = fileURLToPath(new URL('../../build/native/', import.meta.url));

const SOURCES = [
  'econ-trace-aggregate.h',
  'event-line.h',
  'econ-trace-aggregate.bpf.c',
  'econ-trace-aggregate.c',
] as const;

export interface NativeRecorder {
  /** The loader executable. */
  loader: string;
  /** The BPF object it loads (first argument). */
  object: string;
}

/** Why the native recorder cannot be used here, with the fix. */
export interface NativeUnavailable {
  reason: string;
  fix: string;
}

export type NativeBuild = NativeRecorder | NativeUnavailable;

export function isNativeRecorder(b: NativeBuild): b is NativeRecorder {
  return 'loader' in b;
}

async function sourcesHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of SOURCES) hash.update(name).update(await readFile(join(dir, name)));
  return hash.digest('hex');
}

/** Debian and Ubuntu keep asm/types.h under a per-architecture directory. */
async function multiarchInclude(cc: string): Promise<string[]> {
  const r = await runTool(cc, ['-print-multiarch'], { reject: false, timeoutMs: 10_000 });
  const triplet = r.ok ? r.stdout.trim() : '';
  return triplet === '' ? [] : [`-I/usr/include/${triplet}`];
}

function compileFailure(what: string, r: ToolResult, fix: string): NativeUnavailable {
  if (r.failure === 'not-found') return { reason: `${r.command} is not installed`, fix };
  const firstError = r.stderr.split('\n').find((l) => /error|fatal/i.test(l)) ?? r.stderr.trim();
  return { reason: `${what} failed: ${firstError.slice(0, 200)}`, fix };
}

const INSTALL_FIX = 'apt-get install clang libbpf-dev';

/**
 * Builds (or reuses) the native recorder. Returns why not when a compiler or libbpf is missing;
 * never throws for that, so the caller can explain and fall back.
 */
export async function buildNativeRecorder(
  opts: {
    sourceDir?: string;
    buildDir?: string;
    clang?: string;
    cc?: string;
    /** Called once when a build starts (none when the last build is reused). */
    onBuild?: (buildDir: string) => void;
  } = {},
): Promise<NativeBuild> {
  const sourceDir = opts.sourceDir ?? NATIVE_DIR;
  const buildDir = opts.buildDir ?? NATIVE_BUILD_DIR;
  const clang = opts.clang ?? 'clang';
  const cc = opts.cc ?? 'cc';
  const built: NativeRecorder = {
    loader: join(buildDir, 'econ-trace-aggregate'),
    object: join(buildDir, 'econ-trace-aggregate.bpf.o'),
  };
  const hash = await sourcesHash(sourceDir);
  const stampFile = join(buildDir, 'sources.sha256');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === hash) return built;

  opts.onBuild?.(buildDir);
  const unwritable = await mkdir(buildDir, { recursive: true }).then(
    () => null,
    (err: NodeJS.ErrnoException) => err.code ?? String(err),
  );
  if (unwritable !== null) {
    return {
      reason: `cannot create ${buildDir} (${unwritable})`,
      fix: 'run it as the user who installed econ-trace, or as root',
    };
  }
  // Built under temporary names and renamed: a concurrent recording never runs half a file.
  const suffix = `.${process.pid}.tmp`;
  const bpf = await runTool(
    clang,
    [
      '-O2',
      '-g',
      '-target',
      'bpf',
      ...(await multiarchInclude(cc)),
      '-c',
      join(sourceDir, 'econ-trace-aggregate.bpf.c'),
      '-o',
      built.object + suffix,
    ],
    { reject: false, timeoutMs: 120_000 },
  );
  if (!bpf.ok) return compileFailure('compiling the BPF program', bpf, INSTALL_FIX);
  const loader = await runTool(
    cc,
    [
      '-O2',
      '-Wall',
      join(sourceDir, 'econ-trace-aggregate.c'),
      '-o',
      built.loader + suffix,
      '-lbpf',
    ],
    { reject: false, timeoutMs: 120_000 },
  );
  if (!loader.ok) return compileFailure('building the loader', loader, INSTALL_FIX);
  await rename(built.object + suffix, built.object);
  await rename(built.loader + suffix, built.loader);
  await writeFile(stampFile, hash);
  return built;
}
