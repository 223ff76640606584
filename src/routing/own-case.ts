import { nfkc } from '../text/normalize.js';
import { readingOf } from '../text/reading.js';

/**
 * Questions about the asker's own case, which only the owning office can settle: a decision,
 * a permission, an amount, an assessment or a check of their own set-up, or a personal situation
 * (a conflict with a superior, an injury, their own pay). The knowledge gives the general rule at
 * most; the office gives the answer.
 *
 * A classifier over three kinds of linguistic signal, not over particular questions:
 * - who: first-person and own-organisation markers (私, うち, 当市, 本町, our, my …);
 * - what is asked: the request form (すべきか, 認められますか, 見てもらえますか, いくらに …);
 * - the situation: nouns and events that are personal by nature (断られた, けが, 公務災害, 残業代 …).
 * Situations that are personal by nature need no marker; request forms need one.
 */
export type OwnCaseKind = 'decision' | 'permission' | 'amount' | 'assessment' | 'conflict' | 'injury' | 'pay' | 'situation';

export interface OwnCase {
  kind: OwnCaseKind;
  /** The signals that decided it, for logs and tests. */
  signals: string[];
}

/** The asker or their organisation: 私, 自分, うち, 当市, 本町, 弊課, わが町, our, my, we. */
/** The asker says the question is general, not about their own case. */
export const GENERAL =
  /(一般論として|一般論で|一般的に|一般的な話|一般的には|\bin general\b|\bgenerally speaking\b|(資料|通知|手引き|ガイドライン|要件|要領|国の資料)(に|では|には|で)[^。?？]{0,8}(何か|なにか|何と|なんて)?[^。?？]{0,4}(書いて|書かれて|載って|記載|示されて|どうなって)|(ほしい|欲しい|もらいたい)わけ(では|じゃ)(なく|ない)|(それ|その[^。、\s]{0,4}|そこ)だけ(を)?(分かれば|わかれば|知れれば|教えて|教えてもらえれば|知りたい|確認できれば))/i;

/** The general framing taken back (…一般的には? いや、正直に言うと私がやらかしまして): their own case after all. */
const CONFESSION = /(正直に言うと|正直いうと|実は|実を言うと|本当のことを言うと|ほんとは|本当は)[、,]?[^。]{0,20}(私|自分|わたし|僕|俺|うち)(が|も|の|は)/;

/** The asker's plight (詰む, 困ります, 続けられない): their case, not a curiosity. */
const PLIGHT = /(詰む|詰みます|詰んで|困る|困って|困りま|ピンチ|死活問題|やばい|ヤバい|どうしよう|生活でき|続けられな|辞めるしか|無理になる)/;

/**
 * Asked what other bodies do (他の市町村では, よその要領で, other councils) or what a document says (マニュアルに
 * 怪我のことも書いてある?, does the guidance agree): the practice or the text, not the asker's case.
 */
const OTHERS_OR_DOCUMENTS =
  /((他|ほか|よそ)の(市町村|市区町村|自治体|役所|役場|団体|市|町|村|県|要領|規程)|他(市町村|自治体|団体|市|県)|よその|(マニュアル|手引き?|要領|規程|通知|ガイドライン|事例集|資料)[^。?？]{0,30}(書いて|書かれ|載って|触れ|記載)|\bother (municipalities|councils|towns|cities|local governments|authorities)\b|\b(guidance|guide|manual|notice|handbook|guidelines?|circular)\b[^.?!]{0,30}\b(say|says|cover|covers|mention|mentions|agree|agrees)\b)/i;

/** Asked in general, and not taken back later in the message. */
export const askedInGeneral = (text: string): boolean => {
  const m = GENERAL.exec(text);
  return m !== null && !CONFESSION.test(text.slice(m.index + m[0].length));
};

const OWN = [
  /(私|わたし|わたくし|自分|僕|ぼく|俺|おれ|オレ|あたし|わし)(たち|達|ら|ども)?(の|は|が|も|に|で|、)/,
  /(我々|われわれ)(の|は|が|も|に|で|、)/,
  /うち(の|は|で|では|も|に|だと|の場合)/,
  // (本庁 and 本部 are the main building and a headquarters, not "our agency": 本庁じゃなくて支所で.)
  /(当|弊|我が|わが)(市|町|村|区|県|府|都|道|課|部|局|団体|庁|組合|係|室)|本(市|町|村|区|県|府|都|道|課|局|団体|組合|係|室)/,
  /(自|当)(団体|組織|所属|課|部署)/,
  /(私ども|当方|こちら)(の|で|では|は)/,
  // The asker narrating what they did or are about to do (作りました, 開いてしまいました, 予定です).
  /(作りました|作成しました|作ってみました|設定しました|構築しました|導入しました|開いてしまいました|しまいました|予定(です|している|の))/,
  // Something that happened to them, told as a story (言われて, 出てきて, ちゃった, てしまい).
  // (ちゃって alone is also a permission form: 決めちゃっていい?)
  /(ちゃった|ちゃいました|てしまい|でしまい|てしまっ|でしまっ|言われて|言われまして|られまして|されまして)/,
  // Their household or their own entitlement (嫁さんに言われ, 私ももらえますか, 僕は対象).
  /(嫁|妻|夫|旦那|主人|家内|義母|義父|子ども|子供|娘|息子|同居の|家族)(さん)?(に|が|から|と|は)/,
  // 「課長に聞かれた」 relays the superior's general question: not a case of the asker's own.
  // (Quotes are blanked before this is tried: 課長から「…」と聞かれ relays too.)
  /(上司|課長|係長|部長|所属長|室長|管理職|部下)(に|から|が|は)(?!\s*(と|って)?(聞かれ|質問され|尋ねられ|頼まれ))/,
  /\b(our|my|we|us|i)\b/i,
  /\bi'm\b|\bi am\b|\bwe're\b/i,
];

