/**
 * Which program records: the native recorder when the request allows it and it builds here (the
 * default, and much cheaper for the datapath), else bpftrace's, with a notice saying what that
 * costs and how to fix it. An explicit --tracer native or --checkpoints is refused instead of
 * silently changed.
 */
import {
  buildNativeRecorder,
  isNativeRecorder,
  type NativeBuild,
  type NativeRecorder,
} from '../tools/build-native-recorder.js';
import { RecordError } from './record-error.js';
import type { RecordRequest } from './record-request.js';

export async function pickNativeRecorder(
  request: Pick<RecordRequest, 'tracer' | 'checkpoints'>,
  notice: (line: string) => void,
  build: () => Promise<NativeBuild> = () =>
    buildNativeRecorder({
      onBuild: (dir) => notice(`building the native recorder into ${dir} (once per source change)`),
    }),
): Promise<NativeRecorder | null> {
  if (request.tracer === 'bpftrace') return null;
  const built = await build();
  if (isNativeRecorder(built)) return built;
  if (request.tracer === 'native' || request.checkpoints !== null) {
    throw new RecordError(
      'tracer-failed',
      `the native recorder cannot be built here: ${built.reason}`,
      `${built.fix}, or pass --tracer bpftrace`,
    );
  }
  notice(
    `the native recorder cannot be built here (${built.reason}): recording with bpftrace, which costs the datapath more; to fix: ${built.fix}`,
  );
  return null;
}
