import type { Lang } from '../../core/answer.js';

/** `telework-bot chat`: an interactive terminal session. */
export async function runChatCommand(opts: { lang?: Lang }): Promise<number> {
  const { runChat } = await import('../../../adapters/terminal/chat.js');
  await runChat({ input: process.stdin, output: process.stdout, lang: opts.lang });
  return 0;
}
