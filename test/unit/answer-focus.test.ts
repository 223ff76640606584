import { beforeAll, describe, expect, it } from 'vitest';
import { headCountOf, rangeFit, rangesOf, valuesOf } from '../../src/answer/figures.js';
import { TeleworkBot } from '../../src/core/bot.js';
import type { KnowledgeChunk } from '../../src/knowledge/model.js';
import { nearDuplicateFamilies } from '../../src/retrieval/near-duplicates.js';
import { answersQuestion, PASSAGE_SUPPORT, SPREAD_SENTENCE_SUPPORT } from '../../src/answer/support.js';

describe('figures and ranges', () => {
  it('reads head-count ranges once each', () => {
    expect(rangesOf('101名以上300名以下の団体は61.9%、100名以下の団体は34.2%')).toEqual([
      { min: 101, max: 300 },
      { min: 0, max: 100 },
    ]);
    expect(rangesOf('50人未満')).toEqual([{ min: 0, max: 49 }]);
    expect(rangesOf('bodies with 100 or fewer staff')).toEqual([{ min: 0, max: 100 }]);
  });

  it('takes a head count from the question, not a range it asks about', () => {
    expect(headCountOf('職員80人くらいの村')).toBe(80);
    expect(headCountOf('about 250 staff')).toBe(250);
    expect(headCountOf('101名以上300名以下の団体の導入率')).toBeNull();
    expect(rangeFit(80, rangesOf('100名以下'))).toBe(1);
    expect(rangeFit(80, rangesOf('101名以上300名以下'))).toBe(-1);
    expect(rangeFit(80, [])).toBe(0);
    // The narrowest band that holds the count fits best: 100名以下 over 300名以下 for 80 staff.
    expect(rangeFit(80, rangesOf('300名以下'))).toBeLessThan(rangeFit(80, rangesOf('100名以下')));
    expect(rangeFit(250, rangesOf('300名以下'))).toBeLessThan(rangeFit(250, rangesOf('101名以上300名以下')));
    expect(rangeFit(250, rangesOf('101名以上300名以下'))).toBeGreaterThan(0);
  });

  it('normalises stated values', () => {
    expect(valuesOf('1,102団体(61.6％)、措置率0.5、令和5年10月1日')).toEqual(['1102団体', '61.6%', '0.5']);
    // Addresses are values too: a sentence giving the same address again adds nothing.
    expect(valuesOf('メール:lg-security@soumu.go.jp、電話:03-5253-5364(直通)')).toEqual(['lg-security@soumu.go.jp', '03-5253-5364']);
  });
});

describe('near-duplicate families', () => {
  const chunk = (id: string, section: string, text: string): KnowledgeChunk =>
    ({ documentId: id, title: id, section, sectionPath: [section], text, tags: [], url: null, office: null, kind: 'notice' }) as unknown as KnowledgeChunk;

  it('puts yearly versions of one section in one family and keeps other sections apart', () => {
    const text = (y: number, n: number) => `令和${y}年10月1日現在、テレワークを導入している団体は${n}団体で、前年から増加しました。都道府県と指定都市は全団体が導入しています。`;
    const families = nearDuplicateFamilies([
      chunk('a', '令和5年の導入状況', text(5, 1102)),
      chunk('b', '令和6年の導入状況', text(6, 1180)),
      chunk('c', '令和6年の導入状況', '特別交付税措置の措置率は0.5で、対象経費はICT機器導入に係る費用などです。'),
      chunk('d', '支援策', text(5, 1102)),
    ]);
    expect(families[1]).toBe(families[0]);
    expect(families[2]).not.toBe(families[0]);
    expect(families[3]).not.toBe(families[0]);
  });
});

