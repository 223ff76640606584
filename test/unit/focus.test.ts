import { describe, expect, it } from 'vitest';
import { askingSentences, focusOnQuestion } from '../../src/text/focus.js';

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
  it('searches a long English message by its asking sentences', () => {
    const q =
      'Hello, I work in the IT division of a city in Kyushu. Our mayor asked me whether the national government still helps with the cost of remote-access equipment in FY2024, and at what rate. Could you give me a short summary I can forward to him?';
    expect(focusOnQuestion(q)).toBe(
      'Our mayor asked me whether the national government still helps with the cost of remote-access equipment in FY2024, and at what rate. Could you give me a short summary I can forward to him?',
    );
  });
  it('keeps what came before a short or referring English question', () => {
    const q = 'Tokushima Prefecture published a telework manual for its municipalities a while ago. When was that?';
    expect(focusOnQuestion(q)).toBe(q);
    const ours = 'Good morning! Our village employs around 60 admin staff in total. How does telework uptake look for villages that small?';
    expect(focusOnQuestion(ours)).toBe('Our village employs around 60 admin staff in total. How does telework uptake look for villages that small?');
  });
  it('does not end an English sentence at No. 31, Dec. 27 or 0.5', () => {
    const q = 'We have notice No. 31 of Dec. 27, 2023 on file and the rate of 0.5 noted in our memo. What does the December notice ask prefectures to do about municipal telework?';
    expect(focusOnQuestion(q)).toBe('What does the December notice ask prefectures to do about municipal telework?');
  });
});

describe('a short message with its reason after the question', () => {
  it('is searched by the question', () => {
    expect(focusOnQuestion('支援策を全部教えてもらえますか?資料に載せたいので。')).toBe('支援策を全部教えてもらえますか?');
  });
  it('keeps a sentence after the question that is not a reason', () => {
    expect(focusOnQuestion('支援策は?手引きのことです。')).toBe('支援策は?手引きのことです。');
  });
});

describe('a question narrowed to one point (それだけ教えて)', () => {
  it('is searched by the clause before it, with the noun after その', () => {
    expect(focusOnQuestion('係で話題になってまして、事情はいろいろあるんですが、手引きはいつ出たのか、それだけ教えてください')).toBe('手引きはいつ出たのか');
    expect(focusOnQuestion('部長が気にしてるんですけど、要は事例集が対象にしている団体の規模、その数字だけ分かれば十分です')).toBe('事例集が対象にしている団体の規模 数字');
  });
});

describe('an English request in the imperative', () => {
  it('asks, like a question', () => {
    const q = 'Our finance team keeps asking about money for remote-work equipment, and the budget meeting is next week. Give me the special grant rate for laptops and VPN equipment bought for remote work.';
    expect(focusOnQuestion(q)).toBe('Give me the special grant rate for laptops and VPN equipment bought for remote work.');
  });
});

describe('a wish stated politely (…したいです)', () => {
  it('asks, like a question', () => {
    const q = 'お疲れさまです。先月から人事課に異動してきて、まだ右も左も分かりません。前の部署は道路の維持管理で、庁内の制度にはまったく詳しくないんです。テレワークの規程を作りたいです。参考になる他団体の例はありますか';
    expect(focusOnQuestion(q)).toBe('テレワークの規程を作りたいです。 参考になる他団体の例はありますか');
  });
});

describe('a question ending in でしょう or かな', () => {
  it('asks, like one with a question mark', () => {
    const q = '育休から戻ったばかりで、しばらく制度の話から離れていました。職場の様子もだいぶ変わっていて戸惑っています。一般論として、国の在宅勤務等手当はどんな人が対象なんでしょう';
    expect(focusOnQuestion(q)).toBe('一般論として、国の在宅勤務等手当はどんな人が対象なんでしょう');
    expect(askingSentences('前の部署では窓口業務ばかりで、テレワークとは縁がありませんでした。小さな町でも導入している例はあるのかな')).toBe(
      '小さな町でも導入している例はあるのかな',
    );
  });
});

describe('a Japanese question that points back (それって…)', () => {
  it('keeps the sentence before it, which names its subject', () => {
    const q = '4月に異動してきたばかりで、右も左も分からない状態です。前任者から「総務省の手引きは必ず読んでおくように」と言われました。それっていつ出たもので、どこで読めるんでしょう';
    expect(focusOnQuestion(q)).toBe('前任者から「総務省の手引きは必ず読んでおくように」と言われました。 それっていつ出たもので、どこで読めるんでしょう');
  });
});
