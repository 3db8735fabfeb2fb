/** What every event parser is given besides its input bytes. */
import type { ClockOrigin } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';

export interface ParseContext {
  /** File name relative to the run folder, used in issue examples ("events/packets.csv"). */
  file: string;
  /** The run's clock origin, shared by all its files; the first event fixes it. */
  origin: ClockOrigin;
  /** Counters for the whole run; parsers add lines read, events, lost events and issues. */
  counters: IngestCounters;
}

/** Events handed out per batch: big enough to amortise the async hop, small enough to stay cheap. */
export const BATCH_EVENTS = 4096;
