import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Lang } from '../../src/core/answer.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import { botFromEnv } from '../../src/core/bot-from-settings.js';
import { isStatusQuery } from '../../src/tickets/chat.js';
import { renderReplyForTerminal } from './render.js';

const TEXT = {
  ja: {
    hello: 'テレワーク相談ボットです。質問を入力してください(終了は「exit」または Ctrl+D)。',
    prompt: '質問> ',
    bye: 'ご利用ありがとうございました。',
    status: '端末からは、次のコマンドで問い合わせ状況を確認できます(サーバーと同じ REDIS_URL で):\n  telework-bot ticket list\n  telework-bot ticket show TW-…',
  },
  en: {
    hello: 'Telework help bot. Type a question (exit or Ctrl+D to quit).',
    prompt: 'question> ',
    bye: 'Goodbye.',
    status: 'From a terminal, see the tickets with these commands (with the same REDIS_URL as the server):\n  telework-bot ticket list\n  telework-bot ticket show TW-…',
  },
} as const;

export interface ChatOptions {
  input: Readable;
  output: Writable;
  lang?: Lang;
  /** A ready bot (tests); otherwise one is built from the environment. */
  bot?: TeleworkBot;
}

/** `telework-bot chat`: a read-answer loop in the terminal. The core decides; this only renders. */
export async function runChat(opts: ChatOptions): Promise<void> {
  const t = TEXT[opts.lang ?? 'ja'];
  const bot = opts.bot ?? (await botFromEnv());
  const terminal = (opts.input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: opts.input, output: opts.output, terminal });
  opts.output.write(`${t.hello}\n`);
  rl.setPrompt(t.prompt);
  rl.prompt();
  // Ctrl+D (end of input) leaves the cursor on the prompt line; a typed "exit" is echoed with its newline on a terminal.
  let onPromptLine = true;
  for await (const line of rl) {
    const q = line.trim();
    if (q === 'exit' || q === 'quit' || q === '終了') {
      onPromptLine = !terminal;
      break;
    }
    if (isStatusQuery(q)) {
      opts.output.write(`${t.status}\n\n`);
    } else if (q.length > 0) {
      const { reply } = await bot.reply(q, { lang: opts.lang });
      opts.output.write(`${renderReplyForTerminal(reply)}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
  opts.output.write(`${onPromptLine ? '\n' : ''}${t.bye}\n`);
}
