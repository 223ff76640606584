import { describe, expect, it } from 'vitest';
import { eventually, storedUnder, newPrefix, useMailedTicketsServer } from './harness.js';

/**
 * The web chat's 「担当窓口に問い合わせる」: the question is redacted when it is answered, so the
 * ticket sees it redacted already. The ticket, its mail and its audit entry must still say what
 * was removed, and none of it may be stored, mailed, audited or logged.
 */
const prefix = newPrefix();
const live = useMailedTicketsServer(prefix);

const SECRETS = ['０９０\u200b－２４６８－１３５７', '佐々木', '霞が関2-1-2', '1985年4月1日', 'A123456', 'ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ'];
const QUESTION = `総務課の${SECRETS[1]}さん(携帯${SECRETS[0]}、${SECRETS[5]}、東京都千代田区${SECRETS[2]}、生年月日${SECRETS[3]}、職員番号${SECRETS[4]})から、端末の暗号化について団体としての判断を知りたいとのことです。`;
const VISIBLE = ['09024681357', '2468-1357', '佐々木', '霞が関2-1-2', '1985年4月1日', 'A123456', 'yamada', 'ｙａｍａｄａ'];

describe('a ticket made from the web chat button', () => {
  it('says what was removed (redacted kinds), in the ticket, the mail and the audit log, and leaks nothing', async () => {
    const asked = await fetch(`${live.srv.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) });
    const answer = await asked.json();
    expect(answer.question).toContain('[電話番号削除]');
    const before = live.smtp.messages.length;
    const esc = await fetch(`${live.srv.base}/api/escalation-requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId: answer.answerId }) });
    expect(esc.status).toBe(202);
    const { ticketId } = await esc.json();
    const ticket = await (await live.srv.api(`/api/tickets/${ticketId}`)).json();
    expect(ticket.redacted).toEqual(expect.arrayContaining(['phone', 'email', 'name', 'address', 'birth-date', 'id-number']));
    await live.smtp.waitFor(before + 1);
    const mail = live.smtp.messages.at(-1)!;
    expect(mail.text).toContain('送付前に次の個人情報を削除しました');
    expect(mail.text).toMatch(/電話番号.*氏名/s);
    expect(mail.text).not.toContain('個人情報は含まれていませんでした');
    const audit = await eventually(async () => {
      const a = await (await live.srv.api(`/api/tickets/audit?ticket=${ticketId}`)).json();
      return a.entries.length > 0 ? a : undefined;
    });
    expect(JSON.stringify(audit.entries[0].details.redacted)).toContain('phone');

    const places = { store: await storedUnder(prefix), mail: live.smtp.messages.map((m) => `${m.subject}\n${m.text}\n${m.raw}`).join('\n'), audit: JSON.stringify(audit), logs: live.srv.logs.join(''), answer: JSON.stringify(answer) };
    for (const [where, text] of Object.entries(places)) {
      const visible = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
      for (const s of VISIBLE) expect(visible.includes(s), `${s} found in ${where}`).toBe(false);
    }
  });
});