/** Asks for a decision on their case: should we, which is right, what to do. */
const DECISION = [
  // How their case is treated (私の分がどう扱われるのか, うちの場合どうなりますか).
  // (Not 他市ではどう扱われていますか: how others do it is a general question.)
  /(どう|どのように)(扱われる|扱われます|処理される|処理されます|なる|なります|なっちゃう)[^。?？]{0,8}(の|か|[?？])/,
  /(すべき|するべき|べき)(です|でしょう|なの|か|[?？]|$)/,
  /(した|する)(方|ほう)が(いい|よい|良い)(です|でしょう|の|か)/,
  /どう(すれば|したら|すると)(いい|よい|良い)/,
  // どうしよう, どないしたらええ, どげんしたらよか, どうすっぺ, どう対応すれば, どう対処したら.
  /(どうしよう|どないしたら|どげんしたら|どうすっぺ|どうしたらええ|どうすりゃ|どう(対応|対処|動け)(すれば|したら|ば)?|何をすれば|なにをすれば)/,
  /(どこ|誰|だれ)(に|へ)(相談|報告|連絡)(すれば|したら|すべき|したらいい|すればいい)/,
  /\b(what (should|do|can) (i|we) do|who (can|should|do) (i|we) (talk|speak|report|turn)|what happens (now|next))\b/i,
  /(決めて|判断して|決定して)(ほしい|欲しい|ください|下さい|もらえ|いただけ)/,
  // Who decides it for them, and whether they are obliged to (出さなきゃいけない, 義務ですか).
  /(誰|だれ|どこ|何)(が|で)(決め|判断|決定)/,
  /(なきゃ|なくちゃ|なければ|ないと)(いけない|ならない|だめ|ダメ|まずい)/,
  /義務(です|でしょう|なの|か|が(ある|あり))/,
  // "Do we have to pay to join" asks about a fee, not for a decision.
  /\b(who decides|who sets|do (we|i) have to(?! pay\b)|must (we|i)|are (we|i) (obliged|required))\b/i,
  /\b(should (we|i) (set|pay|give|allow|choose|decide|do|use|buy|introduce)|what should (we|i) do|decide (for|whether)|can you decide)\b/i,
];

/** Asks whether something is allowed for them. */
const PERMISSION = [
  /(認められ|許可され|許され|対象と(して)?認められ)(ます|る|ない)?(ん)?(か|でしょうか|ですか|の)/,
  /(ダメ|だめ|駄目|NG|アウト|不可)(です|でしょう|なの|か)(か|でしょうか)?/,
  /(て|で)も?(いい|よい|良い|大丈夫|構わない|かまわない)(です|でしょう|の|か)[^。、]{0,4}([?？。]|$)/,
  /(対象|該当)(になり|になる|します|する|に入り)(ます)?(か|でしょうか|の)/,
  // Whether they may pay or grant something themselves (出せる?, 支給できますか).
  /(出せ|払え|支払え|支給でき|設け|設定でき)(る|ます)(の|か|んですか|んでしょうか|でしょうか)?([?？]|$)/,
  // Their own entitlement (私ももらえますか, 僕は対象?, 私は請求できますか).
  /(私|わたし|僕|ぼく|俺|自分)(も|は|が|って)?[^。?？]{0,12}(もらえ|対象|請求でき|支給され|受けられ|該当)/,
  /\b(am i|are we) (entitled|eligible|covered|allowed)\b|\bcheck whether (i'm|i am|we're|we are)\b/i,
  /\bcan (we|i) (pay|give|grant|offer|set)\b/i,
  /\b(am i|are we|is it) (allowed|permitted|ok|okay|eligible|covered)\b/i,
  // Asked in reported form (whether our city is permitted to…, if we are allowed to…).
  /\b(whether|if) (we|i|our [a-z' -]{1,40}|my [a-z' -]{1,40}) (is|are|am) (permitted|allowed|entitled) to\b/i,
];

