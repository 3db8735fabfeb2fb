/**
 * Time the kernel spent in a process's BPF programs, from /proc/<pid>/fdinfo of its program
 * file descriptors (run_time_ns and run_cnt, kept while kernel.bpf_stats_enabled is 1). It is
 * the programs' own cost per event, apart from the tracepoint's and from machine noise.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';

const STATS_SWITCH = '/proc/sys/kernel/bpf_stats_enabled';

export interface BpfProgStats {
  runs: number;
  runTimeNs: number;
}

/** Turns the kernel's BPF run-time statistics on; returns a function that restores the old value. */
export async function enableBpfStats(): Promise<() => Promise<void>> {
  const before = (await readFile(STATS_SWITCH, 'utf8').catch(() => '0')).trim();
  await writeFile(STATS_SWITCH, '1').catch(() => undefined);
  return async () => {
    await writeFile(STATS_SWITCH, before).catch(() => undefined);
  };
}

/** Sums run_cnt and run_time_ns over the BPF programs `pid` holds open. */
export async function readBpfProgStats(pid: number): Promise<BpfProgStats> {
  const dir = `/proc/${pid}/fdinfo`;
  const out: BpfProgStats = { runs: 0, runTimeNs: 0 };
  for (const fd of await readdir(dir).catch(() => [] as string[])) {
    const text = await readFile(`${dir}/${fd}`, 'utf8').catch(() => '');
    const cnt = /^run_cnt:\s*(\d+)/m.exec(text);
    const time = /^run_time_ns:\s*(\d+)/m.exec(text);
    if (cnt && time) {
      out.runs += Number(cnt[1]);
      out.runTimeNs += Number(time[1]);
    }
  }
  return out;
}

/** Child pids of `pid` with one of these command names (from /proc, no process-name search). */
export async function findChildren(pid: number, comms: readonly string[]): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const found: number[] = [];
  for (const child of text.trim().split(/\s+/).filter(Boolean).map(Number)) {
    const name = (await readFile(`/proc/${child}/comm`, 'utf8').catch(() => '')).trim();
    if (comms.includes(name)) found.push(child);
  }
  return found;
}
