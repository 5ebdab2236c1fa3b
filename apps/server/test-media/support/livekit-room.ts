import type { RoomServiceClient } from 'livekit-server-sdk';
import { decodeJwt } from 'jose';
import type { Ticket } from './bots.ts';
import { until } from './room.ts';

/** The LiveKit room a media token admits to (the server names it `<sessionId>~<generation>`). */
export const roomOf = (ticket: Ticket) => (decodeJwt(ticket.token).video as { room: string }).room;

/** The session's LiveKit room as LiveKit itself has it, once the server has (re)created it. */
export async function liveKitRoom(rooms: RoomServiceClient, sessionId: string): Promise<string> {
  let found: string | undefined;
  await until(() => {
    void rooms.listRooms().then(
      (all) => (found = all.find((r) => r.name.startsWith(`${sessionId}~`))?.name),
      () => undefined,
    );
    return found !== undefined;
  }, 'the session’s LiveKit room created again');
  return found!;
}
