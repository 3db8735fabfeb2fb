/** A throwaway /proc + /sys tree for doctor tests: only the files the doctor reads. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeProcOptions {
  capEff?: string;
  tracefs?: boolean;
  btf?: boolean;
  econ?: boolean;
  /** Extra /proc entries: name -> content. */
  entries?: Record<string, string>;
}

export async function makeFakeProc(
  o: FakeProcOptions = {},
): Promise<{ procRoot: string; sysRoot: string }> {
  const root = await mkdtemp(join(tmpdir(), 'econ-trace-fakeproc-'));
  const procRoot = join(root, 'proc');
  const sysRoot = join(root, 'sys');
  await mkdir(join(procRoot, 'self'), { recursive: true });
  await writeFile(
    join(procRoot, 'self', 'status'),
    `Name:\tnode\nCapPrm:\t${o.capEff ?? '000001ffffffffff'}\nCapEff:\t${o.capEff ?? '000001ffffffffff'}\n`,
  );
  const mounts = ['proc /proc proc rw,nosuid 0 0', 'sysfs /sys sysfs rw 0 0'];
  if (o.tracefs ?? true) mounts.push('nodev /sys/kernel/tracing tracefs rw,relatime 0 0');
  await writeFile(join(procRoot, 'mounts'), `${mounts.join('\n')}\n`);
  const syms = [
    'ffffffff81000000 T _stext',
    'ffffffff81eb96d0 T netif_receive_skb',
    'ffffffffc0001000 t vxlan_rcv\t[vxlan]',
  ];
  if (o.econ) syms.push('ffffffff81ec0000 T econ_rx', 'ffffffff81ec0100 T econ_rx_lookup');
  else syms.push('ffffffff81ec0000 T econ_rx_something_else');
  await writeFile(join(procRoot, 'kallsyms'), `${syms.join('\n')}\n`);
  for (const [name, text] of Object.entries(o.entries ?? {}))
    await writeFile(join(procRoot, name), text);
  if (o.btf ?? true) {
    await mkdir(join(sysRoot, 'kernel', 'btf'), { recursive: true });
    await writeFile(join(sysRoot, 'kernel', 'btf', 'vmlinux'), 'not really BTF');
  }
  return { procRoot, sysRoot };
}
