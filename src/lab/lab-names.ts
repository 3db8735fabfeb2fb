/**
 * Names the lab gives its namespaces and devices. Every namespace starts with LAB_PREFIX: that
 * prefix is how teardown knows what is the lab's, so nothing else on the machine is touched.
 */

export const LAB_PREFIX = 'etlab-';

/** The two "hosts" (joined by the underlay) and the two "containers" (one per host). */
export const LAB_NAMESPACES = {
  hostA: `${LAB_PREFIX}hostA`,
  hostB: `${LAB_PREFIX}hostB`,
  ctrA: `${LAB_PREFIX}ctrA`,
  ctrB: `${LAB_PREFIX}ctrB`,
} as const;

/** Device names, as traces print them (names repeat across namespaces, as on real hosts). */
export const LAB_DEVICES = {
  underlayA: 'ulA',
  underlayB: 'ulB',
  vxlan: 'vxlan0',
  bridge: 'br0',
  hostVeth: 'veth-c',
  container: 'eth0',
} as const;

/** True for a namespace name the lab owns. */
export function isLabNamespace(name: string): boolean {
  return name.startsWith(LAB_PREFIX) && name.length > LAB_PREFIX.length;
}