describe('answers on the shipped knowledge', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('matches a head count to the range that holds it and states no value twice', async () => {
    const { answer } = await bot.ask('職員が90人ほどの町では、テレワークの導入率はどのくらい?');
    expect(answer.answer).toContain('34.2');
    const values = answer.answer.match(/\d+\.\d+%/g) ?? [];
    expect(new Set(values).size).toBe(values.length);
  });

  it('gives the kind of answer asked for: since when, who qualifies, how much', async () => {
    expect((await bot.ask('国家公務員の在宅勤務等手当はいつから施行されていますか')).answer.answer).toContain('令和6年4月1日');
    expect((await bot.ask('国家公務員の在宅勤務等手当はどんな職員がもらえるの?')).answer.answer).toContain('10日');
    expect((await bot.ask('国家公務員の在宅勤務等手当って月にどれくらいの額?')).answer.answer).toContain('3,000円');
    expect((await bot.ask('庁内端末を自宅から操作できるJ-LISの仕組みは、どのくらいの団体が使っていますか')).answer.answer).toContain('1,007団体');
  });

  it('answers each kind asked (費用は?) with a sentence that gives it, and reads a menu asked for whole as a list', async () => {
    const cost = await bot.ask('相談センターは企業向けだと思っていました。役所でも使えますか？費用は？');
    expect(cost.answer.answer).toContain('地方公共団体を含む');
    expect(cost.answer.answer).toContain('無料');
    const menu = await bot.ask('総務省の支援メニューを一通り教えてください');
    for (const item of ['手引き', '事例集', '特別交付税', 'J-LIS']) expect(menu.answer.answer).toContain(item);
  });

  it('answers when it came out and each kind asked, however much else the message says', async () => {
    const issued = await bot.ask('課の研修で総務省の手引きを取り上げます。配布資料に載せたいので、発行時期は令和何年何月でしたか');
    expect(issued.answer).toMatchObject({ escalate: false });
    expect(issued.answer.answer).toContain('令和3年4月');
    expect((await bot.ask('事例集が出たのはいつでしたっけ')).answer.answer).toContain('令和5年4月');
    expect((await bot.ask('起案文書に引用するので、令和5年12月のテレワーク通知の文書番号を教えて')).answer.answer).toContain('総行女第31号');
    // A service's web page: its line with the URL, no hand-off.
    const page = await bot.ask('テレワーク相談センターのウェブページのアドレスを職員に案内したい');
    expect(page.answer).toMatchObject({ escalate: false });
    expect(page.answer.answer).toContain('https://telework.mhlw.go.jp/info/map/');
    // Two asks: when it came out, and how many steps.
    expect((await bot.ask('手引きが出たのはいつ?あと導入の手順はいくつに分けてあるの?')).answer.answer).toContain('令和3年4月');
    const both = await bot.ask('国家公務員の在宅勤務等手当は、どんな職員がもらえて月いくら?');
    expect(both.answer.answer).toContain('10日');
    expect(both.answer.answer).toContain('3,000円');
  });

  it('answers why with the reasons the source gives, and where to begin with its first step', async () => {
    const why = (await bot.ask('国が自治体にテレワークを勧めるのはどうしてですか')).answer.answer;
    expect(why).toMatch(/切り札|不可欠|BCP/);
    expect((await bot.ask('テレワークを始めたい町は、まず何をすればいいですか')).answer.answer).toContain('スモールスタート');
  });

  it('answers a concept asked for "too" (措置率もあわせて) with a sentence of its own', async () => {
    const { answer } = await bot.ask('サーバ設置の費用は特別交付税の対象経費に入る?措置率もあわせて教えて');
    expect(answer.answer).toContain('サーバ設置費用');
    expect(answer.answer).toContain('0.5');
  });

  it('answers whether something goes on with what the materials hold and that they hold no more', async () => {
    const { answer } = await bot.ask('テレワーク経費の特交、この先も続きますか');
    expect(answer.answer).toContain('令和6年度');
    expect(answer.answer).toContain('含まれていません');
  });

  it('reads a screen seen by others in any form of the verb (覗かれ) as the privacy-filter topic', async () => {
    expect((await bot.ask('テレワーク中に家族に画面を覗かれないか心配です。要件にある対策は?')).answer.answer).toContain('覗き見防止フィルタ');
  });

  it('answers what counts as telework with its other forms than working from home', async () => {
    for (const q of ['テレワーク＝自宅で仕事、という理解で合ってますか', '窓口業務で家で働くのが難しい職場は、テレワークは無理ですか']) {
      expect((await bot.ask(q)).answer.answer, q).toContain('モバイルワーク');
    }
  });

  it('answers "the latest" with the latest figures, not an earlier year\'s', async () => {
    const { answer } = await bot.ask('Latest survey: how many local governments had telework, and what share?');
    expect(answer.answer).toContain('1,102');
    expect(answer.answer).not.toContain('916');
  });

  it('gives the named year\'s figures and the latest ones when a year is compared with now', async () => {
    const { answer } = await bot.ask('令和3年当時の導入率と、現在の導入率を教えて');
    expect(answer.answer).toContain('916団体');
    expect(answer.answer).toContain('1,102団体');
  });

  it('hands a story told in a telework setting to the office instead of refusing it', async () => {
    const { answer } = await bot.ask('在宅の日に限って主任が夜遅くに何度も電話してきます。もう限界です');
    expect(answer).toMatchObject({ route: 'hr', escalate: true, outOfScope: false });
  });

  it('reads a check of one\'s own understanding (理解で合ってる?) as framing, not as the topic', async () => {
    const q = '国の在宅勤務等手当は、電気代や水道代のためって理解で合ってる?';
    const concepts = bot.retrieve(q).analysis.concepts.map((c) => c.text);
    for (const framing of ['理解', '合']) expect(concepts).not.toContain(framing);
    const { answer } = await bot.ask(q);
    expect(answer).toMatchObject({ escalate: false, outOfScope: false });
    expect(answer.answer).toContain('光熱・水道費');
  });

  it('answers a year asked with that year\'s figures, not another year\'s', async () => {
    const y2023 = (await bot.ask('I am drafting a note for our twin town. The circular lists figures for municipalities alone. What were those in 2023, the number and the percentage?')).answer.answer;
    expect(y2023).toContain('60.1%');
    expect(y2023).not.toMatch(/令和4年10月1日現在\(前年\)の市区町村/);
    const y2022 = (await bot.ask('For a council briefing: the survey reports municipalities separately. What were their numbers in 2022, count and share?')).answer.answer;
    expect(y2022).toContain('62.9%');
    expect(y2022).not.toContain('61.6%');
  });

  it('reads a list from the passage that enumerates it', async () => {
    const { answer } = await bot.ask('総務省の支援策を全部挙げてください');
    for (const item of ['手引き', '事例集', '特別交付税', 'テレワークマネージャー', 'J-LIS']) expect(answer.answer).toContain(item);
  });

  it('reads the list whole, its introduction, every item and its closing line, however the question ranks them', async () => {
    const { answer } = await bot.ask('国がテレワーク導入向けに用意してる支援策、ざっと一覧で見せてもらえますか');
    for (const item of ['次の五つ', '(1)', '(2)', '(3)', '(4)', '(5)', '積極的に取り組む']) expect(answer.answer).toContain(item);
  });

  it('hands an own case to the office: the general rule first, then why', async () => {
    const { answer } = await bot.ask('当市で職員の私物のパソコンをテレワークに使うのは認められますか');
    expect(answer).toMatchObject({ route: 'security', escalate: true, outOfScope: false });
    const lines = answer.answer.split('\n');
    const why = lines.findIndex((l) => l.includes('資料だけではお答えできません'));
    expect(why).toBeGreaterThan(0);
    expect(lines.slice(0, why).join('')).toContain('貸与する端末');
  });

  it('hands an own amount to the office without an unsourced rule', async () => {
    const { answer } = await bot.ask('本町で在宅勤務手当を支給するなら、月額はいくらにすべきでしょうか');
    expect(answer).toMatchObject({ route: 'hr', escalate: true, outOfScope: false });
    expect(answer.answer).toContain('資料だけではお答えできません');
    // No source says a municipality's allowance needs a 条例 (it was removed from the knowledge).
    expect(answer.answer).not.toContain('条例');
  });

  it('keeps the incident flow (own CISO first) for incidents', async () => {
    const { answer } = await bot.ask('在宅勤務中に不審なメールの添付ファイルを開いてしまいました');
    expect(answer).toMatchObject({ route: 'security', escalate: true });
    expect(answer.answer.split('\n')[0]).toContain('CISO');
  });

  it('answers a contact request with the address and does not escalate it', async () => {
    const { answer } = await bot.ask('特別交付税について問い合わせたいので、連絡先を教えてください');
    expect(answer).toMatchObject({ route: 'hr', escalate: false });
    expect(answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
  });

  it('answers a request for the address to write to with the address, whatever the message says of the case', async () => {
    // Asked where to write, the asker will ask the office themselves: no ruling, no hand-off.
    const judged = await bot.ask('覗き見防止フィルムを全台に付けるべきか国に聞きたいので、メールの宛先を教えてください');
    expect(judged.answer).toMatchObject({ route: 'security', escalate: false });
    expect(judged.answer.answer).toContain('lg-security@soumu.go.jp');
    const told = await bot.ask('LGWANの件でデジタル基盤推進室に電話するよう係長に言われました。直通は何番ですか');
    expect(told.answer).toMatchObject({ route: 'security', escalate: false });
    expect(told.answer.answer).toContain('03-5253-5364');
    // An incident keeps its flow, address asked or not.
    const incident = await bot.ask('公用スマホを電車に置き忘れました。どこに連絡すればいいですか');
    expect(incident.answer.escalate).toBe(true);
  });

  it('gives the address of the service the answer is about, every office when it depends, and none ruled out', async () => {
    // Free expert advice is the consultation centre's: asked where to apply, its line is given.
    const advice = await bot.ask('規程づくりを無料で専門家に助言してもらえる制度があると聞きました。申込先の電話番号を教えてください');
    expect(advice.answer.answer).toContain('0120-861009');
    // "Does it depend on the subject?": both offices.
    const both = await bot.ask('テレワークのことで総務省に問い合わせるとき、用件によって連絡先は変わりますか');
    expect(both.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
    expect(both.answer.answer).toContain('lg-security@soumu.go.jp');
    // "Not about security" rules the security office out.
    const notSecurity = await bot.ask('セキュリティとは関係ない件で総務省にメールしたいです。どこ宛てですか');
    expect(notSecurity.answer).toMatchObject({ route: 'hr' });
    expect(notSecurity.answer.answer).not.toContain('lg-security@soumu.go.jp');
  });

  it('gives both offices when both are asked for, one office when both channels are', async () => {
    const offices = await bot.ask('通知の照会先として総務省の二つの室のアドレスを両方載せたいです');
    expect(offices.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
    expect(offices.answer.answer).toContain('lg-security@soumu.go.jp');
    const channels = await bot.ask('勤務時間の扱いで国に照会したいので、メールと電話番号を両方ください');
    expect(channels.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
    expect(channels.answer.answer).not.toContain('lg-security@soumu.go.jp');
    const english = await bot.ask('Please list both contact offices named in the notice.');
    expect(english.answer.answer).toContain('lg-security@soumu.go.jp');
    expect(english.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
  });

  it('answers both addresses when the two contacts are asked for, under the office for telework in general', async () => {
    const ja = await bot.ask('通知の問い合わせ先、二つあったはず。両方のメアドを教えてください');
    expect(ja.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
    expect(ja.answer.answer).toContain('lg-security@soumu.go.jp');
    const en = await bot.ask('Please give both contact offices, general and security, with phone numbers.');
    expect(en.answer.route).toBe('hr');
    expect(en.answer.answer).toContain('03-5253-5364');
    expect(en.answer.answer).toContain('03-5253-5546');
  });

  it('routes the funding for equipment (財政措置, funding) to its office, however many devices are named', async () => {
    const ja = await bot.ask('来年度、職員用のノートPCとVPN機器の予算を要求します。国の財政措置はありますか');
    expect(ja.answer.route).toBe('hr');
    const en = await bot.ask('Is there central-government funding for the laptops, VPN routers and software we would buy?');
    expect(en.answer.route).toBe('hr');
  });

  it('routes by the topic when the asker guesses an office, and by the office when it is simply named', async () => {
    const guessed = await bot.ask('VPN装置の入れ替えでテレワークの経路も見直したい。相談先は公務員課で合ってますか?違うならそのメアドを');
    expect(guessed.answer.route).toBe('security');
    expect(guessed.answer.answer).toContain('lg-security@soumu.go.jp');
    const named = await bot.ask('公務員課のメールアドレスを教えて');
    expect(named.answer.route).toBe('hr');
  });

  it('takes an office name written in parts, or one to "send it to", as the guess; a guess alone still routes', async () => {
    const parts = await bot.ask('回線の更改に合わせてVPNの設定を見直しています。相談先は公務員課の女性活躍・人材活用推進室で合ってますか?');
    expect(parts.answer.route).toBe('security');
    expect(parts.answer.answer).toContain('lg-security@soumu.go.jp');
    const sendTo = await bot.ask('特別交付税の算定の件、デジタル基盤推進室に投げればいいのかな');
    expect(sendTo.answer.route).toBe('hr');
    expect(sendTo.answer.answer).toContain('koumuinka-chosa@soumu.go.jp');
    expect((await bot.ask('デジタル基盤推進室で合ってますか?')).answer.route).toBe('security');
  });

  it("names the office whose own number or address the question quotes, in any width or separators", async () => {
    const phone = await bot.ask('前任者の付箋に ０３（５２５３）５３６４ とだけあります。どこの室の番号ですか');
    expect(phone.answer.route).toBe('security');
    expect(phone.answer.answer).toContain('デジタル基盤推進室');
    expect(phone.answer.answer).not.toContain('03-5253-5546');
    expect((await bot.ask('koumuinka-chosa@soumu.go.jp はどこの課のアドレスですか')).answer.route).toBe('hr');
  });

  it('routes a contact question by its asking clause when the sentence first sets a topic aside', async () => {
    const { answer } = await bot.ask('VPNとファイアウォールの件はベンダーに任せるので置いといて、在宅の日の手当を国に相談するならどこの電話番号?');
    expect(answer.route).toBe('hr');
    expect(answer.answer).toContain('03-5253-5546');
    expect(answer.answer).not.toContain('03-5253-5364');
  });

  it('routes a contact question by the sentence that asks, not by the topic it started from', async () => {
    const { answer } = await bot.ask('特交の対象にVPN機器が入るのは分かりました。では多要素認証の方式そのものの相談はどっちの担当ですか');
    expect(answer.route).toBe('security');
    expect(answer.answer).toContain('lg-security@soumu.go.jp');
  });

  it('reads "how many in all" (全部で何) as a count, not a request for every item; a cap (上限) as the maximum', async () => {
    const steps = await bot.ask('テレワークの手引き、全部で何ステップあるの');
    expect(steps.answer.answer).toContain('10の手順');
    expect(steps.answer.answer).not.toContain('ポイントの二つ目');
    const cap = await bot.ask('テレワークマネージャーに無料で頼める範囲って上限ありますか');
    expect(cap.answer.answer.split('\n')[0]).toMatch(/^[^。]*最大3回/);
  });

  it('does not answer with the figure the asker already gave', async () => {
    // The asker states 3,000円 and asks whether it applies to them: the sentence that answers that is given.
    const { answer } = await bot.ask('国の職員には月3,000円の在宅の手当が出ると聞きました。市町村職員ももらえるのでしょうか');
    expect(answer.answer).toContain('含まれていません');
  });

  it('does not offer the local-government schemes to a company', async () => {
    const { answer } = await bot.ask('弊社でテレワークを導入したいのですが、使える補助金はありますか');
    expect(answer).toMatchObject({ outOfScope: true, route: null, escalate: false });
    expect(answer.answer).toContain('地方公共団体向け');
    expect(answer.answer).not.toContain('0.5');
  });

  it('says a 補助率 question is answered by the 措置率 of 特別交付税', async () => {
    const { answer } = await bot.ask('テレワーク導入の補助率はどれくらいですか');
    expect(answer.answer).toContain('措置率');
    expect(answer.answer).toContain('0.5');
  });

  it('frames an English own case in English and says the sources are Japanese', async () => {
    const { answer } = await bot.ask('Can you check whether our remote access setup is secure?');
    expect(answer).toMatchObject({ escalate: true, route: 'security' });
    expect(answer.answer).not.toMatch(/ご提案します|資料だけでは/);
  });
});

describe('citations', () => {
  it('cites one section of one document once, however many passages it was split into', async () => {
    const { cpSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'kb-split-'));
    try {
      cpSync(fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url)), dir, { recursive: true });
      // A section longer than one passage (600 characters): the chunker splits it at sentence ends.
      const filler = Array.from({ length: 24 }, (_, i) => `規程の例${i + 1}では、在宅勤務の申請手続を所属長が承認することとされています。`).join('\n');
      const body = `## 通信費の扱い\n\n在宅勤務の通信費は、規程の例では職員の負担とされています。\n${filler}\n在宅勤務の通信費について、光熱費と合わせて手当で補う例もあります。\n`;
      writeFileSync(join(dir, 'docs', 'split.md'), `---\nid: split\ntitle: テスト用 規程の例\nissuer: テスト発行者\ndocumentNumber: null\nissued: 2024-01-01\nissuedWareki: 令和6年1月1日\nurl: null\nkind: reference\ntags: []\noffice: hr\n---\n\n${body}`);
      const bot = await TeleworkBot.create({ baseKnowledgeDir: dir });
      expect(bot.index.chunks.filter((c) => c.documentId === 'split').length).toBeGreaterThan(1);
      const { answer } = await bot.ask('在宅勤務の通信費は誰の負担ですか、手当で補う例はありますか');
      const keys = answer.citations.map((c) => `${c.documentId}#${c.section}`);
      expect(keys).toContain('split#通信費の扱い');
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('answers that say a figure once', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it.each([
    '自治体のテレワーク導入状況を全部まとめて教えて',
    'デジタル基盤推進室のメールアドレスと電話番号は?',
    '全般の問い合わせ先のメールアドレスを教えてください',
  ])('states no value and no reference date twice: %s', async (q) => {
    const { answer } = await bot.ask(q);
    const stated = [...valuesOf(answer.answer), ...(answer.answer.match(/(令和|平成)\d+年\d+月\d+日(現在|時点)/g) ?? [])];
    expect(stated.length).toBeGreaterThan(0);
    expect(stated.filter((v, i) => stated.indexOf(v) !== i)).toEqual([]);
  });
});

describe('two years compared', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it.each(['令和3年と令和5年で、テレワーク導入団体の数はそれぞれどうだった?', 'R3とR5で自治体のテレワーク導入がどれだけ増えたか比べたい'])('gives each year its figures: %s', async (q) => {
    const { answer } = await bot.ask(q);
    expect(answer.answer).toContain('916団体');
    expect(answer.answer).toMatch(/1,?102団体/);
  });
});

describe('what the materials do not hold', () => {
  it('keeps "not in these materials" with where to look instead', async () => {
    const { joinReferrals } = await import('../../src/answer/sentences.js');
    expect(joinReferrals(['Aは、このボットの資料には含まれていません。', '所属団体の人事担当課に確認してください。', '次の文です。'])).toEqual([
      'Aは、このボットの資料には含まれていません。所属団体の人事担当課に確認してください。',
      '次の文です。',
    ]);
    expect(joinReferrals(['普通の文です。', '確認してください。'])).toEqual(['普通の文です。', '確認してください。']);
  });
});

describe('a passage that answers in several sentences', () => {
  const part = { chunk: {} as KnowledgeChunk, sentences: ['…'] };

  it('answers when one sentence covers half of the question', () => {
    expect(answersQuestion({ parts: [part], support: 0.5 }, 0.3)).toBe(true);
  });

  it('answers a paraphrase whose words are spread over the passage', () => {
    expect(answersQuestion({ parts: [part], support: 0.25 }, PASSAGE_SUPPORT)).toBe(true);
    expect(answersQuestion({ parts: [part], support: 0.25 }, PASSAGE_SUPPORT - 0.01)).toBe(false);
  });

  it('answers with the figure of the asker\'s size band, however much else the message says', () => {
    expect(answersQuestion({ parts: [part], support: 0.3, bandFigure: true }, 0.3)).toBe(true);
    expect(answersQuestion({ parts: [part], support: 0.3 }, 0.3)).toBe(false);
  });

  it('never answers with sentences that cover almost nothing, nor with none', () => {
    expect(answersQuestion({ parts: [part], support: SPREAD_SENTENCE_SUPPORT - 0.01 }, 1)).toBe(false);
    expect(answersQuestion({ parts: [], support: 1 }, 1)).toBe(false);
  });
});

describe('a date the question asks what came after', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });
  const dateConcept = (q: string) => bot.index.analyze(q).concepts.find((c) => /令和|20\d\d/.test(c.text))!;

  it('is a reference point: a later date answers it, restating it does not', () => {
    for (const q of ['令和5年3月版のあとに改定はありましたか', '令和5年3月の版より新しいものは出ていますか', 'Has it been revised since March 2023?']) {
      const c = dateConcept(q);
      expect(c.reference, q).toBe(true);
      expect(c.answerForm?.test('令和6年10月にも改定され'), q).toBe(true);
      expect(c.answerForm?.test('(令和5年3月版)を参考に'), q).toBe(false);
    }
  });

  it('stays a selector when the question asks about that date', () => {
    const c = dateConcept('令和5年10月1日現在の導入率は?');
    expect(c.reference).toBe(false);
    expect(c.weight).toBeGreaterThan(2);
  });

  it('works the other way for what came before', async () => {
    const r = await bot.ask('令和5年12月の通知より前に出たテレワークの通知の番号は?');
    expect(r.answer.answer).toContain('総行女第37号');
  });

  it('finds the later revision in the answer', async () => {
    const r = await bot.ask('セキュリティポリシーのガイドラインは令和5年3月版のあとに新しい版が出ていますか');
    expect(r.answer.answer).toContain('令和6年10月');
  });
});

describe('a head count in the question', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('is answered by the figure of the narrowest size band that holds it', async () => {
    expect((await bot.ask('職員が90人くらいの村ですが、同じくらいの規模の団体の導入状況はどうですか')).answer.answer).toContain('34.2%');
    expect((await bot.ask('一般行政職員が200名ほどの市です。似た規模の団体の導入状況は?')).answer.answer).toContain('61.9%');
  });

  it('finds the passage of the size band however far down the ranking, in English too', async () => {
    expect((await bot.ask('We are a village with about 70 staff in general administration. How do bodies our size compare?')).answer.answer).toContain('34.2%');
  });
});

describe('a question that asks for a kind of value', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('is answered by the sentence giving that value, and a question in two parts by a sentence each', async () => {
    const a = (await bot.ask('When did the J-LIS demonstration start, and since which year has it been a trial project?')).answer.answer;
    expect(a).toContain('令和2年度');
    expect(a).toContain('令和4年度');
  });
});

