import type { AdapterContext, AdapterFactory, ChatAdapter } from './adapter.js';
import { lineworksEnabled, slackEnabled, teamsEnabled } from '../src/config/settings.js';
import { createWebAdapter } from './web/index.js';

/** Platform adapters are plug-ins: each is loaded only when its settings are present. */
export async function loadAdapters(ctx: AdapterContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (slackEnabled(ctx.settings)) {
    const mod = (await import(/* Slack */ './slack/index.js' as string)) as { createSlackAdapter: AdapterFactory };
    adapters.push(await mod.createSlackAdapter(ctx));
  }
  if (teamsEnabled(ctx.settings)) {
    const mod = (await import(/* Teams */ './teams/index.js' as string)) as { createTeamsAdapter: AdapterFactory };
    adapters.push(await mod.createTeamsAdapter(ctx));
  }
  if (lineworksEnabled(ctx.settings)) {
    const mod = (await import(/* LINE WORKS */ './lineworks/index.js' as string)) as { createLineWorksAdapter: AdapterFactory };
    adapters.push(await mod.createLineWorksAdapter(ctx));
  }
  adapters.push(await createWebAdapter(ctx));
  return adapters;
}
