import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../adapters/terminal/chat.js';
import { shellQuote } from '../../adapters/terminal/render.js';
import { TeleworkBot } from '../../src/core/bot.js';

let bot: TeleworkBot;
beforeAll(async () => {
  bot = await TeleworkBot.create();
});

/** One chat session over the given input lines (no terminal), returning everything written. */
async function session(input: string, lang?: 'ja' | 'en'): Promise<string> {
  const inp = new PassThrough();
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += String(d)));
  const done = runChat({ input: inp, output: out, bot, lang });
  inp.end(input);
  await done;
  return text;
}

describe('telework-bot chat', () => {
  it('gives the terminal command for 「担当窓口に問い合わせる」 on an escalation answer', async () => {
    const out = await session("当団体で在宅勤務手当を支給すべきか判断してください(山田's 件)\n");
    expect(out).toContain('「担当窓口に問い合わせる」');
    expect(out).toContain('端末からは、次のコマンドで担当窓口に問い合わせを依頼できます');
    const cmd = out.split('\n').find((l) => l.trim().startsWith('telework-bot ticket create'))!;
    expect(cmd.trim()).toMatch(/^telework-bot ticket create --route hr '当団体で在宅勤務手当を支給すべきか判断してください/);
    // The question is quoted for a shell, a quote inside included.
    expect(cmd).toContain(`'\\''s`);
  });

  it('answers 「問い合わせ状況」 with the commands that show tickets', async () => {
    const out = await session('問い合わせ状況\n');
    expect(out).toContain('telework-bot ticket list');
    expect(out).toContain('telework-bot ticket show TW-');
    const en = await session('ticket status\n', 'en');
    expect(en).toContain('From a terminal, see the tickets');
  });

  it('ends on Ctrl+D at the prompt with a newline before the goodbye', async () => {
    const out = await session('');
    expect(out.endsWith('質問> \nご利用ありがとうございました。\n')).toBe(true);
    // "exit" ends the same way, never leaving the goodbye on the prompt line.
    const exit = await session('exit\n');
    expect(exit.endsWith('質問> \nご利用ありがとうございました。\n')).toBe(true);
  });

  it('shell quoting survives every quote', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(shellQuote('$(rm -rf /) `x`')).toBe(`'$(rm -rf /) \`x\`'`);
  });
});
