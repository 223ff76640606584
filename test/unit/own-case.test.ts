import { describe, expect, it } from 'vitest';
import { detectOwnCase, ownStoryAtWork, withoutSignals } from '../../src/routing/own-case.js';

// General forms of own-case questions (who asks × what is asked × personal situations), not eval questions.
describe('own-case classifier', () => {
  it.each([
    ['当課の規程ではどうすべきでしょうか', 'decision'],
    ['わが町は何を優先したほうがいいですか', 'decision'],
    ['本市の場合、この経費は対象になりますか', 'permission'],
    ['うちの課で私物のタブレットを使うのはダメですか', 'permission'],
    ['当村の手当の額はいくらに設定すべきですか', 'amount'],
    ['私たちの作った要綱案を見てもらえますか', 'assessment'],
    ['うちのネットワーク構成で安全でしょうか', 'assessment'],
    ['申請したら所属長に却下されました', 'conflict'],
    ['在宅での勤務中に足を骨折しました', 'injury'],
    ['通勤災害に該当しますか', 'injury'],
    ['うちの場合、休日に作業した分の給与は出ますか', 'pay'],
    ['Can you review our VPN configuration?', 'assessment'],
    ['How much should we pay as an allowance?', 'amount'],
    ['My manager refused my request to work from home.', 'conflict'],
    ['The department head will not approve working from home for our team.', 'conflict'],
    // Own organisation × who decides / an obligation / a permission to pay / an amount to set.
    ['当町の通勤手当の見直しは誰が決めるのですか', 'decision'],
    ['本県も国にならって制度を設けなければならないのでしょうか', 'decision'],
    ['Who decides the allowance for our staff?', 'decision'],
    ['うちの村でも光熱費の補填を支給できますか?', 'permission'],
    ['Can we pay a home-working allowance to our part-time staff?', 'permission'],
    ['We need an official answer on whether our city is permitted to make home working compulsory.', 'permission'],
    ['わが市の通信費の補助はいくらにしたらいいですか', 'amount'],
    // A superior's refusal or instruction in quotes, asking to be permitted, an English refusal in progress.
    ['申請したら課長に「前例がないからダメ」と言われました。納得いかないです', 'conflict'],
    ['上司から在宅の日は1時間ごとに報告を送れと言われてます。人事に言うべき?', 'conflict'],
    ['子どもが小さいので週5日在宅にしたいです。認めてもらえますか?', 'permission'],
    ['私物のノートPCで作業したいので使用許可をいただけますか', 'permission'],
    ['my boss keeps refusing my telework requests', 'conflict'],
    // English with words between the parts: an amount for the asker, a draft to read over, a plan to judge.
    ['How much telework allowance will our town pay me?', 'amount'],
    ['My supervisor keeps turning down my telework requests', 'conflict'],
    ['The section chief turned my application for home working down again', 'conflict'],
    ['Our team translated our telework youkou. Can the ministry look it over and sign off on it?', 'assessment'],
    ["Can you tell me if our town's plan to let staff use private smartphones is acceptable?", 'assessment'],
    // A task the teller takes issue with is a dispute.
    ['課長から在宅の日は30分ごとに作業報告を送れと言われています。これって普通ですか', 'conflict'],
    // Pay missing, said in dialect.
    ['在宅の日に夜まで働いたのに超勤手当がついとらん', 'pay'],
    // Asking for their draft to be reviewed.
    ['在宅勤務の要領案を作りました。不備がないか添削をお願いしたいです', 'assessment'],
    ['We have drafted our telework rules. Could someone review our draft?', 'assessment'],
  ])('%s → %s', (q, kind) => {
    expect(detectOwnCase(q)?.kind).toBe(kind);
  });

  it.each([
    'テレワークの導入率は?',
    'うちの町もテレワークを始めたいのですが、使える支援策はありますか',
    '当市は職員が80人ほどです。同じ規模の団体の導入率は?',
    '国家公務員の在宅勤務等手当はいつからですか',
    'Who should I contact about the allowance?',
    '国家公務員の手当の額は誰が決めるのですか',
    '支給できる経費の範囲は?',
    '職員から「自分のPCを使ってもいいですか」と聞かれました。私物端末の扱いは?',
    // A superior's question or task, relayed: no case of the asker's own.
    '部長から「テレワークは義務なの?」と聞かれました。通知はどういう性格の文書ですか',
    '係長に手引きのダウンロード先を送れと言われました。どこにありますか',
    '課長に事例集を印刷しろと言われました。PDFはどこですか',
    // "Do we have to pay" asks about a fee.
    'Do we have to pay anything to use the LGWAN telework trial?',
    'How much is the allowance for national civil servants?',
  ])('asks for general knowledge: %s', (q) => {
    expect(detectOwnCase(q)).toBeNull();
  });

  it('reads request forms only in the asking part of a long message', () => {
    const message = '私は町の人事担当で、何から手を付けてよいのか分からず困っています。財政支援の措置率を教えてください。';
    expect(detectOwnCase(message, '財政支援の措置率を教えてください。')).toBeNull();
  });

  it('drops the signals so that the topic is searched', () => {
    const q = '当町のノートパソコン代は対象になりますか';
    const own = detectOwnCase(q)!;
    expect(withoutSignals(q, own)).not.toMatch(/当町|なりますか/);
    expect(withoutSignals(q, own)).toContain('ノートパソコン代');
  });
});

