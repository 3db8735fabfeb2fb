/**
 * Ctrl-C and SIGTERM during a recording are requests to stop, not to die: the recorder stops the
 * workload and the tracers in order and completes the manifest. A second Ctrl-C is left to
 * the same orderly stop (already under way); the listeners are removed when the run ends.
 */
export function listenForStopSignals(stop: (signal: string) => void): () => void {
  const onInt = (): void => stop('SIGINT');
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
