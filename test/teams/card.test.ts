import { beforeAll, describe, expect, test } from 'vitest';
import { questionFrom } from '../../adapters/teams/activity.js';
import { commandTextFrom } from '../../adapters/teams/tickets.js';
import { replyCard, safeCardText, safeUrl, sourceLine } from '../../adapters/teams/card.js';
import { sanitizeOutgoing } from '../../adapters/teams/sanitize.js';
import { MAX_ACTIVITY_BYTES, activityBytes, escapeTeamsMarkdown, noticeActivity, replyActivity } from '../../adapters/teams/notice.js';
import type { SourceRef } from '../../src/core/answer.js';
import { TeleworkBot } from '../../src/core/bot.js';
import type { Reply } from '../../src/core/reply.js';

let bot: TeleworkBot;
beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
});

const source = (over: Partial<SourceRef> = {}): SourceRef => ({
  n: 1,
  documentId: 'd',
  title: '手引き',
  section: '第2章',
  url: 'https://example.invalid/a.pdf',
  issued: '2023-12-27',
  issuedWareki: '令和5年12月27日',
  page: 12,
  ...over,
});

describe('Adaptive Card rendering', () => {
  test('an English reply gets English labels and lang in the button data', async () => {
    const { reply } = await bot.reply('特別交付税の措置率は?', { lang: 'en' });
    const card = replyCard(reply);
    const texts = (card['body'] as any[]).map((b) => b.text as string);
    expect(texts[0]).toContain('0.5');
    expect(texts).toContain('Sources');
    const actions = card['actions'] as any[];
    expect(actions.map((a) => a.title)).toEqual(['Resolved', 'Ask the office', 'Helpful', 'Not helpful']);
    for (const a of actions) expect(a.data.lang).toBe('en');
  });

  test('each answer line is its own wrapping TextBlock; the office is shown when escalation is proposed', () => {
    const office = bot.office('security')!;
    const reply: Reply = {
      answerId: 'a1',
      lang: 'ja',
      kind: 'escalation',
      question: 'q',
      text: '一行目です。\n二行目です。[1]',
      sources: [source()],
      office,
      escalate: true,
      confidence: 0.4,
      actions: [{ kind: 'escalate', label: '担当窓口に問い合わせる', value: 'a1' }],
    };
    const card = replyCard(reply);
    const body = card['body'] as any[];
    expect(body[0]).toEqual({ type: 'TextBlock', text: '一行目です。', wrap: true });
    expect(body[1]).toEqual({ type: 'TextBlock', text: '二行目です。[1]', wrap: true });
    expect(body.map((b) => b.text)).toContain(`担当窓口: ${office.name}`);
    expect(card['actions']).toEqual([{ type: 'Action.Submit', title: '担当窓口に問い合わせる', data: { action: 'escalate', answerId: 'a1', lang: 'ja' } }]);
  });

  test('source lines: numbered, date and page, a Markdown link only for http(s) URLs', () => {
    expect(sourceLine(source(), 'ja')).toBe('[1] [手引き 第2章 (令和5年12月27日, 12ページ)](https://example.invalid/a.pdf)');
    expect(sourceLine(source({ url: null, page: null, section: null }), 'en')).toBe('[1] 手引き (令和5年12月27日)');
    expect(sourceLine(source({ url: 'javascript:alert(1)' }), 'ja')).not.toContain('javascript');
    // Brackets in a title cannot close the link text early; parentheses in a URL cannot end it.
    expect(sourceLine(source({ title: '資料[別紙]', url: 'https://example.invalid/a_(1).pdf' }), 'ja')).toBe(
      '[1] [資料［別紙］ 第2章 (令和5年12月27日, 12ページ)](https://example.invalid/a_%281%29.pdf)',
    );
    expect(safeUrl('ftp://example.invalid/x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
  });

  test('answer text cannot smuggle links or broadcast mentions into the card', () => {
    expect(safeCardText('see [here](https://evil.invalid) @everyone')).toBe('see [here]\u200b(https://evil.invalid) @\u200beveryone');
  });

  test('the outgoing filter defuses every readable field and drops mention entities', () => {
    const activity: Record<string, any> = {
      type: 'message',
      text: '<!channel> @here',
      attachments: [{ contentType: 'x', content: { body: [{ text: '@everyone' }], actions: [{ title: '@channel' }] } }],
      entities: [{ type: 'mention', mentioned: { id: '29:x' }, text: '<at>everyone</at>' }, { type: 'clientInfo' }],
      serviceUrl: 'http://127.0.0.1/',
    };
    sanitizeOutgoing(activity);
    expect(JSON.stringify(activity)).not.toMatch(/@(everyone|here|channel)|<!channel>/);
    expect(activity['entities']).toEqual([{ type: 'clientInfo' }]);
    expect(activity['serviceUrl']).toBe('http://127.0.0.1/');
  });

  test('question extraction: other mentions, HTML entities and extra spaces go', () => {
    expect(questionFrom('<at>山田</at>&nbsp;特別交付税の措置率は?&nbsp; ')).toBe('特別交付税の措置率は?');
    expect(questionFrom('A &amp; B &lt;test&gt;')).toBe('A & B <test>');
    // Rich-text messages: formatting tags go, the words stay.
    expect(questionFrom('<p>特別交付税の<strong>措置率</strong>は?</p><p>教えてください</p>')).toBe('特別交付税の措置率は? 教えてください');
    expect(questionFrom(undefined)).toBe('');
    // Every entity, named or numeric, decoded once (the entities package): an escaped entity stays text.
    expect(questionFrom('&#x7279;&#21029;交付税&hellip; &amp;lt;そのまま&amp;gt;')).toBe('特別交付税… &lt;そのまま&gt;');
    expect(commandTextFrom('answer TW-2026-000001 <p>1行目&nbsp;&amp;</p><p>2行目 &#x3042;</p>')).toBe('answer TW-2026-000001 1行目 &\n2行目 あ');
  });
});

describe('Teams message size and text messages', () => {
  test('a long Japanese answer is cut until the serialised activity fits 28 KB in UTF-8 bytes', async () => {
    const { reply } = await bot.reply('特別交付税の措置率は?');
    // 12,000 characters of Japanese: 36 KB in UTF-8 before the guard (a character count would let it through).
    const long: Reply = { ...reply, text: 'テレワークの導入に関する説明です。'.repeat(706), sources: Array.from({ length: 5 }, (_, i) => source({ n: i + 1 })) };
    expect(Buffer.byteLength(long.text, 'utf8')).toBeGreaterThan(MAX_ACTIVITY_BYTES);
    const a = replyActivity(long);
    const json = JSON.stringify(a);
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    expect(json.length * 2).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    expect(activityBytes(a)).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    const body = (a.attachments![0]!.content as { body: { text: string }[] }).body;
    // Cut with an ellipsis, sources and buttons kept.
    expect(body.some((b) => b.text.endsWith('…'))).toBe(true);
    expect(body.filter((b) => /^\[\d\]/.test(b.text))).toHaveLength(5);
    expect((a.attachments![0]!.content as { actions: unknown[] }).actions.length).toBeGreaterThan(0);
    // Well within the limit, most of the answer survives (not cut to a stub).
    expect(body.map((b) => b.text).join('').length).toBeGreaterThan(7000);
  });

  test('a short answer is sent whole', async () => {
    const { reply } = await bot.reply('特別交付税の措置率は?');
    const a = replyActivity(reply);
    expect(JSON.stringify(a)).not.toContain('…"');
    expect(activityBytes(a)).toBeLessThan(MAX_ACTIVITY_BYTES);
  });

  test('text messages keep their lines (a paragraph each, as Markdown) and show Markdown characters as typed', () => {
    const a = noticeActivity('お問い合わせの状況です。\n・TW-2026-000001 受付済み\n\n・rem_abc123 *重要* [link](x) <b>太字</b> `code` ~取消~ a_b _c_\n# 見出し\n- 項目\n1. 番号');
    expect(a.textFormat).toBe('markdown');
    expect(a.text).toBe(
      [
        'お問い合わせの状況です。',
        '・TW-2026-000001 受付済み',
        '・rem_abc123 \\*重要\\* \\[link\\](x) \\<b\\>太字\\</b\\> \\`code\\` \\~取消\\~ a_b \\_c\\_',
        '\\# 見出し',
        '\\- 項目',
        '1\\. 番号',
      ].join('\n\n'),
    );
    expect(escapeTeamsMarkdown('普通の文です。')).toBe('普通の文です。');
  });
});