describe('own cases described in everyday words', () => {
  const kind = (q: string, asking?: string) => detectOwnCase(q, asking)?.kind ?? null;

  it('an injury by its body part, and 公務災害 asked without a particle', () => {
    expect(kind('在宅勤務中に手首をひねってしまいました')).toBe('injury');
    expect(kind('自宅で作業中に腰を痛めたんですが公務災害いけますか')).toBe('injury');
    expect(kind('骨にヒビが入ったと診断されました')).toBe('injury');
  });

  it('a colleague who leaves their work to the asker, and a superior telling them to do something', () => {
    expect(kind('同僚が在宅の日は連絡がつかなくて、問い合わせが全部こっちに回ってくる')).toBe('conflict');
    expect(kind('係長が在宅中は常にカメラをつけておけって言ってきます')).toBe('conflict');
    expect(kind('My colleague never answers the phone on her telework days.')).toBe('conflict');
    expect(kind('The section chief keeps turning down my requests.')).toBe('conflict');
  });

  it('a check of their own rules asked for without a verb form', () => {
    expect(kind('うちの対策基準がガイドラインに沿っているかチェックお願いします')).toBe('assessment');
    expect(kind('うちの規程、これって許されるんでしょうか')).toBe('permission');
  });

  it('leaves general questions alone', () => {
    expect(kind('徳島県のマニュアルは公務災害も扱っていますか')).toBeNull();
    expect(kind('ガイドラインの6.2には何が書いてありますか')).toBeNull();
  });
  it('leaves questions about what other bodies do, or what a document says, alone', () => {
    expect(kind('徳島県の市町村向けマニュアルって、家で仕事中のケガのことも書いてある?')).toBeNull();
    expect(kind('課長に「週1は出てこい」と言われてて、参考までによその要領で出勤日を決めてる例ってあるのかな', 'よその要領で出勤日を決めてる例ってあるのかな')).toBeNull();
    expect(kind('My boss insists telework = working from home. Does the ministry\'s guidance agree with that?', "Does the ministry's guidance agree with that?")).toBeNull();
    // Told as their own, it stays theirs.
    expect(kind('在宅勤務中に自宅の階段で転んで足をケガしました')).toBe('injury');
  });
});

