import { createGenerator } from '../answer/generator.js';
import { type Env, loadSettings } from '../config/settings.js';
import { TeleworkBot } from './bot.js';

/** The bot as configured by the environment: shipped knowledge plus KNOWLEDGE_DIR, and the optional LLM. */
export async function botFromSettings(settings: Env, onGeneratorRejected?: (e: unknown) => void): Promise<TeleworkBot> {
  return TeleworkBot.create({
    knowledgeDirs: settings.KNOWLEDGE_DIR ? [settings.KNOWLEDGE_DIR] : [],
    lang: settings.BOT_LANG,
    generator: await createGenerator(settings),
    onGeneratorRejected,
  });
}

export const botFromEnv = (env: NodeJS.ProcessEnv = process.env): Promise<TeleworkBot> => botFromSettings(loadSettings(env));
