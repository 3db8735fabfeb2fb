/**
 * CPU stack samples over the recording window: `perf record -a -g -F <freq>` into raw/perf.data
 * while the recording runs, then `perf script` streamed into cpu/perf-script.txt. perf's own
 * messages go to raw/ as they were written.
 */
import { execa } from 'execa';
import { RecordError } from './record-error.js';
import type { PerfPlan } from './record-plan.js';

export interface PerfRun {
  /** SIGINT (perf writes its data file and exits), then perf script; resolves when both ended. */
  finish(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startPerf(opts: {
  plan: PerfPlan;
  recordLog: string;
  scriptFile: string;
  scriptLog: string;
}): Promise<PerfRun> {
  const [cmd = 'perf', ...args] = opts.plan.record;
  const record = execa(cmd, args, {
    buffer: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: { file: opts.recordLog },
  });
  // perf record prints nothing when it is ready; opening a cpu-clock event per CPU is quick, so
  // a short wait tells "running" from "refused at once" (bad permissions, missing perf).
  await sleep(500);
  if (record.exitCode !== null || record.signalCode !== null) {
    const res = await record;
    throw new RecordError(
      'tracer-failed',
      `perf record exited at once (code ${res.exitCode ?? res.signal ?? '?'})`,
      `see ${opts.recordLog}`,
    );
  }
  return {
    async finish() {
      record.kill('SIGINT');
      const killer = setTimeout(() => record.kill('SIGKILL'), 15_000);
      await record;
      clearTimeout(killer);
      const [scmd = 'perf', ...sargs] = opts.plan.script;
      const script = await execa(scmd, sargs, {
        buffer: false,
        reject: false,
        stdin: 'ignore',
        stdout: { file: opts.scriptFile },
        stderr: { file: opts.scriptLog },
      });
      if (script.exitCode !== 0) {
        throw new RecordError(
          'tracer-failed',
          `perf script exited with code ${script.exitCode ?? script.signal ?? '?'}`,
          `see ${opts.scriptLog}`,
        );
      }
    },
  };
}
