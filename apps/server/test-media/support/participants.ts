import { LiveClient } from '@roundtable/client';
import { onTestFinished } from 'vitest';
import { Bot, Listener, type Ticket } from './bots.ts';
import { tokenOf } from './media-app.ts';

/** A participant's LiveKit ticket: from their own client's media token, or given as is. */
async function ticketOf(who: LiveClient | Ticket): Promise<Ticket> {
  return who instanceof LiveClient ? tokenOf(who) : who;
}

/** A bot in LiveKit for this participant, gone when the test ends. */
export async function joinBot(
  who: LiveClient | Ticket,
  options: { listen?: boolean } = {},
): Promise<Bot> {
  const bot = await Bot.join(await ticketOf(who), options);
  onTestFinished(() => bot.close());
  return bot;
}

/** A listener in LiveKit for this participant, gone when the test ends. */
export async function joinListener(who: LiveClient | Ticket): Promise<Listener> {
  const listener = await Listener.join(await ticketOf(who));
  onTestFinished(() => listener.close());
  return listener;
}
