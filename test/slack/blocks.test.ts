import { describe, expect, test } from 'vitest';
import { ACTION_IDS, escapeMrkdwn, renderNotice, renderReply, sanitizePayload, sourceLine } from '../../adapters/slack/blocks.js';
import { normalizeApiUrl } from '../../adapters/slack/app.js';
import { SLACK_LIMITS, sentences, splitText } from '../../adapters/slack/split.js';
import { signSlackRequest } from '../support/slack-sign.js';
import type { SourceRef } from '../../src/core/answer.js';
import type { Reply } from '../../src/core/reply.js';

const source = (n: number, over: Partial<SourceRef> = {}): SourceRef => ({
  n,
  documentId: `doc-${n}`,
  title: `資料${n}`,
  section: `節${n}`,
  url: `https://example.invalid/doc${n}.pdf`,
  issued: '2024-04-01',
  issuedWareki: '令和6年4月1日',
  page: null,
  ...over,
});

function reply(over: Partial<Reply> = {}): Reply {
  const answerId = 'ans-1';
  return {
    answerId,
    lang: 'ja',
    kind: 'answer',
    question: '質問',
    text: '回答です。[1]',
    sources: [source(1)],
    office: { id: 'hr', name: '人事の窓口', shortName: '人事', email: null, phone: null, handles: [] },
    escalate: false,
    confidence: 0.9,
    actions: [
      { kind: 'resolved', label: '解決しました', value: answerId },
      { kind: 'escalate', label: '担当窓口に問い合わせる', value: answerId },
      { kind: 'feedback-helpful', label: '役に立った', value: answerId },
      { kind: 'feedback-unhelpful', label: '役に立たなかった', value: answerId },
    ],
    ...over,
  };
}

describe('splitText', () => {
  test('keeps short text whole', () => {
    expect(splitText('一文目です。二文目です。', 100)).toEqual(['一文目です。二文目です。']);
  });

  test('cuts between sentences, never inside one that fits', () => {
    const s = 'あ'.repeat(9) + '。';
    const text = s.repeat(7); // 70 chars, 10 per sentence
    const pieces = splitText(text, 25);
    expect(pieces).toEqual([s + s, s + s, s + s, s]);
    expect(pieces.join('')).toBe(text);
  });

  test('treats line breaks and Latin punctuation as boundaries', () => {
    expect(sentences('A? B! 行1\n行2。')).toEqual(['A?', ' B!', ' 行1\n', '行2。']);
    expect(splitText('first line\nsecond line', 12)).toEqual(['first line', 'second line']);
  });

  test('hard-splits a single overlong sentence by code points without breaking surrogate pairs', () => {
    const text = '𠮷'.repeat(10); // each is 2 UTF-16 units
    const pieces = splitText(text, 5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(pieces.join('')).toBe(text);
  });

  test('measures with the given function (escaped length)', () => {
    const pieces = splitText('&&&&。&&&&。', 25, (s) => escapeMrkdwn(s).length);
    for (const p of pieces) expect(escapeMrkdwn(p).length).toBeLessThanOrEqual(25);
    expect(pieces).toHaveLength(2);
  });
});

describe('renderReply', () => {
  test('renders answer, sources, buttons and a plain fallback', () => {
    const [m, ...rest] = renderReply(reply());
    expect(rest).toHaveLength(0);
    expect(m!.text).toBe('回答です。[1]');
    expect(m!.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '回答です。[1]' } });
    expect(m!.blocks[1]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '*出典*' },
        { type: 'mrkdwn', text: '<https://example.invalid/doc1.pdf|[1] 資料1 節1 (令和6年4月1日)>' },
      ],
    });
    const actions = m!.blocks.at(-1) as any;
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e: any) => [e.action_id, e.text.text, e.value])).toEqual([
      [ACTION_IDS.resolved, '解決しました', 'ans-1'],
      [ACTION_IDS.escalate, '担当窓口に問い合わせる', 'ans-1'],
      [ACTION_IDS['feedback-helpful'], '役に立った', 'ans-1'],
      [ACTION_IDS['feedback-unhelpful'], '役に立たなかった', 'ans-1'],
    ]);
  });

  test('escapes Slack control characters in text and source labels', () => {
    const [m] = renderReply(reply({ text: 'A & B <@U1> <https://evil|x> 1 > 0', sources: [source(1, { title: 'T<>&|', url: 'javascript:alert(1)' })] }));
    const section = (m!.blocks[0] as any).text.text as string;
    expect(section).toBe('A &amp; B &lt;@U1&gt; &lt;https://evil|x&gt; 1 &gt; 0');
    const label = (m!.blocks[1] as any).elements[1].text as string;
    expect(label).toBe('[1] T&lt;&gt;&amp;| 節1 (令和6年4月1日)'); // no link for a non-http URL
  });

  test('shows page numbers, undated and unlinked sources', () => {
    expect(sourceLine(source(2, { url: null, issued: null, issuedWareki: null, section: null, page: 12 }), 'ja')).toBe('[2] 資料2 (12ページ)');
    expect(sourceLine(source(3, { url: 'https://example.invalid/a?x=1&y=2' }), 'ja')).toBe(
      '<https://example.invalid/a?x=1&amp;y=2|[3] 資料3 節3 (令和6年4月1日)>',
    );
  });

  test('adds the office line when the bot proposes escalation, and the question and share button on request', () => {
    const [m] = renderReply(reply({ escalate: true }), { echoQuestion: true, shareButton: true });
    const texts = JSON.stringify(m!.blocks);
    expect((m!.blocks[0] as any).elements[0].text).toBe('*質問:* 質問');
    expect(texts).toContain('担当窓口: 人事の窓口');
    const actions = m!.blocks.at(-1) as any;
    expect(actions.elements.at(-1)).toMatchObject({ action_id: 'tw_share', text: { text: 'チャンネルに投稿' }, value: 'ans-1' });
  });

  test('no buttons for smalltalk and errors (the core gives no actions)', () => {
    const [m] = renderReply(reply({ actions: [], sources: [] }));
    expect(m!.blocks.map((b) => b.type)).toEqual(['section']);
  });

  test('a long answer is split into sections and messages within Slack limits', () => {
    const sentence = `${'テレワークの導入に係る経費には特別交付税措置が講じられます'.repeat(3)}。`;
    const text = sentence.repeat(Math.ceil(200_000 / sentence.length)); // ~200k chars
    const many = Array.from({ length: 23 }, (_, i) => source(i + 1));
    const messages = renderReply(reply({ text, sources: many, escalate: true }));
    expect(messages.length).toBeGreaterThan(1);
    let sectionChars = '';
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      expect(m.text.length).toBeGreaterThan(0);
      for (const b of m.blocks as any[]) {
        if (b.type === 'section') {
          expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          // Cut at sentence ends only.
          expect(b.text.text.endsWith('。')).toBe(true);
          sectionChars += b.text.text;
        }
        if (b.type === 'context') {
          expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
          for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        }
      }
    }
    expect(sectionChars).toBe(text);
    // Sources and buttons come with the last message only.
    const last = messages.at(-1)!;
    expect(last.blocks.at(-1)!.type).toBe('actions');
    expect(messages.slice(0, -1).some((m) => m.blocks.some((b) => b.type === 'actions'))).toBe(false);
    const sourceCount = messages.flatMap((m) => m.blocks).filter((b: any) => b.type === 'context').flatMap((b: any) => b.elements).length;
    expect(sourceCount).toBe(1 + 23 + 1); // label + sources + office line
  });
});

