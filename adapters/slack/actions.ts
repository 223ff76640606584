import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Lang } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Requester, Vote } from '../../src/feedback/recorder.js';
import { claimOnce } from '../../src/store/dedupe.js';
import { requester, storedReply } from './answer.js';
import { ACTION_IDS, SHARE_ACTION_ID, type SlackMessage, renderNotice, renderReply } from './blocks.js';
import { KEYS, type SlackDeps, type WebClient } from './deps.js';
import { type Place, type Respond, postEphemeral, postMessages, respondEphemeral } from './post.js';
import { SLACK_TEXTS, tx } from './texts.js';

const VOTES: Record<string, Vote> = {
  [ACTION_IDS.resolved]: 'resolved',
  [ACTION_IDS['feedback-helpful']]: 'helpful',
  [ACTION_IDS['feedback-unhelpful']]: 'unhelpful',
};

/** What one button press is about, independent of Bolt's payload shapes. */
interface Press {
  actionId: string;
  answerId: string;
  userId: string;
  /** Where the pressed message lives; absent for ephemeral messages. */
  place: Place | null;
  channelId: string | undefined;
  respond: Respond | undefined;
  client: WebClient;
}

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /^tw_/ }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channelId = body.channel?.id;
    const message = body.message;
    const ephemeral = body.container['is_ephemeral'] === true || message === undefined;
    // In a DM the answer is not threaded, so notices follow it directly; in channels they go in its thread.
    const isDm = channelId?.startsWith('D') ?? false;
    const place: Place | null =
      ephemeral || channelId === undefined || message === undefined
        ? null
        : { channel: channelId, threadTs: (message['thread_ts'] as string | undefined) ?? (isDm ? undefined : message.ts) };
    const press: Press = {
      actionId: action.action_id,
      answerId: action.value ?? '',
      userId: body.user.id,
      place,
      channelId,
      respond: respond as Respond | undefined,
      client,
    };
    await deps.track(handlePress(deps, press));
  });

  // Any other interactive element (none today): acknowledge so Slack shows no error to the user.
  app.action({ type: 'block_actions', action_id: /^(?!tw_)/ }, async ({ ack }) => {
    await ack();
  });
}

async function handlePress(deps: SlackDeps, p: Press): Promise<void> {
  let lang: Lang = deps.lang;
  try {
    const who = requester(p.userId, p.channelId, p.place?.threadTs);
    const stored = await storedReply(deps, p.answerId);
    lang = stored?.lang ?? deps.lang;
    const answer = p.answerId === '' ? null : await deps.feedback.getAnswer(p.answerId);
    if (answer === null) return await notify(deps, p, MESSAGES.answerExpired[lang]);

    const vote = VOTES[p.actionId];
    if (vote !== undefined) {
      const first = await deps.feedback.recordVote(p.answerId, vote, who);
      const thanks = vote === 'resolved' ? MESSAGES.resolvedThanks[lang] : MESSAGES.feedbackThanks[lang];
      return await notify(deps, p, first ? thanks : MESSAGES.alreadyRecorded[lang]);
    }
    if (p.actionId === ACTION_IDS.escalate) return await escalate(deps, p, who, lang);
    if (p.actionId === SHARE_ACTION_ID) return await share(deps, p, lang);
    deps.logger.warn({ actionId: p.actionId }, 'unknown slack action');
  } catch (err) {
    deps.logger.error({ err, actionId: p.actionId }, 'slack action failed');
    await notify(deps, p, MESSAGES.error[lang]).catch((e: unknown) => deps.logger.error({ err: e }, 'slack error notice failed'));
  }
}

/** 「担当窓口に問い合わせる」: record once per person, then say so in the conversation. */
async function escalate(deps: SlackDeps, p: Press, who: Requester, lang: Lang): Promise<void> {
  const once = KEYS.escalation(p.answerId, p.userId);
  if (!(await claimOnce(deps.store, once.key, once.ttlMs))) return notify(deps, p, MESSAGES.alreadyRecorded[lang]);
  const recorded = await deps.escalate(p.answerId, who);
  if (recorded === null) return notify(deps, p, MESSAGES.answerExpired[lang]);
  const office = recorded.route === null ? null : (deps.bot.office(recorded.route) ?? null);
  const notice = renderNotice(MESSAGES.escalationRecorded[lang](office));
  if (p.place !== null) {
    try {
      await postMessages(p.client, p.place, [notice]);
      return;
    } catch (err) {
      deps.logger.warn({ err }, 'slack escalation notice could not be posted in the thread');
    }
  }
  await notifyMessage(deps, p, notice);
}

/** 「チャンネルに投稿」 on an ephemeral slash-command answer: post it for everyone, once. */
async function share(deps: SlackDeps, p: Press, lang: Lang): Promise<void> {
  const reply = await storedReply(deps, p.answerId);
  if (reply === null || p.channelId === undefined) return notify(deps, p, MESSAGES.answerExpired[lang]);
  const shared = KEYS.shared(p.answerId);
  if (!(await deps.store.setIfAbsent(shared.key, p.userId, shared.ttlMs))) return notify(deps, p, MESSAGES.alreadyRecorded[lang]);
  let ts: string | undefined;
  try {
    ts = await postMessages(p.client, { channel: p.channelId }, renderReply(reply, { echoQuestion: true }));
  } catch (err) {
    // Typically not_in_channel: the bot must be added first. Let the person try again.
    deps.logger.warn({ err, channel: p.channelId }, 'slack share failed');
    await deps.store.del(shared.key);
    return notify(deps, p, tx(SLACK_TEXTS.shareFailed, lang));
  }
  if (ts !== undefined) {
    const t = KEYS.thread(p.channelId, ts);
    await deps.store.set(t.key, '1', { ttlMs: t.ttlMs });
  }
  if (p.respond) await respondEphemeral(p.respond, [renderNotice(tx(SLACK_TEXTS.shared, lang))], { replaceOriginal: true });
}

const notify = (deps: SlackDeps, p: Press, text: string): Promise<void> => notifyMessage(deps, p, renderNotice(text));

/** A message only the presser sees: chat.postEphemeral in the thread, else through response_url. */
async function notifyMessage(deps: SlackDeps, p: Press, m: SlackMessage): Promise<void> {
  if (p.place !== null) {
    try {
      await postEphemeral(p.client, p.place, p.userId, m);
      return;
    } catch (err) {
      if (!p.respond) throw err;
      deps.logger.warn({ err }, 'slack postEphemeral failed; using response_url');
    }
  }
  if (p.respond) await respondEphemeral(p.respond, [m]);
}
