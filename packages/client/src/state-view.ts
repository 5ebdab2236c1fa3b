import type { SessionState } from '@roundtable/protocol';
import { readState, readStateValue, STATE_ROOT, type StateValues } from '@roundtable/wire';
import type * as Y from 'yjs';

/** What a client shows of the state document, read once per update of it. */
export interface StateView {
  readonly state: SessionState | null;
  readonly info: StateValues['info'] | null;
  /** The state document's word on the media server; null until the server has written it. */
  readonly media: StateValues['media'] | null;
  readonly talkTime: StateValues['talkTime'];
  readonly talkTimeHistory: StateValues['talkTimeHistory'];
  readonly mediaOffences: StateValues['mediaOffences'];
}

export const EMPTY_VIEW: StateView = {
  state: null,
  info: null,
  media: null,
  talkTime: null,
  talkTimeHistory: [],
  mediaOffences: {},
};

export function readStateView(doc: Y.Doc): StateView {
  const map = doc.getMap(STATE_ROOT);
  return {
    state: readState(doc),
    info: readStateValue(map, 'info') ?? null,
    media: readStateValue(map, 'media') ?? null,
    talkTime: readStateValue(map, 'talkTime') ?? null,
    talkTimeHistory: readStateValue(map, 'talkTimeHistory') ?? [],
    mediaOffences: readStateValue(map, 'mediaOffences') ?? {},
  };
}