describe('lists and names asked for', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('reads every item of an enumeration asked for whole, the items that share no word with the question too', async () => {
    const { answer } = await bot.ask('来週の庁議で国の支援策をまとめてと言われた。資料とかお金とか相談窓口とか、総務省が挙げてるものを項目だけでいいので一通り');
    for (const item of ['支援策の(1)', '支援策の(2)', '支援策の(3)', '支援策の(4)', '支援策の(5)']) expect(answer.answer).toContain(item);
  });

  it("gives a body's full name when it is asked for (正式名称)", async () => {
    const { answer } = await bot.ask('そもそもJ-LISってどういう組織？正式名称もあわせて');
    expect(answer.answer).toContain('地方公共団体情報システム機構');
  });
});

describe('a figure the asker gives and asks the meaning of', () => {
  it('is answered by the sentence that states it', async () => {
    const bot = await TeleworkBot.create();
    const { answer } = await bot.ask('The notice cites a figure of 70.0%. What exactly does that percentage measure?');
    expect(answer.answer).toContain('情報セキュリティの確保に不安がある');
  });
});

describe("an own case whose topic a curated FAQ entry answers", () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('gets the entry as its general rule, cited and routed like the entry, then goes to the office', async () => {
    const { answer, detail } = await bot.ask('うちの町の職員の在宅勤務等手当はいくらにすべきですか?');
    expect(answer.escalate).toBe(true);
    expect(answer.route).toBe('hr');
    expect(answer.answer).toContain('人事担当課');
    expect(answer.citations[0]?.documentId).toBe('allowance-jinji');
    expect(detail.routeReason).toContain('allowance-local');
  });
});
