import type { Activity, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import { BOT_CONNECTOR_AUDIENCE } from './auth.js';
import type { TeamsDeps } from './deps.js';

/**
 * The continuation (or create) activity that botbuilder invents for a proactive turn carries a
 * random id, and sendActivity would reply to it. Replies go to `replyToId` when given; otherwise
 * the message is a new post in the conversation (POST /v3/conversations/{id}/activities).
 */
function pinReplyTo(tc: TurnContext, replyToId: string | undefined): void {
  tc.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) {
      if (replyToId === undefined) delete a.replyToId;
      else a.replyToId = replyToId;
    }
    return next();
  });
}

/** Sends activities into a known conversation outside of any incoming turn. */
export async function sendProactive(
  deps: Pick<TeamsDeps, 'adapter' | 'appId'>,
  reference: Partial<ConversationReference>,
  activities: Partial<Activity>[],
  replyToId?: string,
): Promise<void> {
  await deps.adapter.continueConversationAsync(deps.appId, reference, async (tc) => {
    pinReplyTo(tc, replyToId);
    await tc.sendActivities(activities);
  });
}

/**
 * Opens a 1:1 chat with a user known only from a channel or group chat (POST /v3/conversations)
 * and sends into it. Returns the new chat's reference (without an activity id) for later use.
 */
export async function sendToNewPersonalChat(
  deps: Pick<TeamsDeps, 'adapter' | 'appId'>,
  known: Partial<ConversationReference>,
  activities: Partial<Activity>[],
): Promise<Partial<ConversationReference>> {
  const serviceUrl = known.serviceUrl;
  if (serviceUrl === undefined || known.user === undefined || known.bot === undefined) throw new Error('the stored Teams reference lacks serviceUrl, user or bot');
  const tenantId = known.conversation?.tenantId;
  const parameters = {
    isGroup: false,
    bot: known.bot,
    members: [known.user],
    ...(tenantId !== undefined ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
  } as ConversationParameters;
  let created: Partial<ConversationReference> | null = null;
  await deps.adapter.createConversationAsync(deps.appId, known.channelId ?? 'msteams', serviceUrl, BOT_CONNECTOR_AUDIENCE, parameters, async (tc) => {
    created = {
      channelId: tc.activity.channelId,
      serviceUrl: tc.activity.serviceUrl,
      conversation: { ...tc.activity.conversation, conversationType: 'personal' },
      bot: known.bot,
      user: known.user,
    };
    pinReplyTo(tc, undefined);
    await tc.sendActivities(activities);
  });
  if (created === null) throw new Error('Teams did not create a conversation');
  return created;
}