/** Asks for an amount for their case. */
const AMOUNT = [
  // What their own body receives (本村が…いくら措置される, how much will our city receive).
  /(いくら|何円|幾ら)[^。]{0,12}(措置され|もらえ|出る|出ます|交付され|入る|入って|受け取れ)|(いくら|何円|幾ら)[^。]{0,15}計算して/,
  /\bhow much [^.?]{0,60}\b(will|would|do|does|can) (our|my|we|i)\b|\bhow much [^.?]{0,40}\b(receive|get back|be (paid|reimbursed|covered))\b/i,
  /(いくら|何円|幾ら)(に|で|を|くらい|ぐらい)?(すべき|設定|支給|払|出|もらえ|なる|決め)/,
  /(金額|額|単価|月額|日額)(は|を)?(いくら|どう|どれ|何円|決め)/,
  /(いくら|何円|幾ら)(に|と)(すれば|したら|する|しよう|設定)/,
  /\bhow much (should|will|do|would) (we|i|our)\b/i,
  // "How much allowance will our town pay me?": the amount for their own case, words in between.
  /\bhow much\b[^.?!]{0,40}\b(will|would|should|do|does|can|could|did)\b[^.?!]{0,25}\b(pay|give|get|receive|offer|grant)\b[^.?!]{0,10}\b(me|us|i|we)\b/i,
];

