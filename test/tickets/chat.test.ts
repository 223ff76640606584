import { describe, expect, it } from 'vitest';
import { answerFromChat, isStatusQuery, parseAnswerCommand } from '../../src/tickets/chat.js';
import type { TicketService } from '../../src/tickets/service.js';
import { redactForTicket } from '../../src/tickets/redaction.js';
import { fixtureBot } from './harness.js';

describe('chat helpers for tickets', () => {
  it('recognises 「問い合わせ状況」 and its variants, and nothing else', () => {
    for (const t of ['問い合わせ状況', '問合せ状況', 'お問い合わせ状況', '問い合わせの状況?', ' 問い合わせ状況。', 'tickets', 'my tickets', 'ticket status']) expect(isStatusQuery(t), t).toBe(true);
    for (const t of ['問い合わせ状況の調査結果を教えて', 'テレワークの導入状況', 'status of telework adoption', '']) expect(isStatusQuery(t), t).toBe(false);
  });

  it('parses the office reply command, and leaves ordinary questions alone', () => {
    expect(parseAnswerCommand('answer TW-2026-000123 規程例をご確認ください。')).toEqual({ id: 'TW-2026-000123', answer: '規程例をご確認ください。' });
    expect(parseAnswerCommand('ANSWER TW-2026-000123   二行目も\n含みます')).toEqual({ id: 'TW-2026-000123', answer: '二行目も\n含みます' });
    expect(parseAnswerCommand('answer TW-2026-000123')).toEqual({ error: 'usage' });
    expect(parseAnswerCommand('answer TW-26-1 本文')).toEqual({ error: 'usage' });
    expect(parseAnswerCommand('answer the question about VPN')).toBeNull();
    expect(parseAnswerCommand('特別交付税の措置率は?')).toBeNull();
  });

  it("redacts personal data but keeps the offices' published contacts", async () => {
    const r = redactForTicket('窓口 03-0000-2222 / sec@example.invalid へ。山田太郎さん 090-1234-5678 taro@example.jp 1234-5678-9012', (await fixtureBot()).offices);
    expect(r.text).toBe('窓口 03-0000-2222 / sec@example.invalid へ。[氏名削除]さん [電話番号削除] [メールアドレス削除] [個人番号削除]');
    expect(r.kinds.sort()).toEqual(['email', 'my-number', 'name', 'phone']);
  });

  it('refuses an answer from outside the office channel before looking the ticket up (no probing of ids)', async () => {
    const looked: string[] = [];
    const service = {
      officeIds: () => ['hr', 'security'],
      officeConversation: (route: string, platform: string) => (platform === 'slack' && route === 'hr' ? 'C-HR' : null),
      get: async (id: string) => {
        looked.push(id);
        return id === 'TW-2026-000001' ? { id, route: 'security' } : null;
      },
      answer: async () => ({ id: 'TW-2026-000001' }),
    } as unknown as TicketService;
    const from = (channelId: string) => ({ platform: 'slack' as const, channelId, userId: 'U1' });
    await expect(answerFromChat(service, { id: 'TW-2026-999999', answer: 'x' }, from('C-OTHER'))).rejects.toMatchObject({ status: 403 });
    expect(looked).toEqual([]);
    await expect(answerFromChat(service, { id: 'TW-2026-999999', answer: 'x' }, from('C-HR'))).rejects.toMatchObject({ status: 404 });
    // hr's channel cannot answer a security ticket.
    await expect(answerFromChat(service, { id: 'TW-2026-000001', answer: 'x' }, from('C-HR'))).rejects.toMatchObject({ status: 403 });
  });
});