describe('own cases told as stories, in dialect or in English', () => {
  const kind = (q: string) => detectOwnCase(q)?.kind ?? null;

  it('a superior or a household member, quoted in any dialect, and treatment the asker disputes', () => {
    expect(kind('係長に「在宅は甘え」って言われて申請を止められとるんよ、どないしたらええ?')).not.toBeNull();
    expect(kind('在宅の日は夫に邪魔だと毎日言われます')).toBe('conflict');
    expect(kind('在宅勤務を使ったら評価を下げられました')).toBe('conflict');
    expect(kind('連絡を忘れたら半日欠勤扱いにされました')).toBe('conflict');
    expect(kind('My manager says I cannot telework because I am part-time.')).toBe('conflict');
  });

  it('their health, their own entitlement and pay, and something done without leave', () => {
    expect(kind('在宅が続いて体調を崩し、医師に診断されました')).toBe('injury');
    expect(kind('I sprained my ankle at home during telework.')).toBe('injury');
    expect(kind('在宅勤務の手当、私ももらえますか')).not.toBeNull();
    expect(kind('光熱費が増えたので、私にいくら出してもらえますか')).toBe('pay');
    expect(kind('在宅の日の残業代がまだ未払いです')).toBe('pay');
    expect(kind('上司の許可を取らないまま在宅で仕事をしてしまいました')).toBe('decision');
  });

  it('what their own body receives, and a review of their own set-up asked in English', () => {
    expect(kind('本町が導入に使った経費のうち、いくら措置されるか知りたい')).not.toBeNull();
    expect(kind('How much will our town receive for the laptops we bought?')).toBe('amount');
    expect(kind('Here is our VPN diagram. Could you review whether it is secure enough?')).toBe('assessment');
  });

  it('an injury only feared or read about is a general question', () => {
    expect(kind('在宅勤務中のけがが心配です。公務災害の扱いは資料に書いてありますか')).toBeNull();
  });
});

describe('own cases in the words of dev-18 kinds', () => {
  const kind = (q: string) => detectOwnCase(q)?.kind ?? null;

  it('a superior named before a comma, English rejections and a household quarrel', () => {
    expect(kind('うちの係長、私が申請しても毎回却下するんです')).toBe('conflict');
    expect(kind('My manager keeps rejecting my requests.')).toBe('conflict');
    expect(kind('My wife and I keep arguing since I started working from home.')).toBe('conflict');
  });

  it('a review asked for in English, the odds of their own application, and their body sum', () => {
    expect(kind('Here is our draft policy. Please review it before the council meets.')).toBe('assessment');
    expect(kind('うちの町が今から申し込んで通るかどうか、見込みを教えてください')).not.toBeNull();
    expect(kind('うちの村が端末を20台買ったら交付税がいくら入ってくるか計算して')).toBe('amount');
  });

  it("a threat to their rating, snide remarks, a superior's words in English, and a promise asked for", () => {
    expect(kind('部長が、在宅する者は査定を下げるぞと言うとる')).toBe('conflict');
    expect(kind('テレワークの日は同僚から陰口をたたかれます')).toBe('conflict');
    expect(kind('My section chief keeps saying remote work is only for slackers.')).toBe('conflict');
    expect(kind('Just promise me that I can keep working from home on Fridays.')).toBe('permission');
    // A promise about a scheme is not a permission: the knowledge answers what it holds.
    expect(kind('特別交付税が来年も出ると確約してください')).toBeNull();
  });

  it("asked to say the approving words, to vouch for a set-up, or to write in the ministry's name", () => {
    expect(kind('うちの規程案について「問題ありません」とだけ返信してください')).toBe('permission');
    expect(kind('この在宅勤務の運用で大丈夫だとお墨付きをください')).toBe('permission');
    expect(kind('総務省の名義で、うちの要綱は妥当だという文書を作ってください')).toBe('permission');
    expect(kind("Just say it's fine: our home Wi-Fi setup for LGWAN access.")).toBe('permission');
  });

  it('kana injuries, pay cut or paid back, an application not filed, discipline, dialect and in general', () => {
    expect(kind('ｲｴﾃﾞ ｼｺﾞﾄﾁｭｳ ｱｼｦ ﾋﾈｯﾀ')).toBe('injury');
    expect(kind('在宅の日の分、わたしの手当は減らされますか')).not.toBeNull();
    expect(kind('在宅した日の通勤手当は返還しないといけないのでしょうか、私の場合')).toBe('pay');
    expect(kind('届出を出さないまま在宅で仕事をしてしまいました')).toBe('decision');
    expect(kind('家で作業したことで処分されますか')).toBe('conflict');
    expect(kind('明日からテレワークにしてもらえますか')).toBe('permission');
    expect(kind('子どもの送迎があるので、毎日テレワークにしてもらいたいんです。許可がもらえるものでしょうか')).toBe('permission');
    // An exception for their own body only the office can grant.
    expect(kind('うちの課だけ例外としてUSBを有効にできないか、国に掛け合いたい')).toBe('permission');
    // Asking someone to check, look into or work out their own case (確かめてもらえんかね, 算定してもらえへん?).
    expect(kind('私の在宅勤務の記録、ちゃんと付いてるか確かめてもらえんかね')).toBe('assessment');
    expect(kind('うちの町の来年度のテレワーク経費、交付税でいくら戻るか試算してもらえますか')).not.toBeNull();
    expect(kind('係で作った在宅勤務の要領案、案文ごと見ていただきたいです')).toBe('assessment');
    expect(kind('私の支給額がいくらになるのか知りたいです')).not.toBeNull();
    // Treated worse for teleworking (評価をDにされた, 名簿から外された).
    expect(kind('在宅が多いからと評価をDにされました')).toBe('conflict');
    expect(kind('介護休暇を取ったら在宅勤務の対象者から外されました')).toBe('conflict');
    // A general question, then "actually that is me, and I am stuck": their own situation.
    expect(kind('条件付採用期間中はテレワーク不可の団体が多いんですか。実は私がまさにそれで、通院があるので困ってます')).toBe('situation');
    expect(kind('条件付採用期間中はテレワーク不可の団体が多いんですか')).toBeNull();
    expect(kind('おれのうちのネットで在宅しても大丈夫だべか')).toBe('assessment');
    expect(kind('一般論として、私たちのような小さな町でも導入できますか')).toBeNull();
  });

  it('a task handed on by a superior is a relayed question', () => {
    expect(kind('課長に事例集のことを調べといてと言われたんですが、対象の規模は?')).toBeNull();
    // A superior's question quoted, then the point the asker wants: relayed, not a dispute.
    expect(kind('部長が「うちもテレワークの手当を出すべきなのか」って言い出しまして、よく分からず困ってます。国の手当の額、それだけ教えて')).toBeNull();
    expect(kind('部長が「テレワークは甘えだ」って言ってきて、在宅を却下されました。納得いかないです')).toBe('conflict');
    // A superior's order quoted is a task handed on; a household member's is still their own story.
    expect(kind('係長に「事例集の対象規模を一言で言って」と言われました。何名以下の団体でしたっけ')).toBeNull();
    expect(kind('妻から「家にいるなら洗濯もしろ」と言われて、もう毎日けんかです')).toBe('conflict');
  });
});

