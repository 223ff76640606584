import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Lang } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { EscalationResult } from '../../src/core/escalation.js';
import type { Requester, Vote } from '../../src/feedback/recorder.js';
import { claimOnce } from '../../src/store/dedupe.js';
import { ticketsFor } from '../../src/tickets/registry.js';
import { requester, storedReply } from './answer.js';
import { ACTION_IDS, SHARE_ACTION_ID, type SlackMessage, renderNotice, renderReply, safeMrkdwn } from './blocks.js';
import { truncate } from './split.js';
import { KEYS, type SlackDeps, type WebClient } from './deps.js';
import { type Place, type Respond, postEphemeral, postMessages, respondEphemeral } from './post.js';
import { SLACK_TEXTS, tx } from './texts.js';

/** The confirm step's buttons (tickets running); their value is `answerId|threadTs`. */
export const TICKET_ACTION_IDS = { send: 'tw_escalate_send', cancel: 'tw_escalate_cancel' } as const;

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
    let place: Place | null =
      ephemeral || channelId === undefined || message === undefined
        ? null
        : { channel: channelId, threadTs: (message['thread_ts'] as string | undefined) ?? (isDm ? undefined : message.ts) };
    // The confirm step is ephemeral (no message to read the thread from): its buttons carry the thread,
    // or '-' when the answer itself was ephemeral (slash command): then everything stays private (DM).
    const [answerId = '', carriedThread] = (action.value ?? '').split('|');
    if (carriedThread !== undefined && carriedThread !== '-' && place === null && channelId !== undefined) place = { channel: channelId, threadTs: carriedThread === '' ? undefined : carriedThread };
    const press: Press = {
      actionId: action.action_id,
      answerId,
      userId: body.user.id,
      place,
      channelId: carriedThread === '-' ? undefined : channelId,
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
    if (p.actionId === ACTION_IDS.escalate) return ticketsFor(deps.store) ? await confirmTicket(deps, p, lang) : await escalate(deps, p, who, lang);
    if (p.actionId === TICKET_ACTION_IDS.send) return await sendTicket(deps, p, who, lang);
    if (p.actionId === TICKET_ACTION_IDS.cancel) return await cancelTicket(deps, p, lang);
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

/**
 * With tickets running, 「担当窓口に問い合わせる」 first shows the presser (only) exactly what will
 * be sent, the redacted question and the office, with 送信する / やめる.
 */
async function confirmTicket(deps: SlackDeps, p: Press, lang: Lang): Promise<void> {
  const preview = await ticketsFor(deps.store)!.escalations.preview(p.answerId);
  if (preview === null) return notify(deps, p, MESSAGES.answerExpired[lang]);
  const t = MESSAGES.tickets;
  const value = `${p.answerId}|${p.place === null ? '-' : (p.place.threadTs ?? '')}`;
  const quoted = preview.question
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const m: SlackMessage = {
    text: truncate(safeMrkdwn(t.confirm[lang](preview.officeName)), 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(safeMrkdwn(t.confirm[lang](preview.officeName)), 3000) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(safeMrkdwn(quoted), 3000) } },
      {
        type: 'actions',
        block_id: 'tw_ticket_confirm',
        elements: [
          { type: 'button', action_id: TICKET_ACTION_IDS.send, style: 'primary', text: { type: 'plain_text', text: t.send[lang] }, value },
          { type: 'button', action_id: TICKET_ACTION_IDS.cancel, text: { type: 'plain_text', text: t.cancel[lang] }, value },
        ],
      },
    ],
  };
  await notifyMessage(deps, p, m);
}

/** 送信する: creates the ticket (idempotent on slack:<answerId>:<userId>) and posts its id in the thread. */
async function sendTicket(deps: SlackDeps, p: Press, who: Requester, lang: Lang): Promise<void> {
  const result = (await deps.escalate(p.answerId, who)) as EscalationResult | null;
  if (result?.rateLimited !== undefined) return notify(deps, p, MESSAGES.escalationLimit[lang](result.rateLimited.limit, result.rateLimited.retryAfterSeconds));
  if (result === null || result.ticketId === undefined) return notify(deps, p, MESSAGES.answerExpired[lang]);
  const office = result.route === null ? null : (deps.bot.office(result.route) ?? null);
  const text = result.created === false ? MESSAGES.tickets.alreadyCreated[lang](result.ticketId) : MESSAGES.tickets.created[lang](result.ticketId, office?.shortName ?? '');
  // The confirm message is replaced so that 送信する cannot be pressed again by mistake.
  if (p.respond) await respondEphemeral(p.respond, [renderNotice(text)], { replaceOriginal: true }).catch((err: unknown) => deps.logger.warn({ err }, 'slack confirm message not replaced'));
  if (result.created === false) return;
  if (p.place !== null) {
    try {
      await postMessages(p.client, p.place, [renderNotice(text)]);
      return;
    } catch (err) {
      deps.logger.warn({ err }, 'slack ticket notice could not be posted in the thread');
    }
  }
  if (!p.respond) await notify(deps, p, text);
}

async function cancelTicket(deps: SlackDeps, p: Press, lang: Lang): Promise<void> {
  if (p.respond) await respondEphemeral(p.respond, [renderNotice(MESSAGES.tickets.cancelled[lang])], { replaceOriginal: true });
  else await notify(deps, p, MESSAGES.tickets.cancelled[lang]);
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
