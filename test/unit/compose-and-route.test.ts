import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeExtractive } from '../../src/answer/extractive-composer.js';
import { splitSentences } from '../../src/text/sentences.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { detectIntents } from '../../src/routing/intents.js';
import { OfficeRouter } from '../../src/routing/router.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));

describe('extractive composition', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create({ baseKnowledgeDir: MINI });
  });

  it('splits Japanese sentences at 。 and line breaks', () => {
    expect(splitSentences('一つ目です。二つ目です！\n・項目\n')).toEqual(['一つ目です。', '二つ目です！', '・項目']);
  });

  it('picks the sentence that answers, verbatim from the knowledge', () => {
    const analysis = bot.index.analyze('措置率はいくつ?');
    const c = composeExtractive(analysis, bot.index.search(analysis, 5));
    expect(c.parts[0]!.chunk.documentId).toBe('mini-support');
    expect(c.parts[0]!.sentences).toEqual(['テレワークの導入に係る経費には、令和6年度も特別交付税措置(措置率0.5)が講じられます。']);
    const knowledgeText = bot.index.chunks.map((ch) => ch.text).join('\n');
    for (const s of c.parts.flatMap((p) => p.sentences)) expect(knowledgeText).toContain(s);
    expect(c.support).toBeGreaterThan(0.5);
  });

  it('counts two words of one synonym group as one concept', () => {
    const concepts = bot.index.analyze('補助金って財政支援のこと?').concepts;
    expect(concepts.filter((c) => c.alternatives.includes('財政支援'))).toHaveLength(1);
  });

  it('has no support for a question the knowledge does not cover', () => {
    const analysis = bot.index.analyze('通勤手当の計算方法');
    const c = composeExtractive(analysis, bot.index.search(analysis, 5));
    expect(c.support).toBeLessThan(0.5);
  });

  it('ranks a chunk whose heading matches above one that only mentions the words', () => {
    const hits = bot.index.search(bot.index.analyze('相談窓口'), 3);
    expect(hits[0]!.chunk.section).toBe('相談窓口');
  });
});

describe('office routing', () => {
  let bot: TeleworkBot;
  let router: OfficeRouter;
  beforeAll(async () => {
    bot = await TeleworkBot.create({ baseKnowledgeDir: MINI });
    router = new OfficeRouter(bot.knowledge.contacts);
  });
  const route = (q: string) => router.route(q, detectIntents(q), bot.index.search(bot.index.analyze(q), 5));

  it('routes by the office keywords in the question', () => {
    expect(route('暗号化の方式を知りたい').office).toBe('security');
    expect(route('勤務時間の規程について').office).toBe('hr');
  });
  it('routes incidents to information security whatever else is said', () => {
    expect(route('勤務中に端末を紛失した').office).toBe('security');
  });
  it('falls back to the office of the best passage, then to the default office', () => {
    expect(route('外部から庁内のシステムへアクセスするには').office).toBe('security');
    expect(route('質問があります').office).toBe('hr');
  });
  it('says why it chose the office', () => {
    expect(route('暗号化の方式').reason).toMatch(/暗号化/);
  });
});

describe('office routing on the shipped knowledge', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });
  const route = async (q: string) => (await bot.ask(q)).answer.route;

  it("does not count a keyword inside another office's name (制度 in 住民制度課)", async () => {
    expect(await route('住民制度課のデジ基盤室ってメールでも問い合わせできますか?アドレスは?')).toBe('security');
  });
  it('does not route by a topic the question rules out (セキュリティ以外)', async () => {
    expect(await route('通知の中身について質問メールを送りたいです。セキュリティ以外の件なんですが、宛先アドレスは?')).toBe('hr');
    expect(await route('VPNの件で総務省に電話したい。番号は?全般の方じゃなくて')).toBe('security');
  });
  it('sends the state paying a share, said in everyday words, to HR, and the security guideline to security', async () => {
    expect(await route('端末やVPNのお金、国が一部出してくれるって本当?')).toBe('hr');
    expect(await route('Which item of the policy guideline does the notice name for remote access?')).toBe('security');
  });
  it('sends questions about the J-LIS system and its file sharing to information security', async () => {
    const exception = (await bot.ask('窓口の業務に要るので、自治体テレワークシステムでもファイル共有を例外として有効にできないか国に掛け合いたい')).answer;
    expect(exception).toMatchObject({ route: 'security', escalate: true });
  });
  it('sends a question about the funding to HR however much equipment it names', async () => {
    expect(await route('If we buy laptops and VPN licences for remote work, what fraction does the special grant cover?')).toBe('hr');
    expect(await route('ノートPCとVPN装置とタブレットの購入費に特交は使えますか')).toBe('hr');
  });
  it("sends a figure asked to the office of the figure's document, though another office's word is in it", async () => {
    expect(await route('未導入の団体が挙げた理由で「情報セキュリティの確保に不安」って何％あったの？')).toBe('hr');
    expect(await route('Why do councils not do telework? Was worry about security a big reason, and how big?')).toBe('hr');
    // Asked what to do about it, the security office's.
    expect(await route('セキュリティが不安でテレワークに踏み切れません。どんな対策がありますか')).toBe('security');
  });
  it('reads "guidelines" as a municipality\'s rules unless the security policy guideline is meant', async () => {
    expect(await route("In Eiheiji town's home-working guidelines, up to how many days a week may staff telecommute?")).toBe('hr');
    expect(await route('Our infosec team is revising rules: which item of the guidelines does the notice point to for remote use?')).toBe('security');
    expect(await route('Which section of the ministry is the general contact for telework?')).toBe('hr');
  });
  it('matches an English keyword as a whole word (or its plural), not inside another word', async () => {
    const reason = async (q: string) => (await bot.ask(q)).detail.routeReason;
    expect(await reason('Are prefectures further ahead than municipalities in telecommuting?')).not.toContain('commuting');
    expect(await reason('Does the guidance say anything about commuting allowances?')).toContain('commuting');
    expect(await reason('Can we buy laptops with the special grant?')).toContain('special grant');
  });
  it('sends a personal situation to HR whatever passage its words found', async () => {
    expect(await route('在宅勤務を申請したら課長に「前例がないからダメ」と言われました。納得いかないです')).toBe('hr');
  });
});
