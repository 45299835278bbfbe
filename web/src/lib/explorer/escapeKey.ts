// What Escape closes in the explorer: the selection panel first, then the path panel.
import { clearPath, type ExplorerState, select } from '../urlState.ts';

export interface EscapeStep {
  next: ExplorerState;
  /** The node whose panel closes, whose list row gets the keyboard focus back. */
  closing: string;
}

/** Null when no panel is open. */
export function escapeStep(state: ExplorerState): EscapeStep | null {
  if (state.selected !== null) return { next: select(state, null), closing: state.selected };
  const closing = state.pathTo ?? state.pathFrom;
  return closing === null ? null : { next: clearPath(state), closing };
}
