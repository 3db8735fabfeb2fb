/**
 * The two ways the fixtures are recorded, with the tools themselves (not an econ-trace command):
 * bpftrace running bpftrace/econ-trace-tracepoints.bt, and perf record of the same tracepoints
 * followed by perf script --ns. Each returns the exact argv it ran and the lost-event count the
 * tool reported.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

export const TRACEPOINTS = [
  'net:napi_gro_receive_entry',
  'net:netif_receive_skb',
  'net:netif_rx',
  'net:net_dev_start_xmit',
  'sock:sk_data_ready',
  'skb:skb_copy_datagram_iovec',
  'skb:consume_skb',
  'skb:kfree_skb',
] as const;

export const BPFTRACE_SCRIPT = 'bpftrace/econ-trace-tracepoints.bt';
const HEADER = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';

export interface Tracer {
  /** Every command line run, in order. */
  commands: string[][];
  /** Stop tracing and finish the event file (uncompressed, at `eventsPath`); returns events lost. */
  stop(): Promise<number>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sum of "Lost N events" lines (bpftrace) in a text. */
export function countBpftraceLost(text: string): number {
  let lost = 0;
  for (const m of text.matchAll(/^Lost (\d+) events/gm)) lost += Number(m[1]);
  return lost;
}

/** Start bpftrace; resolves once BEGIN printed the header, i.e. every probe is attached. */
export async function startBpftrace(
  eventsPath: string,
  rawDir: string,
  excludeNetns: string,
): Promise<Tracer> {
  // Line-buffered, so the header shows up as soon as BEGIN runs.
  const argv = ['bpftrace', '-B', 'line', BPFTRACE_SCRIPT, excludeNetns];
  const stderrPath = join(rawDir, 'bpftrace.stderr.txt');
  const proc: ResultPromise = execa(argv[0] ?? 'bpftrace', argv.slice(1), {
    reject: false,
    stdout: { file: eventsPath },
    stderr: { file: stderrPath },
  });
  for (let waited = 0; ; waited += 200) {
    const text = await readFile(eventsPath, 'utf8').catch(() => '');
    if (text.split('\n').includes(HEADER)) break;
    if (proc.exitCode !== null || waited > 120_000)
      throw new Error(`bpftrace did not start; see ${stderrPath}`);
    await sleep(200);
  }
  return {
    commands: [argv],
    async stop() {
      proc.kill('SIGINT');
      await proc;
      return (
        countBpftraceLost(await readFile(eventsPath, 'utf8')) +
        countBpftraceLost(await readFile(stderrPath, 'utf8'))
      );
    },
  };
}

/** Lost records perf reports ("lost N chunks", LOST events) in its record output. */
export function countPerfLost(text: string): number {
  let lost = 0;
  for (const m of text.matchAll(/lost (\d+) chunks/gi)) lost += Number(m[1]);
  for (const m of text.matchAll(/(\d+) LOST events/g)) lost += Number(m[1]);
  return lost;
}

/** Start perf record of the tracepoints on all CPUs; perf script runs at stop. */
export async function startPerf(
  eventsPath: string,
  rawDir: string,
  dataPath: string,
): Promise<Tracer> {
  const record = ['perf', 'record', '-a', ...TRACEPOINTS.flatMap((t) => ['-e', t]), '-o', dataPath];
  const script = ['perf', 'script', '--ns', '-i', dataPath];
  const recordLog = join(rawDir, 'perf-record.txt');
  const proc: ResultPromise = execa(record[0] ?? 'perf', record.slice(1), {
    reject: false,
    stdout: 'ignore',
    stderr: { file: recordLog },
  });
  // perf record prints nothing when ready; opening 8 tracepoints on 2 CPUs takes well under this.
  await sleep(3000);
  if (proc.exitCode !== null) throw new Error(`perf record exited early; see ${recordLog}`);
  return {
    commands: [record, script],
    async stop() {
      proc.kill('SIGINT');
      await proc;
      const res = await execa(script[0] ?? 'perf', script.slice(1), {
        reject: false,
        stdout: { file: eventsPath },
      });
      const scriptLog = String(res.stderr);
      await writeFile(join(rawDir, 'perf-script.stderr.txt'), scriptLog);
      if (res.exitCode !== 0) throw new Error(`perf script failed: ${scriptLog.slice(-300)}`);
      return countPerfLost(await readFile(recordLog, 'utf8')) + countPerfLost(scriptLog);
    },
  };
}
