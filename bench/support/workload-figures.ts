/**
 * A lab workload's own figure from its tool's output: iperf3 --json (TCP: received bits/s; UDP:
 * datagrams that arrived per second, sent minus lost) and sockperf ping-pong's summary
 * (request/response transactions per second over its valid duration).
 */

export interface WorkloadFigure {
  value: number;
  unit: 'Gbit/s' | 'pps' | 'tps';
}

interface IperfJson {
  end?: {
    sum?: { packets?: number; lost_packets?: number; seconds?: number };
    sum_received?: { bits_per_second?: number };
  };
  error?: string;
}

/** Figure from `iperf3 --json` client output; throws with iperf3's error when there is none. */
export function readIperfFigure(stdout: string, udp: boolean): WorkloadFigure {
  const json = JSON.parse(stdout) as IperfJson;
  if (json.error) throw new Error(`iperf3: ${json.error}`);
  if (udp) {
    const s = json.end?.sum;
    if (!s?.packets || !s.seconds) throw new Error('iperf3 --json has no end.sum for UDP');
    return { value: (s.packets - (s.lost_packets ?? 0)) / s.seconds, unit: 'pps' };
  }
  const bps = json.end?.sum_received?.bits_per_second;
  if (bps === undefined) throw new Error('iperf3 --json has no end.sum_received');
  return { value: bps / 1e9, unit: 'Gbit/s' };
}

const SOCKPERF_VALID =
  /\[Valid Duration\] RunTime=([\d.]+) sec; SentMessages=\d+; ReceivedMessages=(\d+)/;

/** Transactions/s from sockperf ping-pong output (its "[Valid Duration]" line). */
export function readSockperfFigure(output: string): WorkloadFigure {
  const m = SOCKPERF_VALID.exec(output);
  if (!m) throw new Error(`no sockperf [Valid Duration] line in: ${output.slice(-300)}`);
  return { value: Number(m[2]) / Number(m[1]), unit: 'tps' };
}
