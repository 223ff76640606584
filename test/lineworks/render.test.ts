import { describe, expect, test } from 'vitest';
import { decodePostback, encodePostback } from '../../adapters/lineworks/postback.js';
import { LIMITS, renderConfirm, renderReply, safeText, splitForMessages } from '../../adapters/lineworks/render.js';
import type { SourceRef } from '../../src/core/answer.js';
import type { Reply } from '../../src/core/reply.js';

const source = (n: number, extra: Partial<SourceRef> = {}): SourceRef => ({
  n,
  documentId: `doc-${n}`,
  title: `資料${n}`,
  section: `第${n}章`,
  url: `https://example.invalid/doc-${n}.pdf`,
  issued: '2023-12-27',
  issuedWareki: '令和5年12月27日',
  page: n,
  ...extra,
});

const reply = (text: string, sources: SourceRef[]): Reply => ({
  answerId: '0b0c7a9e-5d43-4a0a-9f61-2f7c1c2a3b4d',
  lang: 'ja',
  kind: 'answer',
  question: '質問',
  text,
  sources,
  office: { id: 'hr', name: 'テスト省 人事の窓口', shortName: '人事の窓口' } as Reply['office'],
  escalate: true,
  confidence: 0.5,
  actions: [
    { kind: 'resolved', label: '解決しました', value: '0b0c7a9e-5d43-4a0a-9f61-2f7c1c2a3b4d' },
    { kind: 'escalate', label: '担当窓口に問い合わせる', value: '0b0c7a9e-5d43-4a0a-9f61-2f7c1c2a3b4d' },
  ],
});

describe('renderReply', () => {
  test('numbered sources with dates, pages and links, and the office', () => {
    const c = renderReply(reply('テレワークの導入率は5割です[1]。', [source(1), source(2, { url: 'javascript:alert(1)' })]));
    expect(c.type).toBe('text');
    if (c.type !== 'text') return;
    expect(c.text).toBe(
      'テレワークの導入率は5割です[1]。\n\n出典\n[1] 資料1 第1章 (令和5年12月27日, 1ページ)\nhttps://example.invalid/doc-1.pdf\n[2] 資料2 第2章 (令和5年12月27日, 2ページ)\n\n担当窓口: テスト省 人事の窓口',
    );
  });

  test('a long answer with many sources stays within 2,000 characters and keeps the sources', () => {
    const sources = Array.from({ length: 8 }, (_, i) => source(i + 1, { title: '長いタイトル'.repeat(10) }));
    const c = renderReply(reply('とても長い回答です。'.repeat(400), sources));
    if (c.type !== 'text') throw new Error('text expected');
    expect(c.text.length).toBeLessThanOrEqual(LIMITS.text);
    expect(c.text).toContain('[1] 長いタイトル');
    expect(c.text).toContain('…');
    for (const item of c.quickReply!.items) expect(item.action.label.length).toBeLessThanOrEqual(LIMITS.actionLabel);
  });
});

describe('renderConfirm', () => {
  test('a short question is quoted inside the button template', () => {
    const [only, ...rest] = renderConfirm({ question: '端末の暗号化について', officeName: 'セキュリティの窓口' }, 'a1', 'ja');
    expect(rest).toEqual([]);
    expect(only!.type).toBe('button_template');
    if (only!.type === 'button_template') expect(only!.contentText).toContain('> 端末の暗号化について');
  });

  test('a question too long for the template goes whole in a text message before the buttons', () => {
    const question = 'あ'.repeat(1500);
    const contents = renderConfirm({ question, officeName: 'セキュリティの窓口' }, 'a1', 'ja');
    expect(contents.map((c) => c.type)).toEqual(['text', 'button_template']);
    if (contents[0]!.type === 'text') expect(contents[0]!.text).toBe(`> ${question}`);
    if (contents[1]!.type === 'button_template') expect(contents[1]!.contentText.length).toBeLessThanOrEqual(LIMITS.buttonContentText);
  });
});

describe('text safety and splitting', () => {
  test('no mention markup survives, even when pieces would join into one', () => {
    for (const t of ['<m <m userId="x">userId="all"> こんにちは', '<m userId="all">', 'a<m\tuserId="all"/>b', '<M USERID="all">']) expect(safeText(t)).not.toMatch(/<m\s/i);
    expect(safeText('<m userId="all"> こんにちは')).toBe(' こんにちは');
    expect(safeText('@All と @channel')).toBe('@\u200bAll と @\u200bchannel');
  });

  test('long texts are cut into messages within the limit, at line or sentence ends, losing nothing', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${i}番目の段落です。${'説明'.repeat(30)}`).join('\n');
    const parts = splitForMessages(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(LIMITS.text);
    expect(parts.join('\n')).toBe(text);
    const emoji = '😀'.repeat(1500);
    const cut = splitForMessages(emoji);
    expect(cut.join('')).toBe(emoji);
    for (const p of cut) expect(p.length).toBeLessThanOrEqual(LIMITS.text);
  });

  test('postback data round-trips and anything else is not ours', () => {
    const data = encodePostback({ action: 'ticket-send', answerId: '0b0c7a9e-5d43-4a0a-9f61-2f7c1c2a3b4d', lang: 'en' });
    expect(data.length).toBeLessThanOrEqual(300);
    expect(decodePostback(data)).toEqual({ action: 'ticket-send', answerId: '0b0c7a9e-5d43-4a0a-9f61-2f7c1c2a3b4d', lang: 'en' });
    for (const other of ['action=buy', 'tw1|delete|x|ja', 'tw1|resolved|../x|ja', 'tw1|resolved|x|fr', undefined]) expect(decodePostback(other)).toBeNull();
  });
});
