import { createInterface } from 'node:readline';
import type { Lang } from '../../core/answer.js';
import type { TeleworkBot } from '../../core/bot.js';
import { MESSAGES } from '../../core/messages.js';

import { UsageError } from '../usage-error.js';
import { botFromEnv } from '../../core/bot-from-settings.js';

export async function runAsk(args: string[], opts: { json: boolean; jsonl: boolean; lang?: Lang }): Promise<number> {
  if (opts.jsonl) {
    if (args.length > 0) throw new UsageError('ask --jsonl reads questions from standard input; give no question argument');
    return askJsonl(await botFromEnv(), opts.lang);
  }
  const question = args.join(' ');
  if (args.length === 0) throw new UsageError('usage: telework-bot ask [--json] "質問"');
  if (question.trim() === '') throw new UsageError('the question is empty (usage: telework-bot ask [--json] "質問")');
  const bot = await botFromEnv();
  if (opts.json) {
    const { answer } = await bot.ask(question, { lang: opts.lang });
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    return answer.error === undefined ? 0 : 1;
  }
  const { answer, reply } = await bot.reply(question, { lang: opts.lang });
  const { renderReplyForTerminal } = await import('../../../adapters/terminal/render.js');
  process.stdout.write(`${renderReplyForTerminal(reply)}\n`);
  return answer.error === undefined ? 0 : 1;
}

/** One Answer JSON per input line, in order, flushed as it goes; a bad line never stops the batch. */
async function askJsonl(bot: TeleworkBot, lang?: Lang): Promise<number> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    let out: string;
    try {
      out = JSON.stringify((await bot.ask(line, { lang })).answer);
    } catch {
      const l = lang ?? 'ja';
      out = JSON.stringify({
        question: line,
        answer: MESSAGES.error[l],
        citations: [],
        route: null,
        escalate: false,
        outOfScope: false,
        confidence: 0,
        error: MESSAGES.error[l],
      });
    }
    if (!process.stdout.write(`${out}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return 0;
}
