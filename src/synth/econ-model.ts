/**
 * The model behind the synthetic ECON run. No ECON kernel runs on the machines econ-trace is
 * developed on, so an ECON run is derived from a real vanilla overlay trace by applying ECON.md's
 * receive path to each packet. Every constant here is an assumption, stated in the manifest's
 * synthetic description, not a measurement.
 */

export interface EconModel {
  /** Time from netif_receive_skb on the underlay to econ_rx returning: flow-cache lookup. */
  lookupNs: number;
  /**
   * Extra time a fast-path packet spends before transport receive: outer header strip and the
   * netfilter hooks ECON still runs. Added to the vanilla trace's own container-side time.
   */
  fastPathOverheadNs: number;
}

export const DEFAULT_ECON_MODEL: Readonly<EconModel> = Object.freeze({
  lookupNs: 150,
  fastPathOverheadNs: 300,
});

/** The one-paragraph description every synthetic manifest carries. */
export function describeEconModel(source: string, model: EconModel): string {
  return (
    `Derived from the real vanilla overlay run ${source} by econ-trace's ECON generator: ` +
    `the first packet of each flow on each CPU misses ECON's per-CPU flow cache (econ_rx returns 2) ` +
    `and keeps its vanilla timeline, then the flow is inserted; later packets hit (econ_rx returns 0) ` +
    `${model.lookupNs} ns after netif_receive_skb on the underlay, skip stages 3 to 9, and reach ` +
    `transport receive after the vanilla packet's own container-side time plus a modelled ` +
    `${model.fastPathOverheadNs} ns for header strip and netfilter. CPU stack samples, when the ` +
    `source has them: samples whose receive-path category is a stage a hit skips (outer IP/UDP, ` +
    `vxlan decap, bridge, veth, softirq and backlog, inner IP, transport and socket lookup) are ` +
    `removed in proportion to the hit rate, evenly through the file, and ECON's own cost is added ` +
    `under the underlay's receive stack: econ_rx;econ_rx_lookup ${model.lookupNs} ns per looked-up ` +
    `packet and econ_rx;econ_rx_deliver ${model.fastPathOverheadNs} ns per hit. ` +
    `Not measured on an ECON kernel.`
  );
}
