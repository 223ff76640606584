import { describe, expect, it } from 'vitest';
import { focusOnQuestion } from '../../src/text/focus.js';

describe('focusing a long message on its question', () => {
  it('keeps short questions whole', () => {
    expect(focusOnQuestion('特別交付税の措置率は?')).toBe('特別交付税の措置率は?');
  });
  it('takes what follows an explicit 「本題ですが」, whatever the length', () => {
    expect(focusOnQuestion('昨日は雨で大変でした。それで本題なのですが、テレワークの対象は部署単位で決めるべきですか')).toBe('テレワークの対象は部署単位で決めるべきですか');
  });
  it('drops greetings, background and closings from a long message', () => {
    const q =
      'お疲れさまです。来年度の予算要求の関係で課長からいろいろ聞かれてて、財政課とも調整中です。議会答弁にも使うかもしれません。市区町村のテレワーク導入団体数は前年より増えましたか?どうぞよろしくお願いいたします。';
    expect(focusOnQuestion(q)).toBe('市区町村のテレワーク導入団体数は前年より増えましたか?');
  });
  it('keeps a long message whole when no sentence asks anything', () => {
    const q = 'テレワークの導入にあたり庁内で検討会を立ち上げました。情報政策課と人事課と財政課が参加しています。来月には方針を取りまとめる予定です。';
    expect(focusOnQuestion(q)).toBe(q);
  });
});
