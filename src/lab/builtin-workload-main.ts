/**
 * Entry point of the built-in workload, started by the lab inside a namespace:
 *   builtin-workload-main server KIND ADDR PORT
 *   builtin-workload-main client KIND ADDR PORT DURATION_SEC RATE PAYLOAD_BYTES
 * The client prints one summary line ("builtin KIND: sent N received M") and exits 1 when
 * nothing came back from the server.
 */
import { runBuiltinClient, startBuiltinServer } from './builtin-workload.js';
import { WORKLOAD_KINDS, type WorkloadKind } from './build-workload-plan.js';

function isKind(text: string | undefined): text is WorkloadKind {
  return WORKLOAD_KINDS.some((k) => k === text);
}

async function main(argv: string[]): Promise<number> {
  const [role, kind, addr, port, duration, rate, payload] = argv;
  if (!isKind(kind) || addr === undefined || port === undefined) {
    process.stderr.write(
      'usage: builtin-workload-main server|client KIND ADDR PORT [DURATION RATE PAYLOAD]\n',
    );
    return 2;
  }
  if (role === 'server') {
    startBuiltinServer(kind, addr, Number(port));
    return -1;
  }
  const summary = await runBuiltinClient(
    kind,
    addr,
    Number(port),
    Number(duration ?? 1),
    Number(rate ?? 0),
    Number(payload ?? 64),
  );
  process.stdout.write(`builtin ${kind}: sent ${summary.sent} received ${summary.received}\n`);
  return summary.received > 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a server keeps running until it is stopped.
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`builtin workload: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
