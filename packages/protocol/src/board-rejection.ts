/**
 * Why the board refused an update. Each is also a wire error code (packages/wire lists them
 * among the server's codes), so a client explains a refusal the same way as an engine one.
 */
export const BOARD_REJECTION_CODES = [
  'board-closed',
  'not-your-card',
  'silent-listener',
  'kind-not-accepted',
  'not-presenter',
  'invalid-card',
  'too-large',
] as const;

export type BoardRejectionCode = (typeof BOARD_REJECTION_CODES)[number];

export interface BoardRejection {
  readonly code: BoardRejectionCode;
  readonly message: string;
}

export function refuseBoard(code: BoardRejectionCode, message: string): BoardRejection {
  return { code, message };
}