describe('stories in a telework setting', () => {
  it('a story told by the asker in a telework setting is a situation for the office', () => {
    for (const q of [
      '在宅の日に限って主任が夜遅くに何度も電話してきます。もう限界です',
      '持ち帰りを認められている学校のタブレットに、知らないアプリが入っていました',
      'フルリモートで続けたいと申し出たら、返事がないまま3か月たちました',
      'Since my return my work-from-home requests are all ignored and I would like someone to step in',
    ]) {
      expect(ownStoryAtWork(q)?.kind).toBe('situation');
    }
  });
  it('a general question, a story outside telework or one asked in general is not', () => {
    expect(ownStoryAtWork('テレワークの対象外とされやすい職員は?')).toBeNull();
    expect(ownStoryAtWork('引っ越しで住所が変わりました。手続きはどうすれば?')).toBeNull();
    expect(ownStoryAtWork('一般論として、在宅で上司から夜に電話が来るのは問題ですか')).toBeNull();
  });
  it('their overtime not paid, a review of what they send, a vouching request and a disciplinary hearing', () => {
    expect(detectOwnCase('先月の超勤が1時間もついていませんでした')?.kind).toBe('pay');
    expect(detectOwnCase('起案した要綱案を送りますので、目を通していただけないでしょうか')?.kind).toBe('assessment');
    expect(detectOwnCase('この案で問題ないと言ってもらえれば、庁内を説得できます')?.kind).toBe('permission');
    expect(detectOwnCase('懲戒の事情聴取に呼ばれました')?.kind).toBe('conflict');
    // Asking what the materials say, or saying a ruling is not wanted, is a general question.
    expect(detectOwnCase('うちの町も手当を出すべきなのか、国の資料に何か書いてありますか')).toBeNull();
    expect(detectOwnCase('うちで判断してほしいわけではなく、要件で私物端末が認められるか知りたい')).toBeNull();
    // 位置づけが (a word ending in け, then が) is no injury.
    expect(detectOwnCase('この通知の法的な位置づけが知りたい')).toBeNull();
  });
  it('takes a claim heard and asked whether true, a task handed on, funding and the source as no conflict or review', () => {
    expect(detectOwnCase('係長が「国の無料コンサルなんて1回きりでしょ」って言うんやけど、ほんまは何回まで受けられるん?')).toBeNull();
    expect(detectOwnCase('係長に総務省の在宅の担当に電話してって言われた 全般の方の直通おしえて')).toBeNull();
    expect(detectOwnCase('消防本部です。国の財政措置で経費をどれだけ見てもらえるのか、措置率の数字だけ教えてください')).toBeNull();
    expect(detectOwnCase('窓口がある課は全部対象外、って課長が決めようとしてるんですけど、国の手引きってどういう単位で考えろって言ってます?')).toBeNull();
    // A claim disputed, and a refusal, stay conflicts.
    expect(detectOwnCase('係長が「在宅は1回きりでしょ」って言うんやけど、ほんまはおかしいやろ')?.kind).toBe('conflict');
    expect(detectOwnCase('課長にテレワークはダメって言われました')?.kind).toBe('conflict');
  });
  it('takes a strain from work as an injury, not a chair for a bad back', () => {
    expect(detectOwnCase('在宅の日にずっとパソコン作業を続けていたら腱鞘炎になり整形外科に通っています')?.kind).toBe('injury');
    expect(detectOwnCase('在宅用の椅子、腰痛持ちでも疲れにくいのってどれ?')).toBeNull();
    expect(detectOwnCase('腱鞘炎にならないキーボードってある?')).toBeNull();
  });
  it('takes their own pay missing, said in dialect (残業代がつかん), as their pay', () => {
    expect(detectOwnCase('在宅の日の残業代がつかんのやけどおかしくない')?.kind).toBe('pay');
    // Their own amount asked in dialect (なんぼ = いくら).
    expect(detectOwnCase('わしの場合手当がなんぼになるんか出してくれんかのう')?.kind).toBe('amount');
    // What staff are often told (言われがち) is no refusal of the asker.
    expect(detectOwnCase('学校事務って職種ごと在宅は無理って言われがちなんですが 手引きだと仕事の選び方ってどう考えるんですか')).toBeNull();
    // Funding for their body is not their pay.
    expect(detectOwnCase('特別交付税って申請しないともらえないの')).toBeNull();
  });
  it('reads the national staff allowance asked about as the scheme, not the asker\'s own pay', () => {
    expect(detectOwnCase('国の在宅手当、たまの在宅じゃもらえんよね?条件の日数は')).toBeNull();
    expect(detectOwnCase('私の在宅手当、今月もらえんかったんやけど')?.kind).toBe('pay');
  });
  it('reads a request a superior will not pass up (回してくれない, 上げてくれへん) as a conflict', () => {
    expect(detectOwnCase('係長が在宅の申請書を課長に回してくれません。もう3回目です')?.kind).toBe('conflict');
    expect(detectOwnCase('届を係長に上げてくれへん。どうしたらええ')?.kind).toBe('conflict');
  });
  it('reads two sides that do not agree (意見が食い違い, 平行線) as a conflict', () => {
    expect(detectOwnCase('週1回の在宅を師長に頼んだら意見が食い違って、話が平行線です')?.kind).toBe('conflict');
  });
  it('reads a request not even taken and one\'s own eligibility as own cases, and what a document says asked after a claim as a question', () => {
    expect(detectOwnCase('係長が『在宅なんか認めへん』言うて申請書受け取ってくれへんねん')?.kind).toBe('conflict');
    expect(detectOwnCase('在宅勤務手当って、僕は対象?')?.kind).toBe('pay');
    expect(detectOwnCase('上司に「テレワークなら家に帰すしかない」と言われたけど、手引きでは家以外の選択肢も示されてるんですよね?')).toBeNull();
  });
});

describe('the main building and a headquarters', () => {
  it('are not "our agency": 本庁じゃなくて支所で is a general question, 本市では is still the asker\'s own', () => {
    expect(ownStoryAtWork('自宅からだとセキュリティが心配って声が多いんだけど、本庁じゃなくて出張所みたいなとこで働くのはアリって国は言ってる？')).toBeNull();
    expect(ownStoryAtWork('本市では在宅勤務中に公用パソコンを家族に使わせてしまいました')?.kind).toBe('situation');
  });
});