/** Asks for an assessment or a check of their own set-up or document. */
const ASSESSMENT = [
  // (Costs the state will cover, 経費をどれだけ見てもらえる, are funding, not a review.)
  /(?<!(経費|費用|お金|予算|額|割|分)(を|は|も)?(どれだけ|どのくらい|どれくらい|どこまで|いくら|何割|半分)?)(見て|チェックして|確認して|確かめて|調べて|診断して|評価して|レビューして|審査して|添削して|算定して|試算して|計算して)(もらえ|もらい|もらった|いただけ|いただき|ほしい|欲しい|ください|下さい|くれ)/,
  /(問題|不備|漏れ|穴)(が|は)?(ない|ありません|ある)か/,
  /(チェック|確認|レビュー|添削|診断|点検)(を)?(お願い|おねがい|頼み|たのみ|頼める|たのめる)/,
  /(沿って|則って|準拠して|合って|適合して)(る|いる|います)?か(どうか)?[^。]{0,6}(チェック|確認|見て|判断|判定)/,
  /(安全|適切|妥当|適法|十分|大丈夫)(か|です(か|よね)|でしょうか|なのか)/,
  // The same in dialect (大丈夫だべか, ええやろか, 大丈夫じゃろか).
  /(安全|大丈夫|ええ|いい)(だべか|べか|やろか|じゃろか|かいな|っちゃろか|やんか\?)/,
  /\b(check|review|assess|audit|look at|go through)\b[^.?]{0,30}\b(our|my)\b/i,
  /\b(can|could|would) you (please )?(review|check|assess|look (at|over)|go (over|through)|verify|confirm) (whether|if|that|it|this|our|my)\b/i,
  /\bplease (review|check|assess|look over|go through|vet) (it|this|our|my|the (attached|draft))\b/i,
  // Whether their application would succeed (通るかどうか, 見込み).
  /(通るか|採択されるか|認められるか)(どうか)?[^。]{0,10}(見込み|教え|知りたい)|見込み(を|は)[^。]{0,6}(教え|知りたい|どう)/,
  // Asking someone to read their own draft over and approve it (look it over and sign off on it).
  /\b(look (it|this|them|these) over|look over (it|this|our|my)|sign off on (it|this|our|my)|proof-?read (it|this|our|my)|vet (it|this|our|my))\b/i,
  /\b(our|my) [a-z' -]{1,60} (is|are) (safe|secure|ok|okay|correct|enough|compliant|right|acceptable|appropriate|permissible|allowed|fine|legal|valid)\b/i,
  /\bis (our|my) [a-z' -]{1,60} (safe|secure|ok|okay|correct|enough|compliant|acceptable|appropriate|permissible|allowed|fine|legal|valid)\b/i,
];

/** A conflict: someone refused, blocked or overruled them. */
const CONFLICT = [
  /(断られ|拒否され|却下され|反対され|止められ|認めてもらえな|認めてくれな|許可してくれな|許可してもらえな|させてもらえな|させてくれな)/,
  /(ダメ|だめ|駄目|無理|不可|認めない|許可しない|できない|あかん|アカン|ならん|認められない|前例(が|は)?ない)」?(と|だと|って)(言われ|いわれ|切られ|一蹴され|返され|突っぱね)(?!がち)/,
  // Told by a superior to do something, and asking whether that is normal or what to do about it.
  /(上司|課長|係長|部長|所属長|室長|管理職)(から|に)[^。]{0,60}(と|って)(言われ|いわれ|命じられ|指示され)/,
  // (Not what the state's documents say, asked after it: 課長が…けど、国の手引きって…って言ってます?)
  /(上司|課長|係長|部長|所属長|室長|管理職)(が|は)((?!国|手引|通知|総務省)[^。]){0,60}(と|って)(言って(き|く)|言ってる|言います|命じ|指示して|求めて|強要)/,
  // The request not even taken (申請書受け取ってくれへん, 取り合ってもらえない).
  // Nor passed up (申請書を課長に回してくれない, 届を上げてくれへん).
  /(受け取って|受理して|取り合って|相手にして|回して|まわして|上げて|あげて|通して)(くれ|もらえ)(へん|ない|ません|ん|ねえ|ねぇ)/,
  // Two sides that do not agree (意見が食い違い, 話が平行線).
  /(意見|言い分|考え)が(食い違|くいちが|合わ(な|ず|ん))|平行線/,
  /(納得(いか|でき)ない|納得がいかない|納得(が)?(いき|でき)ません|理不尽|パワハラ|不当|差別(じゃ|では|ちゃう|やん|だ|です)|おかしく(ない|ねぇ|ねえ)(です)?か|おかしぐねぇ|わざとだ)/,
  // Whether they will be disciplined for what they did (処分されますか, 怒られますか).
  /(処分|懲戒|減給|罰)(され|を受け|の対象に?な)(ます|る|ますか|るの)|(怒られ|クビにな|首にな)(ます|る)(か|の)/,
  /(懲戒|処分)[^。]{0,8}(事情聴取|聴取|面談|呼び出|審査)/,
  // Someone else taking credit for their work (私が作った資料を自分が作ったことにして).
  /(自分が|自分で)(作った|やった|書いた)(こと|事)に(して|され)/,
  // A superior's or a household member's words, quoted or reported, in any dialect (言うて, 言われよる, 言われだ).
  /(上司|課長|係長|部長|所属長|室長|管理職|嫁|妻|夫|旦那|家族|義母)(さん)?(が|は|に|さ|から)?((?!国|手引|通知|総務省)[^。]){0,60}(言うて|言われよ|言われだ|言われて|言われた|言われま|って言|と言われ|言ってき|言ってく|言うとん|言うとる|言っとる|ゆうとる|ゆうて)/,
  // Snide remarks and harassment for teleworking (嫌味を言われる, 陰口).
  /(嫌味|いやみ|イヤミ|皮肉|陰口|嫌がらせ|いじめ|イジメ)(を|も)?[^。]{0,6}(言われ|され|たたかれ|叩かれ)/,
  /\b(boss|manager|director|supervisor|section chief|superior|deputy director|department head)\b[^.?!]{0,60}\b(says|said|told me|tells me|insists|keeps saying)\b[^.?!]{0,80}\b(remote|telework|home|wfh)\b|\btears? up my (application|request)\b/i,
  // Treatment by the employer that the asker disputes (評価を下げられた, 欠勤扱いにされた, 不正だと指摘された).
  /(評価|査定)[^。]{0,10}([ＣＤＥCDE]|最低|低く)(評価)?(に|を)?(され|つけられ|付けられ)|(名簿|対象者?|リスト|メンバー|候補|一覧)から(外され|はずされ|除外され|消され)|(評価|査定)(を|ば|が)?[^。]{0,6}(下げられ|下がっ|悪く|下げる|下げ(ます|るぞ|たる|たろ))|(欠勤|遅刻|早退)(扱い|あつかい)に?され|不正だと(指摘|言われ)|(判子|ハンコ|はんこ|決裁)[^。]{0,6}(押して(くれ|もらえ)(へん|ない|ません)|もらえ(ない|ません))|仕事を振って(き|く)/,
  /(家族|嫁|妻|夫|旦那|子ども|子供|義母|同居)(さん)?[^。]{0,20}(邪魔|けんか|喧嘩|ケンカ|揉め|もめ|文句)/,
  /\b(husband|wife|partner|spouse|family|kids|children)\b[^.?]{0,80}\b(argu(e|ing)|fight(ing)?|quarrel(ling)?|complain(s|ing)?)\b|\b(fight|argue|arguing|quarrel)\b[^.?]{0,60}\b(telework|work calls|working from home)\b|\bsays? (i|we) (can't|cannot|may not|am not allowed to)\b/i,
  // The superior as the one who refuses (課長が…全部却下してきます).
  /(上司|課長|係長|部長|所属長|室長|管理職)(が|は|、|,)[^。]{0,40}(却下|拒否|断って|断られ|反対して|認めな|許可しな|させてくれな)/,
  // A colleague who leaves their work to the asker (電話に出ない, 全部こっちに回ってくる).
  /(先輩|同僚|後輩|部下|上司|課長|係長|主任|同じ(係|課|班|チーム)の(人|方|先輩|職員)?)(が|は|、|,)[^。]{0,40}(出ない|出なくて|出てくれな|つながらな|繋がらな|連絡(が|も)?つかな|サボ|さぼ|押し付け|回ってく|回ってき|やってくれな|仕事しな|働かな)/,
  /\b(co-?worker|colleague|boss|supervisor|manager|section chief)s? (never|doesn't|does not|won't|keeps? not) (answer|pick up|respond|reply|work)/i,
  /\b(refus(e|es|ed|ing)|reject(s|ing)|den(y|ies|ying)|won't let|will not let|doesn't let|does not let|denied|rejected|turn(s|ed|ing)? (it |them |me |my [a-z ]{1,30})?down)\b/i,
  /\b(won't|will not|doesn't|does not|didn't|did not) (approve|allow|permit|accept|sign off)\b/i,
];

/** The asker did something without leave, or failed to: how it is handled is their employer's call. */
const LAPSE = [
  // (A condition is no lapse: 申請しないともらえない, 許可を取らなくても.)
  /(許可|承認|申請|届け?出)[^。]{0,6}(取らない|とらない|せず|しない|もしてない|もしていない|をしないまま|してない)(まま)?(?!と|なら|場合|くても)/,
  /(許可|承認|申請|届け?出)(書)?を?(出さ|出して(い)?)(ない|ず|なかった)(まま)?/,
  /(中抜け|離れてしまっ|送り忘れ|出し忘れ|報告し忘れ|連絡し忘れ|打刻し忘れ)/,
];

/** A superior's instruction to find something out: the asker relays the question. */
const RELAYED_TASK =
  /((調べ|聞い|確認し|まとめ|報告し|探し|教えてもら|一覧にし|リストにし|整理し)(て|と)(おいて|いて|おけ|おいで|ほしい|欲しい|くれ|ください|と|って)?|(送れ|送って|入れろ|入れて|かけろ|かけて|かけといて|電話して|電話しといて|連絡して|連絡しといて|聞いといて|出せ|作れ|作って|まとめろ|調べろ|聞け|探せ|用意しろ|用意して|準備しろ|準備して|(印刷|コピー|共有|転送|提出|回覧|配布)(しろ|して|せよ)))[」』]?(と|って)/;

/** A superior's order quoted (係長に「…番号で言って」と言われた): a task handed on, like RELAYED_TASK. */
const RELAYED_ORDER = /[「『][^」』]{2,60}(て|で|ろ|せ|け|よ|ください|下さい|なさい|ちょうだい)[」』](と|って)(言われ|いわれ|頼まれ|指示され|命じられ)/;
const SUPERIOR = /(上司|課長|係長|部長|所属長|室長|管理職|局長|次長|主任|町長|市長|村長|副町長|副市長)/;
/** A superior's question quoted (課長が『…どれくらい出るんだ』って言い出して): the asker relays it. */
const RELAYED_QUESTION = /[「『][^」』]{2,60}(か|の|んだ|んや|んですか|[?？]|かな|っけ)[」』](と|って)/;
/** Words quoted and reported (「…」って, 『…』と). */
const QUOTED = /[「『][^」』]{2,60}[」』](と|って)/;
/** Asking what is actually so (ほんまは, 本当に, 実際のところ, 正しいですか). */
const ASKS_WHETHER_TRUE = /(ほんま|ほんと|本当|実際)(は|に|のところ|なの|なん|です|か|[?？])|(正しい|合ってる|合っている|あってる)(の|ん|です|か|[?？])|(手引き|通知|国|総務省|ガイドライン|事例集)(で|に|で?は)[^。]{0,30}(示されて|書かれて|書いて|載って)(る|いる|ます)(ん|の)?(です)?よね/;
/** Taking issue with a relayed question is rarer than not knowing its answer (困って is left out). */
const DISPUTED = /(おかしい|おかしく|納得(でき|いか)|ひどい|酷い|理不尽|パワハラ|嫌がらせ|限界)/;

/** The teller takes issue with what they were told (普通ですか, おかしい, 納得いかない, 限界). */
const GRIEVANCE = /(普通(です|でしょう|なん|なの|か)|おかしい|おかしく|納得(でき|いか)|ひどい|酷い|理不尽|パワハラ|嫌がらせ|限界|つらい|辛い|困って|(人事|組合)に(言う|相談|訴え))/;

/** Asking to be permitted (認めてもらえますか, 許可をいただけますか): only an employer can grant it. */
const PERMISSION_REQUEST = [
  // Asking the bot to rule between their own texts (どっちを優先すべきか決めてもらえますか).
  /(決めて|判断して|決定して|裁定して)(もらえ|いただけ|ください|下さい|ほしい|欲しい)/,
  /(認めて|許可して|承認して|許して)(もらえ|いただけ|くれ|ください|下さい|ほしい|欲しい)/,
  /(在宅|テレワーク|リモート|在宅勤務)に(して|させて)(もらえ|もらい|いただけ|いただき|くれ|ください|下さい|ほしい|欲しい)/,
  /\bsay (that )?(it'?s|it is|you|i'?m|i am|we are)? ?(approved|permitted|allowed)\b/i,
  // Asked to say the approving words (「承認します」と返して), to vouch (太鼓判を押して), or to issue an
  // official reply in the ministry's name: only the office itself can.
  /[「『"](承認|許可|認め|了承|問題な|問題あり|大丈夫|適法|OK|ok|はい)[^」』"]{0,12}[」』"]\s*(と|って)[^。]{0,12}(言って|返して|答えて|書いて|返信して|回答して)/,
  /(太鼓判|お墨付き)を?(押して|ください|下さい|もらえ|いただけ)|安全だと(言って|保証して|認めて)/,
  // Asked to vouch for their plan (この案で問題ないと言ってもらえれば).
  /(問題ない|問題なし|大丈夫|適法|OK|ok)(だ|です)?(と|って)[^。]{0,4}(言って|言うて|保証して|認めて|書いて|回答して)(もらえ|いただけ|ほしい|欲しい|くれ|ください|下さい)/,
  /(名前|名義)で[^。]{0,20}(回答書|通知書?|文書|証明書?)を?(作って|作成して|書いて|出して)/,
  /\bjust say (yes|ok|okay|it'?s (fine|ok|compliant|approved))\b/i,
  // A promise only the employer could give (promise in writing that I can …).
  /\bpromise\b[^.?!]{0,40}\b(i|we) (can|may|will)\b|\bsay ['"‘“]?i promise\b/i,
  /(許可|承認|使用許可|利用許可)(を|が)?(いただけ|もらえ|ください|下さい|お願い)/,
  // An exception for their own body (うちだけ例外で有効にできないか掛け合いたい): only the office can grant one.
  /(例外|特例)(で|として|的に|扱い(で|に))[^。]{0,15}(できない|でき(ます)?か|認め|許可|有効に|外して|してもら|して(ほしい|欲しい))|掛け合(い|う|っ)|かけあ(い|う|っ)/,
  /\b(can (you|i get) (approve|permit|authori[sz]e)|give me permission|(approve|permit) my)\b/i,
  /\bwho (can|could|will|would) (approve|authori[sz]e|permit|sign off)\b|\b(approve|authori[sz]e) (it|that|this) for me\b/i,
];

/** Asking someone to review what they send (案を送りますので…見ていただけないでしょうか): only a person can. */
const REVIEW_REQUEST = [
  /(見て|目を通して|チェックして|診断して|評価して|レビューして|審査して|添削して)(いただけ|もらえ)(ない|ません)?(でしょうか|ますか|か|[?？])/,
  /(添削|レビュー|目通し|点検)(を|の)?(お願い|依頼|頼み|頼め)/,
  // Their own draft to be read over (案文ごと見ていただきたい, 規程案をチェックしてほしい).
  /(案|案文|規程案|ルール案|計画案|要領案|草案|原案|ドラフト)[^。]{0,12}(見て|目を通して|チェックして|確認して|添削して)(いただきたい|もらいたい|ほしい|欲しい|ください|下さい)/,
  /\b(review|check|look over|go over|vet)\b[^.?!]{0,25}\b(our|my) (draft|rules|regulations|plan|policy|document)s?\b|\b(review|check|look over|go over|vet) the draft\b/i,
];

/** An injury or an accident to the asker. */
const INJURY = [
  // Not an injury that is only feared or read about (けがが心配で, 怪我の場合の扱い).
  // やけど only as a burn (やけどをした), not the Kansai "but" (出るんやけど).
  /((?<!づ|つ|付|向|掛|受|届|見|助|駆|避|か|だ|わ|分|設|続|名|仕|位置づ)けが|ケガ|怪我|負傷|骨折|腱鞘炎|転倒|転ん|ねんざ|捻挫|やけど(?=を|し|が)|火傷|打撲|ぎっくり腰|骨に(ヒビ|ひび)|(ヒビ|ひび)が入)(?!が心配|の心配|について|の場合|に備え|対策|防止|を防|の扱い|への備え|にならな|予防)/,
  // A hurt body part (足をくじいた, 腰を痛めた, 手首をひねった).
  /(足|脚|腰|膝|ひざ|手|手首|指|首|肩|背中|足首)(を|が)?(くじ|ひね|捻|痛め|打っ|ぶつけ)/,
  // The same read from kana (腰を打ちました typed in half-width katakana), and 公務災害 in kana.
  /(あし|こし|ひざ|てくび|ゆび|くび|かた|せなか|あしくび|腰|足|膝)(を|が)?\s?(くじ|ひね|いため|痛め|うち(まし)?た|打ち(まし)?た|うった|ぶつけ)|こうむさいがい|ろうさい/,
  /(公務災害|労災|労働災害|通勤災害)(に|と|の)(なり|なる|当た|該当|認定|扱い(に|と)|対象|申請)/,
  /(公務災害|労災|労働災害|通勤災害)(って|は|で)?(いけ|おり|下り|出(ます|る)|認め|使え|申請でき)/,
  // Their health (診断されました, 適応障害, 休職になりそう).
  /(診断され|適応障害|うつ病|体調を崩|体調崩|休職に|メンタル(が|を)?(崩|やられ))/,
  /\b(broke|broken|sprained|twisted) (my|a|his|her) \w+|\b(accident on duty|count as an? (work|workplace|on-duty) (accident|injury))\b/i,
  /\b(injur(y|ed)|hurt|fell|accident at work|work accident|workplace accident)\b/i,
];

/** Their own pay: overtime, allowances paid to them. */
const PAY = [
  /(残業代|残業手当|時間外手当|時間外勤務手当|超過勤務手当|給与|給料|手当)(は|が|って|も)?(出|支給|もらえ|払|つく|付く)/,
  // Something missing from their pay (明細に載ってない, 振り込まれていない).
  /(手当|給与|給料|残業代|明細)[^。]{0,20}(載って(い)?ない|入って(い)?ない|出て(い)?ない|支給されて(い)?ない|振り込まれて(い)?ない|もらえて(い)?ない|少ない|間違)/, /\b(overtime pay|my pay|my salary|paid overtime)\b/i,
  /(私|わたし|僕|ぼく|俺|自分)(に|へ|は|も)[^。]{0,15}(いくら|何円|幾ら)[^。]{0,10}(出|もらえ|支給|払)/,
  // Their own amount asked for (私の支給額を知りたい, 自分の手当の額).
  /(私|わたし|僕|ぼく|俺|自分)(の|への)(支給額|手当額|手当の額|支給される額|もらえる額|給与額)/,
  // Whether they themselves qualify (手当って、僕は対象?).
  /(手当|給与)[^。]{0,12}(私|わたし|僕|ぼく|俺|自分|うち)(は|も)(対象|もらえ|出)/];

/** Pay withheld, cut or missing: personal by nature, whoever says it. */
const PAY_PERSONAL = [
  // (Funding for the body, 特別交付税って申請しないともらえないの, is not the asker's pay.)
  /(?<!(交付税|特交|措置|補助|助成|支援)[^。]{0,16})(未払い|払われて(い)?ない|出ねぇ|もらえない)[^。]{0,10}$|(残業代|超勤|時間外手当|時間外勤務手当|手当|給与|給料)(っこ)?[^。]{0,12}(未払い|出ねぇ|出ない|出てない|減らす|減らされ|少なかった|ついて(い)?な|ついていませ|付いて(い)?な|付いていませ|つかな|付かな|つかん|付かん|もらえん|(つい|付い|出|入っ)(と|て)(らん|らへん|へん|ね[えぇ]?)|1円も|1時間も)/,
  /\b(wasn't|was not|isn't|is not) (on|in) my payslip\b|\bmy payslip\b/i,
  // Asked to pay something back (通勤手当を返さねば, 返還しないといけない).
  /(手当|給与|給料)[^。]{0,30}(返さ|返還|返納)/,
  // Something they paid themselves, to be reimbursed (自腹で払った分を精算してもらえるか).
  /(精算|立て?替え|立替|自腹|自費)[^。]{0,20}(もらえ|してもら|される|されない|して(くれ|ほしい|欲しい)|できる|できま)/,
  /(給料|きゅうりょう|給与|きゅうよ|手当|てあて)(が|は|も)?[^。]{0,4}(減り|へり|減る|へる|減らされ|下が|さが|カットされ)(ます|る)?か/,
];

/** The national civil servants' allowance (国の在宅手当), asked about: the scheme, not the asker's own pay. */
const NATIONAL_PAY = /(国|国家公務員|人事院)(の|で)[^。、]{0,8}(手当|給与)/;
const FIRST_PERSON = /(私|わたし|僕|ぼく|俺|おれ|自分|うち|当市|当町|当村|本市|本町|\b(i|my|me)\b)/i;

const first = (patterns: RegExp[], text: string): string | null => {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return null;
};

/**
 * 「調べておいて」と言われた, 課長が「…出るんだ」って: a task or a question handed on, not a dispute (unless the
 * teller takes issue with it: これって普通ですか, おかしくないですか).
 */
function relayed(conflict: string, text: string): boolean {
  if (RELAYED_QUESTION.test(conflict)) return !DISPUTED.test(text);
  // A claim heard (係長が「…1回きりでしょ」って) and asked whether it is true: a fact to check, not a dispute.
  if (QUOTED.test(conflict) && ASKS_WHETHER_TRUE.test(text)) return !DISPUTED.test(text);
  return (RELAYED_TASK.test(conflict) || (RELAYED_ORDER.test(conflict) && SUPERIOR.test(conflict))) && !GRIEVANCE.test(text);
}

/**
 * The own-case kind of a question, or null when it asks for general knowledge. `asking` is the part
 * of a long message that asks (src/text/focus.ts): request forms count only there, so a background
 * clause (何から手を付けてよいのか見当がつかず) is not taken for a request.
 */
export function detectOwnCase(question: string, asking: string = question): OwnCase | null {
  const t = readingOf(nfkc(question));
  if (OTHERS_OR_DOCUMENTS.test(readingOf(nfkc(asking)))) return null;
  // Personal by nature: a refusal or an injury happens to someone.
  const conflict = first(CONFLICT, t);
  if (conflict && !relayed(conflict, t)) return { kind: 'conflict', signals: [conflict] };
  const injury = first(INJURY, t);
  if (injury) return { kind: 'injury', signals: [injury] };
  const review = first(REVIEW_REQUEST, readingOf(nfkc(asking)));
  if (review) return { kind: 'assessment', signals: [review] };
  const general = askedInGeneral(t);
  const request = general ? null : first(PERMISSION_REQUEST, readingOf(nfkc(asking)));
  if (request) return { kind: 'permission', signals: [request] };
  const withheld = first(PAY_PERSONAL, t);
  if (withheld && !(NATIONAL_PAY.test(t) && !FIRST_PERSON.test(t))) return { kind: 'pay', signals: [withheld] };
  // A general question, then the asker owns up to being in that case and in a plight (実は自分がそれで…詰む).
  const confessed = CONFESSION.exec(t);
  const plight = confessed ? PLIGHT.exec(t.slice(confessed.index)) : null;
  if (confessed && plight) return { kind: 'situation', signals: [confessed[0], plight[0]] };
  const lapse = first(LAPSE, t);
  if (lapse) return { kind: 'decision', signals: [lapse] };
  // Words in quotes are someone else's (職員から「自分の…」と聞かれた): the asker relays a general question.
  const own = first(OWN, t.replace(/「[^」]*」/g, ' '));
  // Asked "in general" (一般論として, うちの額ではなく一般的に): the rule, not their case.
  if (own === null || general) return null;
  const a = readingOf(nfkc(asking));
  const forms: [OwnCaseKind, RegExp[]][] = [
    ['pay', PAY],
    ['amount', AMOUNT],
    ['assessment', ASSESSMENT],
    ['decision', DECISION],
    ['permission', PERMISSION],
  ];
  for (const [kind, patterns] of forms) {
    const form = first(patterns, a);
    if (form) return { kind, signals: [own, form] };
  }
  return null;
}

/**
 * Telework named by its setting or its equipment (在宅, 家から, 持ち帰った, 公用スマホ, 庁内システムにリモートで):
 * the frame in which a story told by staff is about their telework.
 */
const TELEWORK_SETTING =
  /(在宅(?!医療|介護|看護|ケア|療養|診療|酸素)|テレワーク|リモート|自宅(で|から|に|の)|家(で|から|に|の)(仕事|勤務|作業|働|使)|持ち帰|持って帰|持帰り|公用|貸与|庁内(システム|ネットワーク|チャット|メール|の端末)|ざいたく(?!いりょう|かいご)|てれわーく|\b(work(ing)?[- ]from[- ]home|home[- ]working|remote(ly)?|telework(ing)?|wfh|office-issued|loaned|(at|from) home|working hours|on duty)\b)/i;

/** A story told in the first person or in the past (…してしまいました, 限界, 困っています): not a general question. */
const NARRATIVE = /(ました|でした|ません|ている|ています|てる|てた|とる|よる|ちゃっ|しまっ|しもう|られた|された|限界|心配|怖く|困って|\b(i|we|my|our|me)\b)/i;

/** The teller's own events, said without 私: told in the past (評価をつけられました, 申し出たら), done by mistake, a plea. */
const SELF_IMPLIED = /(てしまい|てしまっ|でしまい|でしまっ|ちゃっ|ちゃい|ました|でした|(申し出|頼ん|出し|言っ|聞い)たら|ていた|てた|とった|よった|もう限界|困って(い|ま|る)|どうしよう|\bi'?d like someone\b)/i;

/** Whether the text frames itself in telework by its setting or equipment (フルリモート, 持ち帰った公用端末). */
export const inTeleworkSetting = (text: string): boolean => TELEWORK_SETTING.test(readingOf(nfkc(text)));

/**
 * The asker tells their own story in a telework setting but no form of own case was recognised (a
 * superior calling at midnight, the loaned tablet used by a child, travel costs refused): only the
 * office can take it up, so it is handed on rather than refused as off topic.
 */
export function ownStoryAtWork(question: string): OwnCase | null {
  const t = readingOf(nfkc(question));
  if (askedInGeneral(t) || !TELEWORK_SETTING.test(t)) return null;
  const own = first(OWN, t.replace(/「[^」]*」/g, ' ')) ?? SELF_IMPLIED.exec(t)?.[0] ?? null;
  const told = NARRATIVE.exec(t);
  if (own === null || told === null) return null;
  return { kind: 'situation', signals: [] };
}

/** The question without the words that made it an own case, for searching by its topic. */
export function withoutSignals(question: string, ownCase: OwnCase): string {
  let t = nfkc(question);
  for (const s of ownCase.signals) t = t.replace(s, ' ');
  return t;
}
