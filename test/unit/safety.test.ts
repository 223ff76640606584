import { describe, expect, it } from 'vitest';
import { hasBroadcastMention, neutralizeBroadcastMentions, stripUserMentions } from '../../src/safety/mentions.js';
import { combinesWithPrevious, isPlainForDetection, normalizeCluster } from '../../src/safety/normalize.js';
import { containsPersonalData, redactPersonalData } from '../../src/safety/redact.js';

describe('personal data redaction', () => {
  it('removes mobile, landline and full-width phone numbers', () => {
    for (const phone of ['090-1234-5678', '09012345678', '03-1234-5678', '０９０－１２３４－５６７８', '(03) 1234-5678']) {
      const r = redactPersonalData(`連絡は${phone}まで`);
      expect(r.text, phone).not.toMatch(/\d{4}/);
      expect(r.kinds).toContain('phone');
    }
  });
  it('removes a 12-digit My Number with or without separators', () => {
    for (const n of ['123456789012', '1234 5678 9012', '1234-5678-9012']) {
      const r = redactPersonalData(`個人番号は${n}です`);
      expect(r.text).toBe('個人番号は[個人番号削除]です');
      expect(r.kinds).toEqual(['my-number']);
    }
  });
  it('removes e-mail addresses, including full-width @', () => {
    expect(redactPersonalData('taro.yamada@example.lg.jp に送って').text).toBe('[メールアドレス削除] に送って');
    expect(redactPersonalData('taro＠example.jp').kinds).toEqual(['email']);
  });
  it('removes names followed by an honorific, but not common nouns', () => {
    const r = redactPersonalData('山田さんと担当者様と皆さんへ');
    expect(r.text).toBe('[氏名削除]さんと担当者様と皆さんへ');
  });
  it('keeps roles and organisations addressed with さん (業者さん, 首長さん), which are often the topic', () => {
    expect(redactPersonalData('いま使ってるシステムの業者さんに相談するのってアリ?').kinds).toEqual([]);
    expect(redactPersonalData('首長さんと市民さんにも説明したい').kinds).toEqual([]);
    expect(redactPersonalData('鈴木さんと業者さん').text).toBe('[氏名削除]さんと業者さん');
  });
  it('keeps allowed published contacts and figures that are not personal data', () => {
    const r = redactPersonalData('電話 03-5253-5546 の導入率は61.6%、1,102団体', new Set(['03-5253-5546']));
    expect(r.text).toBe('電話 03-5253-5546 の導入率は61.6%、1,102団体');
    expect(containsPersonalData('令和5年10月1日現在')).toBe(false);
  });
});

describe('normalisation for detection', () => {
  it('leaves the characters it skips exactly as the full per-character path would', () => {
    let plain = 0;
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      if (!isPlainForDetection(c)) continue;
      plain++;
      expect(normalizeCluster(c), c).toBe(c);
      expect(combinesWithPrevious(c), c).toBe(false);
    }
    // ASCII, kana and the CJK block: most of every message.
    expect(plain).toBeGreaterThan(20_000);
  });
});

describe('broadcast mentions', () => {
  it('removes Slack special mentions and defuses plain ones', () => {
    const out = neutralizeBroadcastMentions('<!channel> <!here|here> <!everyone> <!subteam^S123|hr> @everyone @here 質問');
    expect(out).not.toMatch(/<!|@everyone|@here/);
    expect(hasBroadcastMention(out)).toBe(false);
    expect(hasBroadcastMention('hi @channel')).toBe(true);
  });
  it('removes mentions that removing another one would assemble (<!<!here>here>)', () => {
    const out = neutralizeBroadcastMentions('<!<!here>here> と <!ch<!channel>annel> と <!<!<!everyone>everyone>everyone>');
    expect(hasBroadcastMention(out)).toBe(false);
    expect(out).not.toContain('<!');
  });
  it('strips user mentions addressed to the bot', () => {
    expect(stripUserMentions('<@U123ABC> 措置率は?').trim()).toBe('措置率は?');
    expect(stripUserMentions('<at>Telework Bot</at> 措置率は?').trim()).toBe('措置率は?');
  });
  it('takes a time before a title for a time, not a name', () => {
    expect(redactPersonalData('今朝課長に電話しました').text).toBe('今朝課長に電話しました');
    expect(redactPersonalData('昨日部長から言われました').text).toBe('昨日部長から言われました');
    expect(redactPersonalData('佐藤課長に電話しました').text).not.toContain('佐藤');
  });
});
