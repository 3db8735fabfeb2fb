/**
 * The doctor's checks of the machine itself (no tools run): privileges, tracefs, BTF, and
 * whether this is an ECON kernel with its control file. Each returns one DoctorCheck.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorCheck } from './doctor-report.js';
import { ECON_PROC_FILE, type EconControl } from './econ-control.js';
import {
  CAP_BPF,
  CAP_PERFMON,
  CAP_SYS_ADMIN,
  findTracefsMount,
  hasCapability,
  parseCapEff,
} from './read-proc.js';

export const TRACEFS_MOUNT_FIX = 'mount -t tracefs nodev /sys/kernel/tracing';

export async function checkPrivileges(procRoot: string): Promise<DoctorCheck> {
  const status = await readFile(join(procRoot, 'self', 'status'), 'utf8').catch(() => '');
  const capEff = parseCapEff(status);
  const base = { id: 'privileges', required: true } as const;
  if (capEff === null) {
    return {
      ...base,
      ok: false,
      detail: `no CapEff line in ${join(procRoot, 'self', 'status')}`,
      fix: 'run as root (sudo)',
    };
  }
  const uid = process.getuid?.() ?? -1;
  // CAP_BPF + CAP_PERFMON suffice since 5.8; CAP_SYS_ADMIN covers both on any kernel.
  const bpfPerfmon = hasCapability(capEff, CAP_BPF) && hasCapability(capEff, CAP_PERFMON);
  const sysAdmin = hasCapability(capEff, CAP_SYS_ADMIN);
  const detail = `uid ${uid}, CapEff ${capEff.toString(16).padStart(16, '0')} (CAP_BPF+CAP_PERFMON ${bpfPerfmon ? 'yes' : 'no'}, CAP_SYS_ADMIN ${sysAdmin ? 'yes' : 'no'})`;
  const ok = bpfPerfmon || sysAdmin;
  return {
    ...base,
    ok,
    detail,
    fix: ok ? '' : 'run as root (sudo), or grant CAP_BPF and CAP_PERFMON',
  };
}

export async function checkTracefs(procRoot: string): Promise<DoctorCheck> {
  const mounts = await readFile(join(procRoot, 'mounts'), 'utf8').catch(() => '');
  const where = findTracefsMount(mounts);
  return where === null
    ? {
        id: 'tracefs',
        required: true,
        ok: false,
        detail: 'tracefs is not mounted (tracepoints cannot attach)',
        fix: TRACEFS_MOUNT_FIX,
      }
    : { id: 'tracefs', required: true, ok: true, detail: `tracefs mounted at ${where}`, fix: '' };
}

export async function checkBtf(sysRoot: string): Promise<DoctorCheck> {
  const path = join(sysRoot, 'kernel', 'btf', 'vmlinux');
  const present = await access(path).then(
    () => true,
    () => false,
  );
  return present
    ? { id: 'btf', required: true, ok: true, detail: `${path} present`, fix: '' }
    : {
        id: 'btf',
        required: true,
        ok: false,
        detail: `${path} missing: the scripts read skb fields through BTF types`,
        fix: 'boot a kernel built with CONFIG_DEBUG_INFO_BTF=y',
      };
}

export function checkEconKernel(econ: boolean): DoctorCheck {
  return econ
    ? {
        id: 'econ-kernel',
        required: false,
        ok: true,
        detail: 'econ_rx in /proc/kallsyms: ECON kernel',
        fix: '',
      }
    : {
        id: 'econ-kernel',
        required: false,
        ok: false,
        detail: 'no econ_rx in /proc/kallsyms: vanilla kernel (ECON probes are left out)',
        fix: 'boot the ECON kernel to record its fast path; vanilla recordings work here',
      };
}

export function checkEconControl(econ: boolean, control: EconControl): DoctorCheck {
  const base = { id: 'econ-control', required: false } as const;
  if (!econ)
    return { ...base, ok: true, detail: 'not an ECON kernel: no control file expected', fix: '' };
  const others =
    control.candidates.length > 0 ? `; other econ* entries: ${control.candidates.join(', ')}` : '';
  if (control.path === null) {
    return {
      ...base,
      ok: false,
      detail: `no /proc/${ECON_PROC_FILE} (its name is assumed: ECON.md only says fs/proc/stat.c adds it)${others}`,
      fix: "look up the proc entry the patch's fs/proc/stat.c creates and enable ECON there",
    };
  }
  if (control.enabled === null) {
    return {
      ...base,
      ok: false,
      detail: `${control.path} found, enabled state not understood: "${control.firstLine}"${others}`,
      fix: `read ${control.path} and check that ECON is enabled`,
    };
  }
  return control.enabled
    ? { ...base, ok: true, detail: `${control.path}: ECON enabled`, fix: '' }
    : {
        ...base,
        ok: false,
        detail: `${control.path}: ECON disabled (the fast path never runs)`,
        fix: `enable ECON in ${control.path}`,
      };
}