describe('safety of outgoing text', () => {
  test('renderNotice and sanitizePayload defuse every broadcast mention', () => {
    const notice = renderNotice('<!channel> お知らせ @here @everyone <!subteam^S1|@g>');
    const payload = sanitizePayload({ channel: 'C1', text: '<!here> @channel', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '<!everyone>' } }], n: 1, ok: true, nothing: null });
    const all = JSON.stringify([notice, payload]);
    for (const forbidden of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '@here', '@everyone', '@channel']) expect(all).not.toContain(forbidden);
    expect(payload.n).toBe(1);
    expect(payload.ok).toBe(true);
    expect(payload.nothing).toBeNull();
  });
});

describe('helpers', () => {
  test('SLACK_API_URL is normalised to end with a slash', () => {
    expect(normalizeApiUrl('http://127.0.0.1:9/api')).toBe('http://127.0.0.1:9/api/');
    expect(normalizeApiUrl('http://127.0.0.1:9/api/')).toBe('http://127.0.0.1:9/api/');
    expect(normalizeApiUrl(undefined)).toBeUndefined();
  });

  test('signSlackRequest produces Slack v0 signatures', () => {
    // Reference computed with openssl: printf 'v0:1:{}' | openssl dgst -sha256 -hmac secret
    const h = signSlackRequest('secret', '{}', 1);
    expect(h['x-slack-request-timestamp']).toBe('1');
    expect(h['x-slack-signature']).toBe('v0=72947d217adec3a1867ba95783f65b308b2419ed224a5751b0b81e0b9a8c6851');
    expect(signSlackRequest('secret', '{}', 1)).toEqual(h);
    expect(signSlackRequest('secret', '{ }', 1)['x-slack-signature']).not.toBe(h['x-slack-signature']);
  });
});
