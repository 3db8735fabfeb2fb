/**
 * Shared inputs of the recorder's unit tests: fixed machine facts and a plain request (events
 * mode unless the test asks for another).
 */
import type { HostFacts } from '../../src/record/host-facts.js';
import { parseRecordFlags, type RawRecordFlags } from '../../src/record/parse-record-flags.js';
import type { RecordRequest } from '../../src/record/record-request.js';

export const FACTS: HostFacts = {
  kernelRelease: '6.18.44-fc-v857',
  kernelVersion: '#1 SMP PREEMPT_DYNAMIC @0',
  hostname: 'vm',
  econ: false,
  econEnabled: false,
  recorderVersion: '0.1.0',
  bpftraceVersion: { major: 0, minor: 17, patch: 0, text: 'v0.17.0' },
  perfVersion: null,
  ownNetnsInode: 4026531833,
  netnsInode: 0,
};

export function request(raw: Partial<RawRecordFlags> = {}): RecordRequest {
  return parseRecordFlags({ out: 'runs/r1', dev: ['ulB=underlay'], mode: 'events', ...raw });
}
