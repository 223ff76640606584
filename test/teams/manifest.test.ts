import { readFile, stat } from 'node:fs/promises';
import { expect, test } from 'vitest';

test('the Teams app manifest declares the bot in personal, team and group chat scopes, with a placeholder id', async () => {
  const m = JSON.parse(await readFile('adapters/teams/manifest.json', 'utf8'));
  const [major, minor] = String(m.manifestVersion).split('.').map(Number);
  expect(major! > 1 || (major === 1 && minor! >= 16)).toBe(true);
  expect(m.$schema).toContain(`/v${m.manifestVersion}/`);
  expect(m.name.short).toBe('テレワーク相談ボット');
  expect(m.name.short.length).toBeLessThanOrEqual(30);
  expect(m.description.short.length).toBeLessThanOrEqual(80);
  expect(m.description.full.length).toBeLessThanOrEqual(4000);
  expect(m.bots).toHaveLength(1);
  const b = m.bots[0];
  expect(['${{MICROSOFT_APP_ID}}', '00000000-0000-0000-0000-000000000000']).toContain(b.botId);
  expect(new Set(b.scopes)).toEqual(new Set(['personal', 'team', 'groupChat']));
  expect(b.isNotificationOnly).toBe(false);
  for (const list of b.commandLists) {
    expect(list.commands.length).toBeGreaterThan(0);
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const c of list.commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  }
  // The help command is one the bot really answers with its help text.
  expect(b.commandLists[0].commands.map((c: { title: string }) => c.title)).toContain('ヘルプ');
  for (const url of [m.developer.websiteUrl, m.developer.privacyUrl, m.developer.termsOfUseUrl]) expect(url).toMatch(/^https:\/\//);
  // The icons the manifest names ship next to it (an app package needs them).
  for (const icon of [m.icons.color, m.icons.outline]) expect((await stat(`adapters/teams/${icon}`)).size).toBeGreaterThan(0);
});
