import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { parse } from 'yaml';

test('the app manifest asks for what the adapter uses, and nothing that broadcasts', async () => {
  const m = parse(await readFile('adapters/slack/manifest.yaml', 'utf8'));
  expect(m.display_information.name).toBe('テレワーク相談ボット');
  expect(m.features.bot_user.display_name).toBeTruthy();
  expect(new Set(m.oauth_config.scopes.bot)).toEqual(
    new Set(['app_mentions:read', 'chat:write', 'im:history', 'commands', 'channels:history', 'groups:history', 'im:write', 'usergroups:read']),
  );
  expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'message.channels']));
  expect(m.features.slash_commands.map((c: any) => c.command)).toEqual(['/telework']);
  for (const url of [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, m.features.slash_commands[0].url]) {
    expect(url).toBe('https://YOUR-HOST/slack/events');
  }
  expect(m.settings.interactivity.is_enabled).toBe(true);
  expect(m.settings.socket_mode_enabled).toBe(false);
});
