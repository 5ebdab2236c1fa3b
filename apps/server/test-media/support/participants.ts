import { LiveClient } from '@roundtable/client';
import { onTestFinished } from 'vitest';
import { Bot, Listener, type Ticket } from './bots.ts';
import { tokenOf } from './media-app.ts';
import { until } from './room.ts';

/** A participant's LiveKit ticket: from their own client's media token, or given as is. */
async function ticketOf(who: LiveClient | Ticket): Promise<Ticket> {
  return who instanceof LiveClient ? tokenOf(who) : who;
}

/**
 * A bot in LiveKit for this participant, gone when the test ends. For a participant's own
 * client it resolves once the server has reconciled the new connection (the media-permission
 * that follows every arrival): tokens carry no microphone, so until then LiveKit would refuse
 * one even when the protocol allows it.
 */
export async function joinBot(
  who: LiveClient | Ticket,
  options: { listen?: boolean } = {},
): Promise<Bot> {
  let reconciled = !(who instanceof LiveClient);
  const stop =
    who instanceof LiveClient ? who.on('media-permission', () => (reconciled = true)) : null;
  try {
    const bot = await Bot.join(await ticketOf(who), options);
    onTestFinished(() => bot.close());
    await until(() => reconciled, 'the server reconciled the new media connection');
    return bot;
  } finally {
    stop?.();
  }
}

/** A listener in LiveKit for this participant, gone when the test ends. */
export async function joinListener(who: LiveClient | Ticket): Promise<Listener> {
  const listener = await Listener.join(await ticketOf(who));
  onTestFinished(() => listener.close());
  return listener;
}
