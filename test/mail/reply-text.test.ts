import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/mail/inbox/reply-text.js';
import { autoReplyReason, ticketIdOf } from '../../src/mail/inbox/classify.js';
import { simpleParser } from 'mailparser';

const ANSWER = '在宅勤務手当は、各団体の条例で定めてください。\n\n詳しくは通知の第3をご覧ください。';

describe('the office new text of a reply', () => {
  it.each([
    ['Thunderbird (Japanese)', `${ANSWER}\n\n山田 さんは書きました:\n> ##- この行より上にご回答をお書きください -##\n> ご質問`],
    ['Gmail (Japanese)', `${ANSWER}\n\n2026年11月28日(土) 10:00 テレワーク相談ボット <bot@example.jp>:\n\n> 問い合わせ番号: TW-2026-000001\n> ご質問`],
    ['Gmail (Japanese, wrapped header)', `${ANSWER}\n\n2026年11月28日(土) 10:00 テレワーク相談ボット <\nbot@example.jp>:\n\n> ご質問`],
    ['Outlook (Japanese)', `${ANSWER}\n\n差出人: テレワーク相談ボット <bot@example.jp>\n送信日時: 2026年11月28日 10:00\n宛先: hr@example.invalid\n件名: [TW-2026-000001] テレワーク相談ボットからのお問い合わせ\n\n##- この行より上にご回答をお書きください -##\nご質問`],
    ['Original Message', `${ANSWER}\n\n-----Original Message-----\nFrom: bot\nSubject: [TW-2026-000001]\n\nご質問`],
    ['元のメッセージ', `${ANSWER}\n\n-----元のメッセージ-----\n差出人: bot\n\nご質問`],
    ['English client', `${ANSWER}\n\nOn Sat, Nov 28, 2026 at 10:00 AM Bot <bot@example.jp> wrote:\n> quoted`],
    ['unquoted copy of the ticket mail', `${ANSWER}\n\n##- この行より上にご回答をお書きください -##\n\n公務員課 ご担当者様`],
    ['"-- " signature', `${ANSWER}\n\n-- \n総務省 公務員課\n電話 03-0000-0000\n\n> quoted`],
    ['ruled signature', `${ANSWER}\n\n━━━━━━━━━━━━━━━━\n総務省自治行政局公務員部公務員課\n女性活躍・人材活用推進室\n━━━━━━━━━━━━━━━━\n\n> quoted`],
    ['full-width quote marks', `${ANSWER}\n\n＞ ご質問`],
  ])('%s: only the new text is left', (_name, body) => {
    expect(replyText({ text: body })).toBe(ANSWER);
  });

  it('reads HTML-only mail, without the quoted part', () => {
    const html = `<div dir="ltr"><p>在宅勤務手当は、各団体の条例で定めてください。</p><p>詳しくは通知の第3をご覧ください。</p></div><br><div class="gmail_quote"><div>2026年11月28日(土) bot &lt;bot@example.jp&gt;:</div><blockquote>ご質問 山田太郎</blockquote></div>`;
    expect(replyText({ html })).toBe(ANSWER);
  });

  it('an Outlook HTML reply loses the header block and the quote', () => {
    const html = `<html><body><div>在宅勤務手当は、各団体の条例で定めてください。<br><br>詳しくは通知の第3をご覧ください。</div><hr><div id="divRplyFwdMsg"><b>差出人:</b> bot<br><b>送信日時:</b> 2026年11月28日</div><div>ご質問</div></body></html>`;
    expect(replyText({ html })).toBe(ANSWER);
  });

  it('nothing new gives an empty text', () => {
    expect(replyText({ text: '> only a quote\n> more' })).toBe('');
  });
});

describe('classifying a mail', () => {
  const parse = (headers: string, body = 'x') => simpleParser(Buffer.from(`${headers}\r\n\r\n${body}\r\n`));

  it('finds the ticket from In-Reply-To, References or the subject', async () => {
    expect(ticketIdOf(await parse('Subject: Re: hello\r\nIn-Reply-To: <TW-2026-000042.email@telework-bot.invalid>'))).toBe('TW-2026-000042');
    expect(ticketIdOf(await parse('Subject: Re: hello\r\nReferences: <a@b> <TW-2026-000043.email@telework-bot.invalid>'))).toBe('TW-2026-000043');
    expect(ticketIdOf(await parse('Subject: RE: [TW-2026-000044] テレワーク'))).toBe('TW-2026-000044');
    expect(ticketIdOf(await parse('Subject: RE: hello\r\nIn-Reply-To: <other@x>'))).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', true],
    ['Auto-Submitted: no', false],
    ['X-Autoreply: yes', true],
    ['Precedence: bulk', true],
    ['Precedence: auto_reply', true],
    ['Subject: 自動応答: 不在のお知らせ', true],
    ['Subject: Automatic reply: out of office', true],
    ['Subject: Re: [TW-2026-000001] 回答', false],
  ])('%s → automatic: %s', async (h, auto) => {
    expect(autoReplyReason(await parse(h)) !== null).toBe(auto);
  });
});
