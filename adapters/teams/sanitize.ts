import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { neutralizeBroadcastMentions } from '../../src/safety/mentions.js';

/** Every string in a JSON-like value through the broadcast-mention filter; other values untouched. */
export function sanitizeValue<T>(value: T): T {
  if (typeof value === 'string') return neutralizeBroadcastMentions(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeValue(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = sanitizeValue(v);
    return out as T;
  }
  return value;
}

/** The parts of an outgoing activity that people read. */
const READABLE: (keyof Activity)[] = ['text', 'summary', 'speak', 'attachments', 'suggestedActions', 'value'];

/**
 * The last line of defence for everything the bot sends, in turns and proactively: no broadcast
 * mention text, and no mention entities at all (the bot never needs to notify anyone by name).
 */
export function sanitizeOutgoing(activity: Partial<Activity>): void {
  const a = activity as Record<string, unknown>;
  for (const field of READABLE) if (a[field] !== undefined) a[field] = sanitizeValue(a[field]);
  if (activity.entities) activity.entities = activity.entities.filter((e) => e.type !== 'mention');
}

export const sanitizeMiddleware: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const a of activities) sanitizeOutgoing(a);
      return nextSend();
    });
    await next();
  },
};
