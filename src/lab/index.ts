/**
 * The network lab: a two-host VXLAN overlay built from network namespaces (and the host path
 * between the two hosts without overlay), its device roles, and workloads to run through it.
 * What the `econ-trace lab` commands and the recorder call.
 */
export {
  DEFAULT_LAB_CONFIG,
  resolveLabAddresses,
  type LabAddresses,
  type LabConfig,
} from './lab-config.js';
export { LabError, type LabErrorCode } from './lab-error.js';
export { LAB_DEVICES, LAB_NAMESPACES, LAB_PREFIX, isLabNamespace } from './lab-names.js';
export { buildLabUpPlan, type ArgvPlan } from './build-lab-plan.js';
export {
  buildTeardownPlan,
  type LeftoverNamespace,
  type TeardownPlan,
} from './build-teardown-plan.js';
export { bringLabUp, tearLabDown } from './lab-lifecycle.js';
export { readLabStatus, type LabNamespaceStatus, type LabStatus } from './read-lab-status.js';
export type { LabDeviceStatus } from './parse-ip-addr.js';
export { labDevices } from './lab-devices.js';
export { checkLabPrerequisites } from './run-argv.js';
export {
  WORKLOAD_KINDS,
  buildWorkloadPlan,
  chooseWorkloadTool,
  type WorkloadKind,
  type WorkloadOptions,
  type WorkloadPlan,
  type WorkloadTool,
} from './build-workload-plan.js';
export { planWorkload, runWorkload, type WorkloadResult } from './run-workload.js';
export { checkReachability, buildPingArgv, type Reachability } from './check-reachability.js';
export { ensureTracefs, hasTracefsMount, TRACEFS_DIR } from './ensure-tracefs.js';
export { withLabLock, LAB_LOCK_FILE } from './lab-lock.js';
