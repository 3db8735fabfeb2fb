/**
 * Test helper: parameter names of kernel functions, read from a raw BTF file
 * (/sys/kernel/btf/vmlinux). Layout per the kernel's Documentation/bpf/btf.rst and
 * include/uapi/linux/btf.h (header, then the type section, then the string section).
 * Lets the function-probe compile test check `args->NAME` against the running kernel where
 * bpftrace itself cannot (see bpftrace-variants-compile.root.test.ts).
 */
import { readFileSync } from 'node:fs';

const BTF_MAGIC = 0xeb9f;
const KIND_FUNC = 12;
const KIND_FUNC_PROTO = 13;

/** Bytes that follow the 12-byte common type record, by kind (btf.h). */
function extraBytes(kind: number, vlen: number): number {
  switch (kind) {
    case 1: // INT
    case 14: // VAR
    case 17: // DECL_TAG
      return 4;
    case 3: // ARRAY
      return 12;
    case 4: // STRUCT
    case 5: // UNION
    case 15: // DATASEC
    case 19: // ENUM64
      return 12 * vlen;
    case 6: // ENUM
    case 13: // FUNC_PROTO
      return 8 * vlen;
    default: // PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG
      return 0;
  }
}

/**
 * Parameter names of each function in `names` found in the BTF file; a function absent from BTF
 * is absent from the result. Little-endian BTF only (x86).
 */
export function readBtfFunctionParams(
  file: string,
  names: readonly string[],
): Map<string, string[]> {
  const buf = readFileSync(file);
  if (buf.readUInt16LE(0) !== BTF_MAGIC) throw new Error(`${file}: not little-endian BTF`);
  const hdrLen = buf.readUInt32LE(4);
  const typeStart = hdrLen + buf.readUInt32LE(8);
  const typeEnd = typeStart + buf.readUInt32LE(12);
  const strStart = hdrLen + buf.readUInt32LE(16);
  const readName = (off: number): string => {
    const start = strStart + off;
    return buf.toString('latin1', start, buf.indexOf(0, start));
  };

  // Type ids start at 1; remember where each FUNC_PROTO's parameters are.
  const protoParams = new Map<number, number[]>();
  const funcs = new Map<string, number>();
  const wanted = new Set(names);
  let pos = typeStart;
  for (let id = 1; pos < typeEnd; id++) {
    const nameOff = buf.readUInt32LE(pos);
    const info = buf.readUInt32LE(pos + 4);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    const sizeOrType = buf.readUInt32LE(pos + 8);
    pos += 12;
    if (kind === KIND_FUNC_PROTO) {
      const offs: number[] = [];
      for (let i = 0; i < vlen; i++) offs.push(buf.readUInt32LE(pos + 8 * i));
      protoParams.set(id, offs);
    } else if (kind === KIND_FUNC) {
      const name = readName(nameOff);
      if (wanted.has(name)) funcs.set(name, sizeOrType);
    }
    pos += extraBytes(kind, vlen);
  }

  const result = new Map<string, string[]>();
  for (const [name, protoId] of funcs) {
    result.set(name, (protoParams.get(protoId) ?? []).map(readName));
  }
  return result;
}
