import type { App, SlashCommand, ViewOutput, ViewSubmitAction, types } from '@slack/bolt';
import type { Lang } from '../../src/core/answer.js';
import type { ChatUser } from '../../src/reminders/authorization.js';
import { handleRemindCommand, parseRemindCommand } from '../../src/reminders/command.js';
import { submitRemindForm } from '../../src/reminders/form.js';
import { type RemindersHandle, remindersFor } from '../../src/reminders/start.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import { renderNotice, sanitizePayload } from './blocks.js';
import type { SlackDeps, WebClient } from './deps.js';
import { type Respond, respondEphemeral } from './post.js';
import { SLACK_TEXTS, tx } from './texts.js';

export const REMIND_VIEW_ID = 'tw_remind_form';

/** `/telework remind …` (the rest after "remind"), or null for any other /telework text. */
export function remindArgs(text: string | undefined): string | null {
  const m = /^\s*remind(?:\s+([\s\S]*))?$/i.exec(text ?? '');
  return m ? (m[1] ?? '').trim() : null;
}

/** The allowlist needs Slack user groups' members; this adapter's client reads them. */
function handleFor(deps: SlackDeps, client: WebClient): RemindersHandle | null {
  const h = remindersFor(deps.store);
  if (h === undefined) return null;
  h.authorizer.useSlackGroupsOnce(async (usergroup) => (await client.usergroups.users.list({ usergroup })).users ?? []);
  return h;
}

/** `/telework remind …`: the form opens as a modal; every other subcommand answers ephemerally. */
export async function slackRemind(deps: SlackDeps, client: WebClient, command: Pick<SlashCommand, 'text' | 'user_id' | 'channel_id' | 'trigger_id'>, respond: Respond): Promise<void> {
  const lang = deps.lang;
  const say = (text: string) => respondEphemeral(respond, [renderNotice(text)]);
  try {
    const h = handleFor(deps, client);
    if (h === null) return await say(tx(SLACK_TEXTS.remindUnavailable, lang));
    const actor: ChatUser = { platform: 'slack', userId: command.user_id };
    const args = remindArgs(command.text) ?? '';
    if (!(await h.authorizer.isAllowed(actor))) {
      await h.service.denied(actor, `remind ${args}`);
      return await say(REMIND_TEXTS.refused[lang]);
    }
    if (parseRemindCommand(args).kind === 'form') {
      await client.views.open({ trigger_id: command.trigger_id, view: sanitizePayload(remindModal(lang, command.channel_id)) as unknown as types.ModalView });
      return;
    }
    await say(await handleRemindCommand(args, actor, { service: h.service, authorizer: h.authorizer, lang, logger: deps.logger }, { channelId: command.channel_id }));
  } catch (err) {
    deps.logger.error({ err }, 'slack remind command failed');
    await say(REMIND_TEXTS.failed[lang]).catch(() => {});
  }
}

const input = (blockId: string, label: string, element: Record<string, unknown>, optional = true) => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: { type: 'plain_text', text: label },
  element: { action_id: 'value', ...element },
});

/** The reminder form: text, a channel or people, a time or a cron, and the skip options. */
export function remindModal(lang: Lang, channelId: string | undefined): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: REMIND_VIEW_ID,
    private_metadata: JSON.stringify({ channelId: channelId ?? null }),
    title: { type: 'plain_text', text: tx(SLACK_TEXTS.remindTitle, lang) },
    submit: { type: 'plain_text', text: tx(SLACK_TEXTS.remindSubmit, lang) },
    close: { type: 'plain_text', text: tx(SLACK_TEXTS.remindCancel, lang) },
    blocks: [
      input('text', tx(SLACK_TEXTS.remindText, lang), { type: 'plain_text_input', multiline: true, max_length: 2000 }, false),
      input('channel', tx(SLACK_TEXTS.remindChannel, lang), { type: 'conversations_select', default_to_current_conversation: true, filter: { include: ['public', 'private'], exclude_bot_users: true } }),
      input('users', tx(SLACK_TEXTS.remindUsers, lang), { type: 'multi_users_select', max_selected_items: 50 }),
      input('at', tx(SLACK_TEXTS.remindAt, lang), { type: 'plain_text_input', placeholder: { type: 'plain_text', text: '2026-12-01 09:00' } }),
      input('cron', tx(SLACK_TEXTS.remindCron, lang), { type: 'plain_text_input', placeholder: { type: 'plain_text', text: '0 9 * * 1-5' } }),
      input('options', tx(SLACK_TEXTS.remindOptions, lang), {
        type: 'checkboxes',
        options: [
          { text: { type: 'plain_text', text: tx(SLACK_TEXTS.remindSkipHolidays, lang) }, value: 'skipHolidays' },
          { text: { type: 'plain_text', text: tx(SLACK_TEXTS.remindSkipYearEnd, lang) }, value: 'skipYearEnd' },
        ],
      }),
    ],
  };
}

type StateValue = ViewOutput['state']['values'][string][string];
const valueOf = (view: ViewOutput, block: string): StateValue | undefined => view.state.values[block]?.['value'];
const textOf = (v: StateValue | undefined): string | undefined => (typeof v?.value === 'string' && v.value.trim() !== '' ? v.value.trim() : undefined);

/** The modal's submission: validated like every other way in, errors shown next to the fields. */
export function registerRemindViews(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(REMIND_VIEW_ID, async ({ ack, body, view, client }) => {
    const lang = deps.lang;
    const h = handleFor(deps, client);
    if (h === null) return void (await ack({ response_action: 'errors', errors: { text: tx(SLACK_TEXTS.remindUnavailable, lang) } }));
    const options = new Set((valueOf(view, 'options')?.selected_options ?? []).map((o) => o.value));
    const result = await submitRemindForm(
      {
        text: textOf(valueOf(view, 'text')),
        channelId: valueOf(view, 'channel')?.selected_conversation ?? undefined,
        userIds: valueOf(view, 'users')?.selected_users ?? [],
        at: textOf(valueOf(view, 'at')),
        cron: textOf(valueOf(view, 'cron')),
        skipHolidays: options.has('skipHolidays'),
        skipYearEnd: options.has('skipYearEnd'),
      },
      { platform: 'slack', userId: body.user.id },
      { service: h.service, authorizer: h.authorizer, lang, logger: deps.logger },
    );
    if (!result.ok) return void (await ack({ response_action: 'errors', errors: { [result.field]: result.message } }));
    await ack();
    // The confirmation (with the next runs in JST) goes to the person, privately.
    const meta = safeMeta(view.private_metadata);
    const message = renderNotice(result.text);
    await deps.track(
      (meta.channelId
        ? client.chat.postEphemeral(sanitizePayload({ channel: meta.channelId, user: body.user.id, text: message.text, blocks: message.blocks }))
        : client.chat.postMessage(sanitizePayload({ channel: body.user.id, text: message.text, blocks: message.blocks }))
      ).catch((err: unknown) => deps.logger.warn({ err }, 'reminder confirmation not delivered')),
    );
  });
}

function safeMeta(raw: string | undefined): { channelId?: string } {
  try {
    const v = JSON.parse(raw ?? '{}') as { channelId?: unknown };
    return typeof v.channelId === 'string' && /^[A-Z0-9]+$/.test(v.channelId) ? { channelId: v.channelId } : {};
  } catch {
    return {};
  }
}
