/**
 * The sampling frequency of the `perf record` command a manifest lists (recorder.commands),
 * for turning sample counts into time when perf script printed no period.
 */

/** -F/--freq of the first `perf record` command; null when none is given or it is `max`. */
export function readPerfFrequency(commands: readonly (readonly string[])[]): number | null {
  for (const argv of commands) {
    const perf = argv.findIndex((a) => a === 'perf' || a.endsWith('/perf'));
    if (perf === -1 || argv[perf + 1] !== 'record') continue;
    for (let i = perf + 2; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      // Options after `--` belong to the profiled command.
      if (arg === '--') break;
      const value =
        arg === '-F' || arg === '--freq'
          ? argv[i + 1]
          : arg.startsWith('--freq=')
            ? arg.slice('--freq='.length)
            : arg.startsWith('-F') && arg.length > 2
              ? arg.slice(2)
              : undefined;
      if (value === undefined) continue;
      const hz = Number(value);
      return Number.isInteger(hz) && hz > 0 ? hz : null;
    }
  }
  return null;
}
