/**
 * Device roles for a run manifest (docs/run-folder.md, "Device roles"): which lab device plays
 * which part on the receive path. The host path has only the underlay.
 */
import type { DeviceAssignment, PathKind } from '../model/manifest.js';
import { LAB_DEVICES } from './lab-names.js';

/** The lab's devices and their roles for a run over `path`. */
export function labDevices(path: PathKind): DeviceAssignment[] {
  const underlay: DeviceAssignment[] = [
    { name: LAB_DEVICES.underlayA, role: 'underlay' },
    { name: LAB_DEVICES.underlayB, role: 'underlay' },
  ];
  if (path === 'host') return underlay;
  return [
    ...underlay,
    { name: LAB_DEVICES.vxlan, role: 'vxlan' },
    { name: LAB_DEVICES.bridge, role: 'bridge' },
    { name: LAB_DEVICES.hostVeth, role: 'host-veth' },
    { name: LAB_DEVICES.container, role: 'container' },
  ];
}
