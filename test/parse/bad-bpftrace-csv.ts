/**
 * A bpftrace-csv input with one of every problem the format counts, built in code so the binary
 * bytes and the 1 MB line need no checked-in blob. Line numbers are fixed: goldens cite them.
 */
import { BPFTRACE_CSV_HEADER } from '../../src/parse/bpftrace-csv.js';

const GOOD =
  '167388118514,1,netif_receive_skb,vxlan0,ffff88810a288d00,70,2864434397,10.233.1.2,10.233.2.2,40000,5201,17,1,';

/**
 * @param longLineBytes length of the over-long line (1 MB by default; tiny-chunk runs use a
 * shorter one, which gives the same dump as any length over the 4096-byte limit)
 */
export function buildBadBpftraceCsv(longLineBytes = 1024 * 1024): Buffer {
  const lines: (string | Buffer)[] = [
    'Attaching 7 probes...', // 1 banner
    BPFTRACE_CSV_HEADER, // 2
    GOOD, // 3 good
    'this is not an event', // 4 malformed-line
    '167388118600,1,not_a_probe,vxlan0,ffff88810a288d00,70,,,,,,,,', // 5 unknown-point
    '167388118700,1,netif_receive_skb,vxlan0,ffff88810a288d00', // 6 missing-columns
    `${GOOD},extra`, // 7 extra-columns
    '167388118800,one,netif_receive_skb,vxlan0,ffff88810a288d00,70,,,,,,,,', // 8 bad-number (cpu)
    '167388118900,1,netif_receive_skb,vxlan0,zz88810a288d00,70,,,,,,,,', // 9 bad-number (skb)
    '167388119000,1,netif_receive_skb,vxlan0,ffff88810a288d00,70,,10.233.1.300,,,,,,', // 10 bad-number (addr)
    '123456789012345678901,1,netif_receive_skb,vxlan0,,,,,,,,,,', // 11 bad-number (ts > u64)
    Buffer.from('167388119100,1,netif_receive_skb,vx\x00an0,ffff88810a288d00,70,,,,,,,,', 'latin1'), // 12 binary-garbage in dev
    Buffer.from([0x31, 0x00, 0x00, 0x00, 0x07, 0xff, 0x2c, 0x2c]), // 13 binary-garbage
    `167388119200,1,netif_receive_skb,vxlan0,${'a'.repeat(longLineBytes)},70,,,,,,,,`, // 14 line-too-long
    'Lost 42 events', // 15
    'Lost many events', // 16 malformed-line
    '', // 17 blank: skipped silently
    '167388119300,0,netif_rx,eth0,0xFFFF88810A288D00,60,,,,,,,,', // 18 good, skb normalised
    '167388119400,0,netif_receive_skb,eth0,ffff88810a288d00,6', // 19 truncated last line (no newline)
  ];
  const parts: Buffer[] = [];
  lines.forEach((line, i) => {
    parts.push(typeof line === 'string' ? Buffer.from(line, 'latin1') : line);
    if (i < lines.length - 1) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}
