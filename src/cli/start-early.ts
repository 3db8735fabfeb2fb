/**
 * Work a command can start before oclif has loaded (bin/run.js calls this first thing). Loading
 * oclif and finding the command takes about a fifth of a second on one core; `report` uses that
 * time to start its chart worker, which then loads vega (about half a second) beside it instead
 * of beside the analysis, so the analysis has the second core to itself sooner. Help and
 * anything else start nothing: `--help` must stay instant.
 */

/** Whether the arguments (without node and the script) run a report that renders charts. */
export function rendersCharts(args: readonly string[]): boolean {
  if (args[0] !== 'report') return false;
  return !args.some((a) => a === '--help' || a === '-h');
}

/** Starts what the command in `args` will need, if anything. */
export async function startEarly(args: readonly string[]): Promise<void> {
  if (!rendersCharts(args)) return;
  const { prepareChartRenderer } = await import('../render/chart-renderer.js');
  prepareChartRenderer();
}
