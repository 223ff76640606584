import { askedInGeneral } from './own-case.js';
import { nfkc } from '../text/normalize.js';
import { readingOf } from '../text/reading.js';

/**
 * What the person wants beyond a factual answer. Patterns are on NFKC text; they are
 * deliberately about the form of the request (asking for a person, a judgement, reporting
 * an incident), never about a particular question.
 */
export interface Intents {
  /** Asks to talk to or contact a person / the office. */
  wantsHuman: boolean;
  /** Asks whether something specific is allowed or appropriate: a judgement the knowledge cannot give. */
  wantsJudgement: boolean;
  /** Reports an incident (lost device, leak, infection). */
  incident: boolean;
  /** Asks for a person's private details (home address, private phone). */
  wantsPrivateData: boolean;
  /** Tries to change the bot's instructions or reveal its prompt. */
  injection: boolean;
  /** Asks where to ask: a contact, an e-mail address or a phone number. */
  wantsContact: boolean;
  /** Asks for an address or number to write to or call (to ask the office themselves). */
  asksAddress: boolean;
  /** A greeting or a request for help on using the bot, with nothing else. */
  greeting: boolean;
  /** Asks where a document or download is (URL, ページ, ダウンロード). */
  wantsLink: boolean;
  /** The asker writes for a private company, not a local government (the schemes here are for local governments). */
  privateSector: boolean;
  /** Asks about their own taxes (確定申告, 年末調整): not telework policy. */
  personalTax: boolean;
  /** Asks which product to buy (おすすめのノートパソコン): shopping advice, not telework policy. */
  wantsProduct: boolean;
}

const HUMAN = [
  // To take it up with the ministry (国に掛け合いたい, 総務省と交渉したい): a person's answer is wanted.
  /(国|総務省|担当(者|室|課)?)(に|と)[^。]{0,4}(掛け合|かけあ|交渉|直談判)/,
  // The ministry's staff's own view asked for (総務省の担当者のご意見を伺いたい): only a person can give it.
  /(担当(者|の方)|担当室|担当課|国|総務省)の(ご)?(意見|見解|お考え|考え)を(伺|聞|お聞き|頂|いただ|もら)/,
  // Someone to look at their own device or set-up (うちの端末を見てもらえる方はいますか).
  /(見て|確認して|チェックして|診て)(もらえる|くれる|いただける)(方|人|担当)(は|って|が)?(い|お)(ます|る|らっしゃ)/,
  /担当(者|窓口|の方|の人|部署)?(に|へ|と|から|さ)(確認|相談|問い?合わ?せ|聞|つな|繋|連絡|話|回答)/,
  /(オペレーター|オペレータ|人間|有人|担当者|係の人|職員の方|人)と(話|はな|相談|チャット|代わ)/,
  // (Not a referral the knowledge names: 相談センターへ問い合わせたい asks about the centre.)
  /(?<!(センター|マネージャー|マネジャー|ｾﾝﾀｰ)(さん)?(に|へ)[^。?？、]{0,4})(問い?合わ?せ|エスカレーション|エスカレ)(たい|したい|してほしい|して欲しい|をお願い|てください|て下さい)/,
  /(総務省|窓口|担当)(に|さ|へ)(確認|相談|問い?合わ?せ|聞い|連絡)(を)?(お願い|したい|てほしい|て欲しい|たい|てください|して)/,
  // Not a consultation with someone else the knowledge names (テレワークマネージャーに相談したい).
  // 「原文を確認したい」 is the asker checking for themselves, and 「…前に相談したいのですが」 leads into their
  // own question: neither asks for a person; nor does someone else's wish reported (相談したいそうです).
  /(?<!(センター|マネージャー|マネジャー|専門家|コンサル|コンサルタント|アドバイザー)(さん)?(に|へ|と)[^。?？、]{0,4})((相談|回答)を?(お願い|したい|してほしい|して欲しい)|確認を?(お願い|してほしい|して欲しい))(?!の(です|だ)が|んですが|んですけど|んですけれど|んだけど|んやけど|のですけど|ことが|点が|そう(です|だ|な)|とのこと|らしい|と(言|い)って)(します|いたします|できますか)?/,
  // (A consultation service's 窓口 called at some hour is the service the knowledge names: 相談窓口へ電話しても?,
  // テレワークマネージャーの窓口に電話したい.)
  /(担当|係|(?<!相談|(センター|マネージャー|マネジャー)の?)窓口|総務省|(?<!厚労|厚生労働|経産|経済産業|文科|国交)省)の?(者|方|人)?(に|と|へ)[^。?？]{0,20}(直接|電話|つな|繋|話し|レビュー|見て|チェック)/,
  /(人|人間|担当者|職員)に(聞き|きき|相談し|確認し)たい/,
  /(ボット|bot|BOT|AI)(じゃなくて|ではなく|でなく)/,
  // Someone to step in between them and a colleague (間に入ってもらえへんやろか).
  /(間に入って|仲裁して|取り持って)(もらえ|いただけ|ほしい|欲しい|くれ|ください|下さい)/,
  // Asking the bot to do it for them (申請を代わりに進めて): only a person at the office can.
  /(代わりに|かわりに|代理で)[^。?？]{0,15}(申請|手続|進め|やって|出して|提出|登録)/,
  // Asking the ministry to speak to their superior or body for them (そっちから言ってもらえませんか).
  /(そっち|そちら|総務省|国)から[^。?？]{0,12}(言って|言うて|伝えて|注意して|指導して|何とか)[^。?？]{0,6}(もらえ|ほしい|欲しい|くれ|いただけ|ください|下さい|もらい)/,
  /(総務省|担当)の(人|方|担当者)に/,
  // Asking to speak directly or to be called back (直接お話しさせて, 折り返しを).
  /(直接|じかに)(お話し?|話し?|相談|説明)(を)?(させて|したい|し(たい|て)|させていただ|できま|できな|お願い)/,
  /折り?返し(の)?(お?電話|ご?連絡|段取り)?(を|が)?(お願い|ください|下さい|いただけ|もらえ|ほしい|欲しい)/,
  /\b(talk|speak|chat) (to|with) (a |an |the )?(real |actual |live )?(human|person|someone|somebody|operator|agent|staff|people)\b/i,
  /\b(a |an )?(real |actual |live )?(human|person)\b[^.?!]{0,20}\b(chat|talk|speak)\b|\binstead of (you|the bot|a bot)\b/i,
  /\b(put|get) me (through|in touch|in contact)\b|\b(connect|transfer|forward) me (to|with)\b|\bescalate (this|it|my|the)\b/i,
  /\b(contact|escalate|escalation|ask) (the )?(ministry|office|staff|human|person)\b/i,
  // Asking the bot to hand the matter on (pass this on to HR): only a person takes it from there.
  /\b(look|looking) into (this|it|that|the matter|my case|our case)\b/i,
  // Someone asked to tell the asker (have someone from the personnel side tell me).
  /\b(like|want|need|ask) (an official|someone|somebody|a person|a human|staff)\b[^.?!]{0,40}\bto (review|reply|respond|look at|check|contact|call|get back)\b/i,
  // Passed up to the office (担当に上げてもらえる?).
  /(担当|上|窓口|総務省)(に|へ)(上げて|あげて|回して|まわして)(もらえ|くれ|ほしい|欲しい|ください|下さい)/,
  /\b(have|get) someone (from|in|at|on) [^.?!]{0,40}\b(tell|contact|call|advise|explain)\b/i,
  // (Asked of the bot: prefectures that "pass it on to" municipalities are not asked to.)
  /(^|[.!?]\s*|\b(please|can you|could you|would you|will you|kindly)\s+)pass (this|it|that|my (question|request|case|message)) (on|along|over)\b/i,
  /\b(give|gave) (me|us) a (call|ring)\b|\b(call|phone|ring) me\b/i,
  // お取り次ぎ願えますか: put through to someone.
  /(お?取り?次ぎ|取次)/,
  // Asking to be called or written back: only a person can.
  /\b(call|ring|phone|e-?mail|contact|get back to) me( back)?\b(?! (at|on) )|\b(have|get|ask) (someone|somebody|a person|an official|staff)\b[^.?!]{0,30}\bto (call|contact|e-?mail|ring|phone|get back to)\b/i,
];
const JUDGEMENT = [
  /(て|で)も?(よい|良い|いい|かまわない|構わない|差し支えない|大丈夫|問題ない)(のでしょうか|でしょうか|ですか|か|？|\?)/,
  /(設けて|認めて|定めて|決めて|導入して|使って|使用して|持ち帰って|接続して)(よい|良い|いい)/,
  /(可能|許可され|許され|認められ|違反|適法|違法)(ですか|でしょうか|ますか|ますでしょうか|るか|か|になりますか|になるか)/,
  /\b(is it (ok|okay|allowed|permitted|legal)|may we|can we legally|are we allowed)\b/i,
  /\b(confirm|guarantee|promise) (exactly|for sure|for certain|that)\b/i,
  /(判断|判定|確約|保証|確定|審査|レビュー)(して|を|して(ほしい|欲しい|ください|もらえ|いただけ))/,
  /(うち|当市|当町|当村|本市|本町|わが|我が)[^。?？]{0,40}(決めて|定めて|確定して|判断して)(ほしい|欲しい|ください|もらえ)/,
  /(問題ない|違法じゃない|違法ではない|大丈夫)か(判断|確認|教え|見て)/,
  /(断言|明言|確約)(して|しろ|せよ|できますか|してください)/,
  /言い切(って|れ)(もらえ|いただけ|ください|下さい|ほしい|欲しい|ますか|る?\?)/,
  // 「個別に見てもらえますか」: a ruling on one case, which only the office can give.
  /個別(に|の)(案件|ケース|事例|経費)?[^。?？]{0,8}(見て|確認|判断|審査|チェック|相談)/,
  // Whether it may be done, asked of the ministry (可否を示してほしい, 許可してよいものか).
  /可否(を|について)?[^。?？]{0,6}(示して|判断して|教えて|回答して|答えて)(ほしい|欲しい|ください|下さい|もらえ|いただ)/,
  /(て|で)も?(よい|良い|いい)もの(か|でしょうか|ですか|なのか)/,
];
/** A device or data that belongs to work: what an incident happens to. */
const WORK_ASSET =
  '(役所|役場|市|町|村|県|職場|課|学校|施設|病院|事務所|署|局|センター)の(ノーパソ|ノートパソコン|パソコン|PC|pc|端末|タブレット|スマホ|携帯|usb|USB)|テレワーク(用)?の(端末|パソコン|PC|ノーパソ)|持(って|ち)帰(っ(た|とった|てきた)|り)[^。]{0,20}(タブレット|パソコン|PC|ノーパソ|端末|資料|書類|名簿|データ)|(課税|税務|住民|福祉|給与|人事)(の|関係の)?(資料|書類|データ|名簿)|(住民|市民|町民|村民)の(住所|名前|氏名|情報)|(役所|市役所|役場|県庁|庁|職場|勤務先)(から|で)(借り|貸与|支給|配られ)|仕事用の?(パソコン|PC|ノート|端末|スマホ|携帯|タブレット|機械|usb|USB)|業務用の?(パソコン|PC|ノート|端末|スマホ|携帯|タブレット|usb|USB)|公用(パソコン|PC|端末|スマホ|携帯)|貸与の?(端末|パソコン|PC|ノーパソ|ノートパソコン|ノートPC|タブレット|スマホ)|在宅用の?(機械|パソコン|PC|端末|ノート)|住民(の方)?の(名前|氏名|住所|名簿|データ|情報|個人情報)|住民データ|名簿(データ)?|usb|USB';
/** Something that happened to it, told in the past (left, taken, lost, used by a child, sent out, seen). */
const MISHAP =
  '(挿し|刺し|差し)っぱなし|(挿|刺|差)さったまま|(公開して|公開状態に)(た|いた|しまっ|ました|ま(ま|んま))|全員[」』]?(に|で)公開|誰でも見(られ|れ)る状態|勝手に[^。]{0,12}(再起動|アプリ|インストール|ゲーム|入れ)|再起動(しよる|してる|を繰り返|ばかり)|見たこと(の)?ない(画面|表示|メッセージ|ウィンドウ)|(変な|怪しい)(広告|画面|表示|警告|メッセージ|ウィンドウ)|拡張子|(知らない|知らん|見知らぬ)(会社|人|業者|機器|宛先)|届いてしま|届いちゃ|抜かれ|(番号|アドレス|宛先)が[^。]{0,6}(違って|間違って|ずれて)|置いて(き|いっ)(た|ちゃ|てしま)|置き忘れ|持って(いか|行か)れ|盗られ|取られ|割られ|見当たら(な|ん)|見当たりませ|見つから(な|ん)|見つかりませ|出てこ(な|ん)|出てきませ|(ゲーム|アプリ|ソフト)を?入れ(て(遊|いた|いま|しま)|た|ちゃ)|遊んで(た|い)|勝手に[^。]{0,10}(使|入れ|触|インストール)|(外部|外|関係ない|関係のない|無関係)の?(人|方|業者|アドレス)?[^。]{0,10}(送って(しま|もう)|送っちゃ|送信してしま|メールして(しま|もう)|メールしちゃ)|見られ(た|て(た|い))|(家族|子ども|子供|息子|娘|夫|妻|旦那)に[^。]{0,6}使わせ|印刷して(しまっ|そのまま|家に|自宅に)|持ち帰って(しまっ|き(ちゃ|てしま))|置きっぱなし|(どこを探しても|探しても)[^。]{0,6}(ない|ありません|見つから|出てこ)';

const INCIDENT = [
  // 落として alone is also "download" (手元に落として作業): only the past tense reports a loss.
  // (落としたい, 落としましょう: a download wanted.)
  // Not a loss guarded against or planned for (盗難対策, 紛失時の手順, 紛失した場合の連絡先).
  /((紛失|盗難)(?!(等|など)?(の|が|は|を|に|も)?(怖|こわ|心配|不安|リスク|恐れ|おそれ|対策|防止|予防|防ぐ|防げ|危険|時|際|場合|備え|手順))|盗まれ|なくし|無くし|失くし|置き忘れ|落とし(た(?!い|く|がっ)|てしまっ|まし(?!ょう)))(?!(した|された|に(遭|あ)った|た|てしまった)?(場合|際|時(?!点)|とき(は|に|の)))/,
  // Left behind on a train or in a taxi (置いたまま降りた, 忘れてきた).
  /(置いたまま|置きっぱなし|忘れたまま)[^。]{0,12}(降り|出|帰|来)|(電車|でんしゃ|新幹線|しんかんせん|タクシー|たくしー|バス|ばす|網棚|店)に[^。]{0,30}(忘れ|わすれ)(て|た|まし)/,
  // Not a leak only feared or guarded against (情報漏えいが怖くて, 漏えい対策, 情報漏れの心配).
  /(情報漏えい|情報漏洩|情報漏れ|漏えい|漏洩|流出|不正アクセス|不正ログイン|乗っ取|ウイルス(に|さ|へ)?感染|マルウェア(に|さ)?感染|ランサム)(?!(が|は|の|を|に|も)?(怖|こわ|心配|不安|リスク|恐れ|おそれ|対策|防止|防ぐ|防げ|危険))/,
  /(漏れ|もれ)(た|てしまっ|ている)/,
  /(誤って|間違って|間違えて)[^。]{0,30}(送信|送っ|送付|fax|FAX|ファックス|ファクス|配信|転送|公開|アップ|投稿|共有)/,
  // Addresses shown to every recipient (BCCでなくCCで一斉送信).
  /(bcc|BCC)[^。]{0,12}(cc|CC|宛先)|(cc|CC|宛先)で[^。]{0,20}(一斉|まとめて)?送信/,
  // Credentials given away (IDとパスワード入れちゃった), or known to someone who should not know them.
  /(パスワード|id|ID|ログイン情報|暗証番号)[^。]{0,12}(入れちゃ|入れてしま|入力してしま|入力しちゃ|打ち込んでしま|打ち込んじゃ)/,
  /(パスワード|暗証番号)[^。]{0,20}(知ってる|知っている|知った|知られ|漏れ|バレ|ばれ)/,
  /(フィッシング|偽(の)?(サイト|メール|ページ))(だった|かも|に引っかか|にひっかか)/,
  // Software nobody installed (入れた覚えのないソフト).
  /(覚えのない|おぼえのない|知らない|しらない|見知らぬ|みしらぬ)[^。]{0,6}(ソフト|そふと|アプリ|あぷり|プログラム|ぷろぐらむ|拡張機能)|(ソフト|そふと|アプリ|あぷり|プログラム|ぷろぐらむ)[^。]{0,10}(勝手に|かってに)(インストール|いんすとーる|入って|はいって)/,
  /(誤送信|誤配信|誤送付|誤爆)/,
  // Sent to the wrong recipient, told any way (宛先を別の業者にしてしまった, 別の番号に届いていた).
  /((宛先|送り先|送信先|送付先)(を|が)?|(fax番号|FAX番号|番号|アドレス)(を|が))[^。]{0,12}(間違|まちが|別の|違う|ちがう|誤)/,
  // A note in brackets may follow (別の宛先(外部)に), and the sending may be "mailed" (メールしてしまい).
  /(全く|まったく)?別の(番号|宛先|アドレス|人|業者|相手)(\([^)]{0,12}\))?(に|へ)[^。]{0,6}(届|送|行っ|いっ|メールし|転送し)/,
  // The address picked one off (宛先の候補がひとつずれて), the mail gone to someone else.
  /(宛先|アドレス|送り先|送信先)[^。]{0,8}(ずれ|ズレ)(て|と|た)[^。]{0,30}(送|届)/,
  // A bag with work things in it gone (リュックがなかとです, カバンがない).
  /(リュック|カバン|かばん|鞄|バッグ)(ごと)?(が|も)(なかと|なかっ|ない(?!と|か|の|場合)|無い(?!と|か|の|場合)|なくなっ|無くなっ|ねえ|ねぇ|あらへん)/,
  // Remote-control software installed at someone's word (言われるまま遠隔操作のソフトを入れちゃいました).
  /(遠隔操作|リモート操作|遠隔サポート)(の|用の)?(ソフト|アプリ|ツール|プログラム)[^。]{0,20}(入れちゃ|入れてしま|入れました|入れた(?!ら|い)|インストールしてしま|インストールしちゃ|インストールしました)/,
  // Residents' data seen going home on a USB stick (持ち帰ってるみたい).
  /(個人情報|住民|名簿|データ)[^。]{0,25}(usb|USB|ＵＳＢ)[^。]{0,20}(持ち帰って|持ち出して|持って帰って)(る|いる|た)(みたい|よう|らしい)/,
  // A ransom demand on screen, told plainly (英語で「金払え」みたいなの, 画面いっぱい真っ赤に).
  /[「『](お?金|カネ|かね)(を)?(払え|はらえ|よこせ)|画面(いっぱい|全体|一面|全部)[^。]{0,4}(赤く|真っ赤|まっか)/,
  // A note with credentials looked at (合言葉を書いた付箋をじっと見られていた).
  /(付箋|ふせん|メモ)(を|が)?[^。]{0,10}(見られ(た|て(た|い))|のぞかれ|覗かれ)/,
  // The recipient turned out to be an outsider (宛先が関係ない外部の人でした).
  /(宛先|送り先|送信先|送付先)(が|は)[^。]{0,8}(関係(の)?ない|無関係|外部|部外|知らない)[^。]{0,10}(でした|だった|やった|じゃった|だと(分か|わか|気づ|気付))/,
  // Work data passed on outside (LINEで友だちに送っちゃった, 近所の人に話してしまった).
  /(写真|画像|データ|資料|書類|個人情報|住民(の)?(情報|データ))[^。]{0,20}(lineで|LINEで|snsで|SNSで|友だち|友達|外部|近所)[^。]{0,10}(送っ|送信|流出|共有|話し|漏ら|見せ)/,
  /(のぞ|覗)(き|いて|かれ)[^。]{0,30}(個人情報|住民|画面)|(個人情報|住民(の)?情報)を[^。]{0,15}(話して|話し|漏ら|見せ)/,
  // A device or login nobody knows, malware found.
  /(見知らぬ|知らない|知らん|見覚えのない|身に覚えのない)(機器|端末|デバイス|ログイン|アクセス|セッション)/,
  /ウイルス(が|を)?[^。]{0,4}(検知|検出|見つか)/,
  // The security software warning now, not a warning asked about (警告が出たら).
  /(ウイルス|ウィルス|セキュリティ)(対策)?(ソフト)?[^。]{0,6}(警告|アラート)(が|を)?[^。]{0,4}(出(て|し(?!たら)|た(?!ら)|続|まく|っぱ)|鳴(っ|り)|表示され(て|た(?!ら)))/,
  /(撮影|スクショ|スクリーンショット|撮って|撮られ|撮った|写真に撮)[^。]{0,30}(sns|SNS|ネット|投稿|上げ|アップ|インスタ)/,
  // A password or a screen photographed by someone else (付箋のパスワードを写真に撮られたかも).
  /(パスワード|暗証番号|画面|モニター|名簿|個人情報)[^。]{0,40}(撮られ|盗撮され)/,
  // Something opened, then the machine misbehaved (開いたら画面が真っ黒に, クリックしたら変なウィンドウ).
  /(添付|リンク|ファイル|url|URL|メール)[^。]{0,12}(開いたら|開いた後|開いてから|開いた途端|クリックしたら|押したら|実行したら)[^。]{0,30}(変な|真っ黒|真っ暗|重く|重い|固ま|ウィンドウ|警告|見慣れな|英語|消え|勝手)/,
  // Ransomware by its other symptoms: renamed files, a demand for cryptocurrency.
  /(拡張子|ファイル名)[^。]{0,20}(変わ|変更され|書き換わ)|(ビットコイン|仮想通貨|暗号資産)[^。]{0,12}(払え|支払|要求|送金)/,
  // Credentials handed to someone (同僚にIDとパスワードを教えてしまった).
  /(id|ID|ＩＤ|パスワード|アカウント|暗証番号)[^。]{0,15}(教えてしま|教えちゃ|教えました|教えた(?!ら)|渡してしま|貸してしま|貸しちゃ|共有してしま)/,
  // A work device damaged (コーヒーをこぼして電源が入らない, 落として画面が割れた).
  /(パソコン|pc|PC|ノーパソ|ノートパソコン|端末|タブレット)[^。]{0,20}(こぼし|こぼれ|水没|壊して|壊れ|割れ|割って|電源が入らな|起動しな)/,
  // Someone at home used or opened the work device (息子が貸与PCでサイトを開いていた).
  /(息子|娘|子ども|子供|家族|同居人|夫|妻|旦那|親)[^。]{0,25}(貸与|公用|仕事用|業務用|在宅用)の?(pc|PC|パソコン|ノーパソ|端末|タブレット)[^。]{0,25}(開いて|使って|使われ|触って|いじ|撮って|見て)/,
  /\b(sent|attached|forwarded|e-?mailed|shared) the wrong (attachment|file|document|spreadsheet|list|version)\b|\bwent to [^.?!]{0,40} instead of\b/i,
  /\b(was|were|got|been) left (behind )?(in|on|at) [^.?!]{0,30}\b(taxi|cab|train|shinkansen|subway|bus|station|restaurant|bar|car|plane|airport)\b/i,
  // "…can't find it" of a device or a bag (not of a document's URL).
  /\b(laptop|notebook|pc|computer|phone|smartphone|tablet|device|usb|bag|briefcase|backpack)\b[^?!]{0,80}\b(can't|cannot|couldn't|still can't|unable to) (locate|find|trace) (it|them)\b/i,
  // Work data sent to a private mailbox or cloud (forwarded the list to his personal Gmail).
  /\b(forwarded|sent|e-?mailed|uploaded|copied|synced)\b[^.?!]{0,60}\b(personal|private|own|home) (gmail|e-?mail|mail|account|address|dropbox|drive|cloud|inbox)\b/i,
  /(個人の|私用の|自分の|私的な)(メール|アドレス|gmail|Gmail|クラウド|ドライブ)[^。]{0,10}(に|へ)[^。]{0,10}(送|転送|保存|アップ)/,
  // Work data synced or saved to a private or outside cloud without meaning to (個人のフォトに同期されてました).
  /(個人|私用|自分|私|メーカー|外部)の?[^。]{0,16}(アカウント|クラウド|フォト|ドライブ|アルバム)[^。]{0,20}(同期され|自動(で|的に)?(保存|同期|アップ)|保存され(る|て)|アップロードされ)/,
  // Published to anyone without meaning to (リンクを知っている全員が閲覧可, 検索で出てくる状態).
  /(全員|誰でも|だれでも)[」』]?[^。]{0,6}(閲覧可|閲覧でき|見られる|見れる|アクセス可|アクセスでき)[^。]{0,30}(状態|設定|なって|指摘|気づ)|検索(で|に)[^。]{0,4}(出てくる|出てきた|ヒットする|ヒットした|引っかかる|引っかかった)/,
  /\b(lost|stolen|stole|theft|robbed|leak(ed)?|breach|malware|ransomware|hacked|infected|compromised|virus)\b/i,
  /\b(clicked|opened) (on )?(a|an|the) (link|attachment|file)\b|\b(typed|entered|put) (in )?my [a-z ]{0,20}(password|credentials|login|id)\b/i,
  /\b(wrong|incorrect) (external )?(address|recipient|person|e-?mail|fax number|number)\b|\b(mistakenly|accidentally|by mistake) (e-?mailed|sent|faxed|forwarded|shared|posted)\b/i,
  /\b(nobody|no one|none of us) recogni[sz]es?\b/i,
  /\b(never used|don't recognise|don't recognize|do not recognise|do not recognize|unknown (device|pc|computer|login|session))\b/i,
  /\bvirus (was |has been |got )?(detected|found)\b/i,
  /\b(took|taken|taking|take) (over|control of) (my|our|the)\b|\b(hijack(ed)?|remotely controlled)\b/i,
  // Ransomware by its symptom: a ransom note on the screen, files encrypted.
  /(身代金|脅迫(文|メッセージ|画面)|(ファイル|データ)(は|が|も|を)?[^。]{0,8}(暗号化され|開けなくな)|復元したければ|復旧したければ)/,
  // Residents' data shown in a photo or a screen that went online (写り込んでた, 拡散).
  /(写り込|映り込|写って|映って)[^。]{0,30}(sns|SNS|ネット|投稿|拡散|アップ)|(sns|SNS|ネット)[^。]{0,30}(写り込|映り込|拡散され)/,
  // Left or forgotten on a vehicle or in a place, whoever's it was (left the laptop the city lent me on the overnight bus).
  /\b(left|forgot) (my|our|the|a|an|his|her|their) [^.?!]{0,50}\b(in|on|at) (a|the|an) ([a-z-]+ )?(taxi|cab|train|shinkansen|bullet train|subway|bus|coach|station|restaurant|bar|car|plane|airport)\b/i,
  /\b(can't|cannot|couldn't) find (my|our|the) (laptop|notebook|pc|computer|phone|smartphone|tablet|device|usb)\b/i,
  /\b(went|gone|go|is|are|was) missing\b/i,
  // A break-in that took a work device (someone broke into her car and took the notebook we lend her).
  /\b(broke|broken) into\b[^.?!]{0,60}\b(took|stole|taken|stolen)\b/i,
  // A work item that vanished or is still somewhere it should not be (not with me, still on the last train).
  /\b(laptop|notebook|pc|computer|phone|smartphone|tablet|device|usb|bag)\b[^.?!]{0,60}\b(vanished|disappeared|(is|are|was|were) (not|no longer) with me|(is|are) still (on|in|at) the)\b/i,
  // Phishing: a suspicious mail, attachment or link that was opened.
  /(不審|怪し|あやし|見覚えのない|知らない)[^。]{0,15}(メール|添付|ファイル|リンク|url|URL|サイト)[^。]{0,15}(開い|開け|クリック|押し|実行|アクセスし|ダウンロードし)/,
  /(フィッシング|標的型)(メール|攻撃|詐欺|サイト)?[^。]{0,15}(開い|クリック|入力|引っかか|被害|届い|踏ん|踏み)/,
  // A link "stepped on" (リンク踏んじゃった): clicked by mistake.
  /(リンク|url|URL)(を)?(踏ん|ふん)(だ|じゃ|でしま)/,
  /\b(clicked|opened) (a |an |the )?(suspicious|phishing|strange|unknown)\b/i,
  // Sent to the wrong person, or by mistake: a mis-sent mail or file is a leak to report.
  /\b(sent|e-?mailed|mailed|forwarded|shared|uploaded|posted|faxed)\b[^.?!]{0,60}\bto (the |a )?wrong (address|person|recipient|people|group|department|section|email|e-mail|contact)\b/i,
  /\b(mis-?sent|misdirected (e-?mail|mail|file|fax)|wrong recipient|accidentally (sent|shared|uploaded|posted|published|leaked|exposed|forwarded|e-?mailed|cc'?d))\b|\b(sent|e-?mailed|forwarded|shared|uploaded|posted)\b[^.?!]{0,40}\b(by mistake|in error)\b/i,
  // Someone else in the account: an unknown login is an incident before it is a question.
  /\b(unauthori[sz]ed (access|login|log-?in|use|sign-?in)|someone (else )?(has )?(logged|logging|signed|got) (in|into|on)|(login|log-?in|sign-?in|access) from an? (ip|device|location|country|address) (i|we) (don't|do not|didn't|did not|can't|cannot) recogni[sz]e|suspicious (login|log-?in|sign-?in|activity|access))\b/i,
  /\b(files? (are|were|got|have been|has been) encrypted|demanding (a )?(ransom|payment|bitcoin))\b/i,
  // Told as a story without the usual words: a work device or residents' data, and something that
  // happened to it (置いてきちゃった, 持っていかれ, 見当たらない, 息子がゲームを入れて, 外部の人に送ってしまい).
  new RegExp(`(${WORK_ASSET})[^。]{0,40}(${MISHAP})|(${MISHAP})[^。]{0,40}(${WORK_ASSET})`),
  // Left somewhere (網棚に置いてきた), gone missing (USBが見当たらない), taken (カバンごと持っていかれた).
  /(網棚|電車|でんしゃ|新幹線|タクシー|バス|店|駅|車内)(に|さ|へ)[^。]{0,20}(置い(て|で)き|置いてっ|置き忘れ)/,
  /(usb|USB|ＵＳＢ|パソコン|PC|ＰＣ|端末|スマホ|ノート|タブレット)(メモリ)?[^。]{0,8}(が|も)(見当たら(な|ん)|見当たりませ|見つから(な|ん)|見つかりませ|出てこ(な|ん)|出てきませ)/,
  // Nowhere to be found, in any dialect (どこにもなかとです, どこにもあらへん).
  /(usb|USB|ＵＳＢ|パソコン|PC|ＰＣ|端末|スマホ|ノート|タブレット|書類|名簿|資料|データ)[^。]{0,20}(どこにも|どこ探しても|どこを探しても)(ない|なか|あらへん|ねぇ|ねえ|無い|見当たら|見つから)/,
  /(カバン|かばん|鞄|バッグ)(ごと|ごと全部)?[^。]{0,6}(持って(いか|行か)れ|盗られ|取られ|ひったくられ)|車上(荒らし|狙い)|空き巣/,
  // The machine acting by itself, or a screen nobody has seen before (a remote intruder, malware).
  /(カーソル|マウス|ポインタ)[^。]{0,15}(勝手に|ひとりでに|独りでに)|勝手に(フォルダ|ファイル|アプリ|画面|ウィンドウ)[^。]{0,6}(開|動|閉|消)/,
  /(パソコン|PC|ＰＣ|端末)[^。]{0,15}(急に|突然)[^。]{0,10}(重(く|う)|遅く|固ま|落ち)[^。]{0,40}(見たことな|見慣れな|知らない|変な|英語の)[^。]{0,6}(画面|表示|メッセージ|ウィンドウ)/,
  // Someone got in: a login the asker did not make (入られた形跡, 使ってない時間にログイン).
  /(入られた|侵入された|ログインされた|アクセスされた)(形跡|跡|痕跡|みたい|ようで|かも)|(使って(い)?ない|覚えのない|身に覚えのない)[^。]{0,15}(時間|時刻|日時|夜中|深夜)[^。]{0,10}(ログイン|入られ|アクセス)/,
  // Shoulder-surfed: the screen seen by someone (見てた, 覗かれた), said in the past.
  /(画面|モニター|ディスプレイ)(を|が)?[^。]{0,10}(見られた|見られて(た|い)|見てた|見ていた|(覗|のぞ)かれ(?!な|る|ませ|そう|たく|ても|たら)|盗み見され|のぞいて(た|いた)|覗いて(た|いた)|のぞき込んで(た|いた)|覗き込んで(た|いた))/,
  /(画面|ファイル|資料|一覧|名簿|データ|個人情報)[^。]{0,40}(見られてしま[っい]|見られちゃ|見えてしま[っい]|見えちゃ|映ってしま[っい]|映っちゃ|写っちゃ|映り込んでしま[っい]|映り込んじゃ|写り込んじゃ)/,
  // The pointer moving by itself, told the other way round (勝手にマウス動き出して).
  /(勝手に|かってに|ひとりでに)[^。]{0,6}(マウス|カーソル|ポインタ)[^。]{0,6}(動|うご)/,
  // A process or program nobody has seen (見たことないプロセス), their own PC suspected of a virus.
  /(見たことない|見たことのない|見慣れない|知らない|覚えのない)[^。]{0,6}(プロセス|プログラム|ソフト|アプリ|通信)/,
  /(私|わたし|自分)の[^。]{0,6}(PC|pc|パソコン|端末)[^。]{0,8}ウイルス/,
  // Their own ID used by someone else (同僚が私のIDとパスワードで…ログイン).
  /(私|わたし|自分)の(ID|id|アカウント|パスワード)[^。]{0,20}(ログイン|使って|使われ|入って)/,
  /(使って(い)?ない|覚えのない|身に覚えのない)[^。]{0,15}(時間|時刻|日時|夜中|深夜)[^。]{0,10}(接続|ログイン)/,
  // A login while they slept, or one they say was not theirs (私ではありません).
  /(寝て(い)?た|寝てる|休んで(い)?た|不在の)[^。]{0,15}(時間|時刻|日時|夜中|深夜|間)[^。]{0,15}(接続|ログイン|アクセス)|(ログイン|アクセス|接続)[^。]{0,30}(私|自分|わたし)(では|じゃ)(ありません|ない)/,
  // A wrong address found afterwards (宛先が元職員の個人アドレスになってた), a recording or a camera pointed at the screen.
  /(宛先|送り先|送信先|アドレス)が[^。]{0,30}(になって(た|いた|いました|ました|しまっ)|のままだっ)/,
  /(録音|録画)されて(た|いた|いました|しまっ)|(スマホ|カメラ|携帯)を[^。]{0,6}(こっち|こちら|画面|私の方)に向け/,
  // A one-time code or password read out to a caller (ワンタイムパスワードを電話で伝えてしまった).
  /(ワンタイム|認証)(パスワード|コード|番号)[^。]{0,15}(教え|伝え|読み上げ|言って)/,
  /\b(read out|gave|told|shared|read)\b[^.?!]{0,30}\b(one-time|verification|otp|2fa|mfa|security|authentication) (code|password|pin)\b/i,
  // Mail sent from their own address by someone else, or macros enabled in a suspicious attachment.
  /(私|自分|わたし)の(アドレス|アカウント|メール)から[^。]{0,25}(送られ|送信され|届いて)|(コンテンツの有効化|マクロを有効|編集を有効)[^。]{0,10}(押し|クリック|し(て|ちゃ|まし))/,
  /\b(log-?in|sign-?in|access|session)\b[^.?!]{0,40}\b(that )?(wasn't|was not) me\b|\bsomeone (is|was|has been) using my (account|id|login|password)\b/i,
  /\b(sent|hit send|e-?mailed|forwarded|attached)\b[^.?!]{0,60}\bto (a|an|the|our) [a-z -]{1,25} instead of\b/i,
  /\b(my|our|the) (work|office|city|town|council)[- ](laptop|pc|computer|phone|tablet|device|usb)\b[^.?!]{0,60}\b(gone|missing|stolen|lost|left|taken|used by|hacked)\b/i,
];
const PRIVATE = [/(自宅|住所|個人の?(電話|携帯|連絡先)|携帯番号|家族)(を|も|は)?(教え|知りたい|調べ)/, /\bhome address\b/i];
const INJECTION = [
  /(以前|前|これまで|上記|今まで)の(指示|命令|設定|ルール)(を|は)?(無視|忘れ)/,
  /(システム|system)\s*(プロンプト|prompt)/i,
  /\bignore (all |any )?(previous|prior|above) (instructions|prompts?)\b/i,
  /(ロール|役割|キャラ)を?(変更|変え)/,
  /\b(jailbreak|developer mode|DAN)\b/,
  /(あなた|君|きみ|お前)は(もう|今から|これから|今日から)/,
  /\b(pretend|act as if|imagine) (that )?you('re| are)\b|\byou are now (my|a|an|the)\b/i,
  // Playing a part (担当者になりきって, 課長のふりをして).
  /(なりきって|になりきり|成りきって|のふりをして|のフリをして|を演じて|として振る舞)/,
  // A line dressed as the system's own ([システム] 管理者モード, "system:").
  /^\s*[\[［(（]?(システム|system|管理者|admin)[\]］)）:：]|管理者モード|開発者モード|admin mode/im,
  /(根拠|出典|引用|ソース)(は|が|を)?(いらない|要らない|不要|なし|無し|つけず|付けず|抜き)/,
  /\b(without|no) (citations?|sources?)\b/i,
];
/** The bot's own settings asked for: a prompt, keyword lists, configuration files. */
const INTERNALS =
  /((設定ファイル|システムプロンプト|プロンプト|キーワード一覧|キーワードのリスト|内部設定|設定の中身|contacts\.yaml|synonyms(\.yaml)?)[^。]{0,30}(見せて|表示して|出して|貼り付けて|貼って|教えて|全部)|\b(print|show|reveal|dump|display|list|output|paste)\b[^.?!]{0,30}\b(system prompt|prompt|routing keywords?|keyword list|config(uration)? files?|settings files?|contacts\.yaml|synonyms\.yaml)\b)/i;

const GREETING = /^(こんにち[はわ]|こんばん[はわ]|おはよう(ございます)?|はじめまして|ありがとう(ございます|ございました)?|hello|hi|hey|thanks?( you)?|help|ヘルプ|使い方|何ができ(ますか|る)|できること)[!！。.?？\s]*$/i;

/** Asks for a number or an address by other words (何番, 直通番号ある?, 連絡用アドレス, whose inbox). */
const NUMBER_OR_ADDRESS = [
  /((どこの|どの|どちらの)(部署|課|窓口|担当)|窓口(は|って)?(どこ|ですか)|何番|なんばん|番号(は|って)?(なんぼ|いくつ|いくら)|直通(番号|の番号)?(は|を|って|ある|あり|教|知)|(連絡用|問い?合わ?せ用|相談用)の?(アドレス|メール|番号)|(?<!(サイト|ページ|url|URL|リンク|ホームページ|HP|hp|PDF|pdf|ファイル)[^。]{0,3})(メール)?アドレス(は|を|って|ある|あり|教え|知り|[?？]|$)|番号(は|を|って)?(ある|あり|教え|知り)|番号(は|って)[?？]|(番号|電話番号|アドレス|連絡先)を(調べて|探して|探しています|調べています))/,
  /\b(whose inbox|which [a-z' ]{0,25}(mailbox|inbox|e-?mail address|address|phone number)|(which|what) (e-?mail|inbox|phone)\b|what number|what('s| is) (the|their) (number|address|e-?mail))\b/i,
  // A direct line or extension asked for (Which direct line?, what's the extension).
  /\b(which|what|whose|the|their|a) (direct (line|number|dial)|extension|phone line)\b|\bdirect (line|number|dial)\b[^.!]{0,20}\?/i,
];
/**
 * Asks where to turn (どこに言えばいい?, 連絡はどちらに, 窓口を教えて, 番号なんぼ): the asker will write or call
 * themselves, whatever wish to consult the ministry the message states.
 */
const ASKS_WHERE = [
  ...NUMBER_OR_ADDRESS,
  /どこ(に|へ|で)?[^。]{0,6}(連絡|相談|聞|問い?合|質問|電話|メール|言え|言う|伝え|持って|送れ|送る|かけ|掛け)/,
  /(連絡|相談|問い?合わ?せ|電話|質問)(は|って|を|先は)?(どこ|どちら|どっち|誰|だれ)/,
  /(どの|どちらの|どっちの)(部署|課|窓口|担当|係|部局|室)/,
  /窓口(を|が)?(教え|知り|知れ)/,
  // Where to turn in a case planned for (国へ相談する場合の先, 報告するときの窓口).
  /(相談|連絡|問い?合わせ|報告)(する|した)?(場合|とき|時|際)の(先|窓口|相手)/,
  // How to reach them (どうやって連絡をとれば, 連絡方法は), which section by its colloquial name (総務省のどこ課?).
  /(どうやって|どのように|どう)(連絡|問い?合わせ|質問|相談)|(連絡|問い?合わせ)(方法|の(取り|とり)方)(は|を|って)|どこ課|どこの課/,
  /(聞く|相談する|問い?合わせる|質問する|連絡する)(なら|には|のは|先は)(どこ|誰)/,
  /\b(who (should|do|can|would) (i|we) (ask|call|ring|write to|contact)|where (should|do|can|would) (i|we) (ask|call|send|write|turn|direct))\b/i,
  // An office guessed as where a topic goes (BYOD questions go to the Public Servants Division, is that right?).
  /\b(go|goes|belong|belongs|fall|falls) (to|under) (the )?[a-z' -]{0,40}\b(division|office|department|section|bureau)\b[^?!]{0,30}\b(right|correct|someone else|somebody else)\b/i,
  // "Where should it go?", "which MIC office do we write to": where a written question is sent.
  /\bwhere (should|do|does|would|can) (it|this|that|the question|my question|our question|the request) (go|be sent|be directed)\b|\bwhich [a-z-]{2,12} (office|department|division) (do|should|would|can) (i|we)\b/i,
];
const CONTACT = [
  ...ASKS_WHERE,
  // A free number asked after (フリーダイヤル?, toll-free?).
  /(フリーダイヤル|フリーコール|\btoll[- ]free\b|\bfreephone\b|\bfree ?dial\b)/i,
  /(連絡先|問い?合わ?せ先|問合せ先|相談先|メールアドレス|メアド|電話番号)/,
  // A 窓口 to ask at, not the counter where staff serve residents (窓口が止まりかけた, 窓口業務).
  /(相談|問い?合わ?せ|担当|連絡|申込み?|照会)窓口|窓口(は|って|を教|はどこ|を知り|が知り|の(連絡先|電話|メール|番号|アドレス))|(どこ|どの|別の|地元の|地域の|近くの)(に|の)?窓口/,
  // 担当課 asked for (担当課は, 担当部署を教えて), not named in passing (担当課だけで進めても).
  /担当(課|部署|の部署|室)(は|って|を|に|へ|が|の(連絡先|名前|電話|メール)|名|[?？]|$)/,
  /どこ(に|へ|で)?[^。]{0,6}(連絡|相談|聞|問い?合|質問|電話|メール|言え|言う|伝え|持って|送れ|送る|かけ|掛け)/,
  // A named office or section offered as the place to take it (推進室に持っていけばいい?): where to ask.
  /(室|課|部署|窓口|担当|係)(に|へ)(持って(い|行)けば|聞けば|相談すれば|問い?合わせれば|送れば|言えば|回せば|投げれば|振れば)/,
  // The section's number or address asked for (調査を実施した部署の電話は).
  /(部署|課|室|窓口|担当|係)の(電話|メール|連絡先|番号|アドレス)(番号)?(は|を|って|[?？]|$)/,
  /(聞く|相談する|問い?合わせる|質問する|連絡する)(なら|には|のは|先は)(どこ|誰)/,
  /(どの|どちらの|どっちの)(部署|課|窓口|担当|係|部局|室)/,
  // Where one may apply or enquire (申込先, 照会先), and who or which office can be asked.
  /(申込先|申込み先|申し込み先|照会先|連絡窓口)/,
  /(誰|だれ)(に|へ)[^。]{0,4}(聞|相談|問い?合|質問|連絡)/,
  /(聞ける|聞けば|相談できる|問い?合わせでき|問い?合わせられる|質問できる)(部署|課|窓口|ところ|所|先|担当)/,
  // 「担当はどこ」「所管している部署名は」「電話で聞きたい。番号は?」: who handles it, and by which channel.
  /(担当|窓口|所管|管轄)(部署|課|室)?(は|って)(どこ|どちら|誰|だれ)/,
  /(どこ|どちら|どの部署|どの課)の(担当|所管|管轄|部署|課|窓口)/,
  /(担当|所管|管轄)(して(い)?る|する|の)[^。?？]{0,12}(部署|課|室|部局|窓口|係)/,
  /(部署名|課名|部署の名前|担当部署|何課|何部|何係|何室)/,
  /(電話|メール)(で|から|でも)[^。?？]{0,8}(聞|相談|問い?合|連絡|質問|申し?込)/,
  /電話[^。]{0,20}番号|メールアドレス(は|を|って|が|も)|(?<!(サイト|ページ|url|URL|リンク|ホームページ|HP|hp|PDF|pdf|ファイル)[^。]{0,3})アドレス(は|を|って|が|も)/,
  /\b(contact|e-?mail|phone|who (should|do|can) i (ask|call|ring|write to))\b/i,
  // "Which section of the guideline" asks for a part of a document, not an office.
  /\b(which|what) (office|department|division|unit|section(?! (of|in) ))\b/i,
  /\b(what|which) number\b|\bnumber\s*\?|\b(number|address),? please\b|\b(ring|dial)\b|\b(call|reach|email|write to) (them|the|someone)\b/i,
  /\b(call|phone|ring|e-?mail|contact|reach) (mic|soumusho|somusho|the ministry)\b/i,
  /\bwho (handles|deals with|is in charge|is responsible)\b/i,
];

/** Asks for the address itself (to contact the office themselves). */
const ASKS_ADDRESS = [
  // Where to send a mail (どこ宛て, メールの宛先), not who a notice was addressed to (通知の宛先).
  /(どこ(宛|あて)|(メール|送り|送信|郵送|質問|照会|問い?合わ?せ)(文|書)?の?(宛て?先|あて先)|(宛て?先|あて先)(の)?(アドレス|メール))/,
  /(担当|問い?合わ?せ|相談|照会)窓口(は|って|を教|を知|[?？])/,
  // Which counter to ask at (窓口はどちらですか): the asker will write or call themselves.
  /窓口(は|って)(どこ|どちら|どっち)/,
  // 電話先は?, 送り先, 宛先どこ (not who a notice was addressed to: 通知の宛先).
  /((電話|連絡|送り|送信|メール)先|(?<!(通知|文書|通達)の?)(宛て?先|あて先))(は|を|って|どこ|どちら|[?？]|$)/,
  // The address or number itself asked for (メールを教えてもらえますか, 番号ください, 両方ください).
  // (A site's アドレス is its URL: サイトのアドレス asks for a link.)
  // (A few words may come between: 番号だけ先にください, 直通を今すぐ教えて; not a call or a mail asked for:
  // 直通に電話してください asks to be called back.)
  /(メール(アドレス)?|(?<!(サイト|ページ|url|URL|リンク|ホームページ|HP|hp|PDF|pdf|ファイル)[^。]{0,3})アドレス|電話番号|番号|連絡先|直通)(を|も|だけ)?((?!電話|連絡|かけ|掛け|送|折り返)[^。?？、]){0,5}(教えて|ください|下さい|ちょうだい|知りたい|欲しい|ほしい)/,
  // The number itself asked for politely (室の名前と番号をお願いします).
  /(アドレス|電話番号|番号|連絡先|直通)(を|も|だけ)?(お願い|おねがい)(します|いたします|できますか|でき|したい)/,
  // The request left unfinished at the end of the message (かける先の番号を。).
  /(アドレス|電話番号|番号|連絡先|直通)(を|も|だけ)[。.!！]?\s*$/,
  /(メール|電話)と(電話|メール)[^。]{0,20}(両方|どちらも)/,
  // Recalled in part (0120で始まる番号だったと思う): the rest of it is wanted.
  /(番号|アドレス)(だった|やった|でした)(と思う|っけ|よね|はず)/,
  // Only the number or address wanted (番号だけでいいです), or which one to call or write to (どこの番号にかければ).
  /(番号|アドレス|連絡先|メール)(だけ|のみ)(で|が)?(いい|良い|よい|結構|大丈夫|ok|OK|十分|構いません|かまいません)|(どこ|どちら|どっち|どの)の?(番号|電話番号|アドレス|メールアドレス)(に|へ|を|は|宛|あて)|(かければ|掛ければ|電話すれば|メールすれば|送れば)(いい|良い|よい|ええ)/,
  /(連絡先|問い?合わ?せ先|問合せ先|申込先|申込み先|申し込み先|照会先|メールアドレス|メアド|電話番号|どこ(に|へ)(連絡|問い?合わ?せ|電話|メール|確認))/,
  // A place where one can be advised (近場で相談を受けられるところ): the asker will go or call themselves.
  /(相談|問い?合わせ)[^。]{0,20}(できる|受けられる|聞ける|乗ってくれる|乗ってもらえる)(ところ|所|場所|窓口|先)/,
  /\b(who (should|do) i (contact|ask|write to)|contact details|e-?mail address|phone number)\b/i,
  /\b(to whom\b[^.?!]{0,40}\b(write|send|address|contact)|(give|send|tell) (me |us )?(the|their|its) (e-?mail )?address)\b/i,
  // The number or mail itself asked for (Please give me the number, could you give me their mail?).
  /\b(give|send|tell) (me|us) (the|their|its|your|that) (number|phone number|telephone number|e-?mail|mail|mail address|hotline number)\b/i,
  // How they can be reached (how can they reach it by phone?): the asker will call or write themselves.
  /\bhow (can|do|should|would|could) (i|we|they|you|one) (reach|contact|call|ring|get in touch with|get hold of)\b/i,
  ...NUMBER_OR_ADDRESS,
];
/** Asks the bot to pass the question on (not just for an address). */
const FORWARD = [/((つな|繋)(いで|げて|いでもら|いでほし|いで欲し|いでくだ)|代わりに|かわりに|エスカレ|転送|送って|送付して|伝えて|取り次)/, /(人|人間|担当者|オペレーター)と(話|はな)/, /\b(escalate|forward|pass (it|this) on|talk to|speak (to|with))\b/i];

const LINK = [
  /(url|URL|リンク|ホームページ|ウェブサイト|サイト|ページ|ダウンロード|DL|dl|pdf|PDF)(は|を|って|の場所|先|どこ)/,
  // A page's or file's address is its URL (ウェブページのアドレス, PDFのアドレス).
  /(ホームページ|ウェブサイト|サイト|ページ|pdf|PDF|ファイル|HP|hp)の?(アドレス|url|URL|リンク)/,
  /どこ(で|から)(見|読|入手|手に入|ダウンロード|DL|dl|落と)/,
  /(ダウンロード|入手|閲覧)(先|場所|方法|でき)/,
  // Where a file is kept (インストーラーの置き場所は?).
  /(置き場所|置き場|保管場所|取りに行)/,
  /\b(url|link|download|where can i (find|read|get))\b/i,
];

/**
 * Asking the bot itself for a recommendation of any kind (作業用BGMのおすすめある?, tips for choosing a desk):
 * the knowledge recommends no product, place or service, so this is shopping or leisure advice.
 */
const RECOMMENDATION = [
  /(おすすめ|オススメ|お勧め|お薦め|おススメ)(の|は|を|ある|あり|って|教え|[?？]|$)/,
  /\b((can|could|would) you (please )?recommend|any (good )?(tips|recommendations?|suggestions?) (for|on)|tips (for|on) (choosing|picking|buying|getting)|what (would|do) you recommend)\b/i,
];
/** The knowledge's own recommendation asked about (手引きが推奨, does the handbook recommend): a question, not shopping. */
const SOURCE_RECOMMENDS = /(手引き|通知|総務省|国|要件|ガイドライン|事例集|handbook|notice|mic|ministry|guideline|requirements?|case stud(y|ies))[^。.?!]{0,12}(おすすめ|お勧め|推奨|recommend)/i;

const PRODUCT = [
  /(おすすめ|オススメ|お勧め|お薦め|おススメ)(の|は|を|な)?[^。]{0,12}(パソコン|pc|ノート|タブレット|機種|製品|モニター|ディスプレイ|椅子|机|デスク|ルーター|ヘッドセット|マウス|キーボード|ウェブカメラ|webカメラ|カメラ|回線|プロバイダ)/i,
  /(パソコン|pc|ノート|タブレット|機種|製品|モニター|ディスプレイ|椅子|机|デスク|ルーター|ヘッドセット|マウス|キーボード|カメラ|回線|プロバイダ)[^。]{0,12}(おすすめ|オススメ|お勧め|お薦め|どれがいい|どれが良い|いいの(は)?どれ|安くて(いい|良い)|どっちが(安|いい|良)|(安い|お得)の(は)?(どっち|どちら|どれ)|買うなら|選び方|通販|amazon|アマゾン|楽天)/i,
  // "Does the handbook recommend starting small?" asks about the knowledge: a product must be named.
  /\b(recommend|suggest|best|good|decent|cheap)\b[^.?!]{0,30}\b(laptops?|pcs?|computers?|notebooks?|tablets?|chairs?|desks?|monitors?|displays?|webcams?|cameras?|headsets?|mice|mouse|keyboards?|routers?|brands?|models? to buy|products?)\b|\bwhich (laptop|pc|computer|chair|monitor|webcam|headset|router) (should|to) (i|we) buy\b/i,
  // Which provider or plan is cheapest (どのキャリアが一番安い, どこのプロバイダが安い): shopping advice.
  /(どの|どこの|どっちの)(キャリア|会社|プロバイダ|メーカー|機種|プラン|サービス|店)[^。]{0,10}(一番|いちばん|最も|もっとも)?(安い|お得|速い|いい|良い)|(一番|いちばん|最も)(安い|お得)(キャリア|プラン|プロバイダ|機種|のは|の[?？])/,
  // A VPN for private use (watching TV abroad) is a consumer product, not the office's remote access.
  /\b(recommend|suggest|best|good|cheap)\b[^.?!]{0,15}\bvpns?\b[^.?!]{0,30}\b(watch|stream|tv|netflix|abroad|overseas|games?)\b/i,
];

const PRIVATE_SECTOR = [
  /(弊社|当社|自社|うちの会社|我が社|わが社|会社員|民間(企業|会社)(の|で|です|に勤め|に勤務)|株式会社|中小企業(の|です|で)|社員(の|に|が|向け)|従業員(の|に|が|向け))/,
  // A company as the one who acts or is served (中小企業が, 企業向け, 事業主): the schemes here are for local governments.
  /(中小企業|民間企業|企業|事業者|事業主|個人事業主|会社|勤め先)[)）]?(が|向け|の(社員|従業員|方)|に対する)/,
  // Not "my employer": a city is one too.
  /\b(our company|my company|a private company|private firm|our employees|our staff at the company)\b/i,
  /(勤め先|会社|企業)[(（]民間|民間の(会社|企業|勤め先|メーカー)|民間勤め/,
  // A company's own telework, or one run by the asker's relative or client (会社の在宅勤務導入, 会社を経営している).
  /(会社|企業|事業所)の(在宅勤務|テレワーク|リモートワーク|在宅)|会社を(経営|営ん|やって)|会社経営/,
  // A relative's or friend's employer (夫の会社のテレワーク手当).
  /(夫|妻|旦那|嫁|父|母|親|兄|姉|弟|妹|家族|息子|娘|友人|友達|知人|彼氏|彼女)(さん)?の(会社|勤め先|職場|勤務先)/,
  /(夫|妻|旦那|嫁|父|母|親|兄|姉|弟|妹|家族|息子|娘|友人|友達|知人|彼氏|彼女)(さん)?(が|は)[^。]{0,20}(企業|会社|民間)(で|に)/,
  /\b(my|our) (husband|wife|partner|spouse|father|mother|dad|mum|mom|son|daughter|friend)'?s? (company|employer|firm|workplace)\b/i,
  /\b(small (and medium[- ]sized )?business(es)?|smes?|private (companies|businesses|sector)|companies|employers)\b/i,
];

/**
 * A person's own taxes (確定申告, 年末調整): never a telework-policy question here, even when it
 * mentions working from home (在宅勤務の電気代を確定申告で).
 */
/** Whether a text names a person's own taxes (the test of `personalTax`, for a part of a message too). */
export function mentionsPersonalTax(text: string): boolean {
  return PERSONAL_TAX.test(text);
}

/** The words naming a person's own taxes in a text (確定申告, 住民税). */
export function personalTaxTerms(text: string): string[] {
  return [...text.matchAll(new RegExp(PERSONAL_TAX.source, 'gi'))].map((m) => m[0]);
}

/**
 * Another country's government, staff or law (アメリカの連邦政府職員, 韓国の自治体, the UK civil service): the knowledge
 * speaks for Japan's local governments only, whatever a model trained on Japanese questions makes of it.
 */
const COUNTRY_EN = '(the )?(uk|united kingdom|britain|british|germany|german|france|french|netherlands|dutch|nordic countries|scandinavia|scandinavian|korea|korean|china|chinese|taiwan|taiwanese|singapore|australia|australian|canada|canadian|europe|european|america|american|us|usa|other countries)';
const GOVERNMENT_EN = '(civil servants?|civil service|public servants?|public sector|government( employees| workers| staff)?|officials|councils?|municipalities|local authorities|federal)';
// English: a country only with its government (civil servants in the UK, German municipalities), not where an asker comes from.
const FOREIGN = new RegExp(
  `(アメリカ|米国|韓国|中国|台湾|シンガポール|オーストラリア|カナダ|ドイツ|英国|イギリス|フランス|オランダ|北欧|欧米|欧州|ヨーロッパ|諸外国|連邦政府|海外の(公務員|政府|自治体|役所|行政)|\\b(united states|u\\.s\\.|us federal|federal (government|employees|agencies)|european union)\\b|\\b${COUNTRY_EN} ${GOVERNMENT_EN}\\b|\\b${GOVERNMENT_EN} (in|of|across) ${COUNTRY_EN}\\b)`,
  'gi',
);

/** The words naming another country's government or law in a text. */
export function foreignTerms(text: string): string[] {
  return [...text.matchAll(FOREIGN)].map((m) => m[0]);
}

const PERSONAL_TAX = /(確定申告|年末調整|所得税|住民税|ふるさと納税|\bfurusato no?u?zei\b|返礼品|寄(附|付)金受領証明|ワンストップ特例|控除|源泉徴収|青色申告|白色申告|課税され|非課税|\btax returns?\b|\bincome tax\b|\b(tax[- ])?deductible\b|\bdeduct(ion)?\b)/i;

/** A local government named as the user (役所でも使える?): the question is about our schemes, not a company's. */
const GOVERNMENT_USER = /(貴市|貴町|貴村|貴県|貴庁|貴団体|保守を受託|委託を受け|役所|役場|自治体|地方公共団体|市町村|市区町村|都道府県|公務員|公立|市立|県立|町立|村立|区立|公営|公的機関|\blocal governments?\b|\bmunicipalit|\b(for|serve|serves|serving|supports?|supporting|with) (several|many|a few|some|our|the|local|rural|small) (towns|cities|villages|councils|local authorities)\b)/i;

/** A company the asker has left for public service (民間から転職してきた, I used to work at a private firm): background. */
const PAST_EMPLOYER =
  /(から|より)(の)?(転職|転身|移って|移り|移ってき|来た|きた|来まし|きまし|中途|入庁|入所|採用され)|前職|元(は|々|もと)?民間|民間(出身|上がり)|\b(moved|came|switched|transferred|joined)\b[^.?!]{0,30}\bfrom (a |an |the )?(private|company|corporate|firm)|\bused to work (at|for|in)\b|\bformerly (at|with|in)\b|\bprevious(ly)? (job|employer|work)/i;

/** Whether something named is a private body, asked (…って民間の会社?, は民間企業ですか). */
const NATURE_ASKED = /(って|は|とは|というのは)[^。?？、]{0,3}民間(の)?(会社|企業|団体|事業|組織)?(なの|なん|です|でしょう|ですか|だっけ|\?|？|か(な|ね)?[。?？]|[?？])/;

const any = (patterns: RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

/** A rule recalled (使っていいんだっけ, ダメでしたっけ): the asker asks what it was. */
const RECALLED = /(いい|よい|良い|ok|ダメ|だめ|駄目)(ん|の)?(だ|やった|でした|だった)?っけ/i;


/** A company's telework named (its subsidy, its staff): not a local government's, not a company left behind. */
export function namesPrivateSector(text: string): boolean {
  const t = readingOf(nfkc(text).trim());
  // Asked whether a body is private (相談センターって民間の会社?): what it is, not a company's telework.
  return any(PRIVATE_SECTOR, t) && !GOVERNMENT_USER.test(t) && !PAST_EMPLOYER.test(t) && !NATURE_ASKED.test(t);
}

/** The asker's own tax papers (寄附金受領証明書, 源泉徴収票), beside personal tax named: losing one is a tax matter. */
const PERSONAL_TAX_PAPER = /(寄(附|付)金受領証明|源泉徴収票|控除証明|確定申告書|返礼品|税額(決定)?通知書|納税通知書|\btax (receipt|certificate|return form)s?\b)/i;
/** Work equipment or data, whose loss is a security incident whatever else the message names. */
const WORK_THING = /(端末|pc|パソコン|ノーパソ|スマホ|タブレット|usb|データ|ファイル|個人情報|名簿|リスト|一覧|メール|ウイルス|マルウェア|\b(laptop|device|data|file)s?\b)/i;

/** A 窓口 named as one item of an enumeration: Xとか…窓口とか, X、Y、窓口など. */
const LISTED_AMONG = /とか[^。?？]{0,12}窓口(とか|など|等)|、[^。?？、]{1,12}、[^。?？、]{0,8}窓口(など|等|とか)/;

export function detectIntents(question: string): Intents {
  const t = readingOf(nfkc(question).trim());
  const asksAddress = any(ASKS_ADDRESS, t);
  const general = askedInGeneral(t);
  return {
    // 「問い合わせたいので連絡先を」 asks for the address to write to: a contact question, unless
    // the bot is asked to pass the question on itself (つないで, 代わりに, エスカレ).
    wantsHuman: any(HUMAN, t) && !((asksAddress || any(ASKS_WHERE, t)) && !any(FORWARD, t)),
    // Asked "in general", or saying a ruling is not wanted, it is a question about the rule.
    // So is a rule recalled (使っていいんだっけ): what the rule was, not a ruling on a case.
    wantsJudgement: any(JUDGEMENT, t) && !general && !RECALLED.test(t),
    // Words of an injected instruction (reply with "HACKED") report no incident.
    // An incident asked about "in general" (一般論として、覗かれる対策は) is a question about the rule.
    // A personal tax paper lost (寄附金受領証明書をなくしちゃった) is the asker's own tax matter, not a security
    // incident, unless work equipment or data is named too.
    incident: any(INCIDENT, removeInjectionClauses(t)) && !general && !((PERSONAL_TAX_PAPER.test(t) || mentionsPersonalTax(t)) && !WORK_THING.test(t)),
    wantsPrivateData: any(PRIVATE, t),
    // Asking to see its settings (prompt, keyword lists, configuration files) is the same attempt.
    injection: any(INJECTION, t) || INTERNALS.test(t),
    // A 窓口 listed among other things asked for (資料とかお金とか相談窓口とか、一通り) is one item of a list, not where to ask.
    wantsContact: asksAddress || (any(CONTACT, t) && !LISTED_AMONG.test(t)),
    asksAddress,
    greeting: GREETING.test(t),
    wantsProduct: any(PRODUCT, t) || (any(RECOMMENDATION, t) && !SOURCE_RECOMMENDS.test(t)),
    personalTax: mentionsPersonalTax(t),
    // Asked whether a body is private (相談センターって民間の会社?): what it is, not a company's telework.
    privateSector: namesPrivateSector(t),
    wantsLink: any(LINK, t),
  };
}

/** English when the question is mostly Latin letters. */
export function detectLang(question: string): 'ja' | 'en' {
  // Counted by UTF-16 unit in one pass (what /[A-Za-z]/g and the kana/kanji class would match).
  let letters = 0;
  let cjk = 0;
  for (let i = 0; i < question.length; i++) {
    const c = question.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff66 && c <= 0xff9f)) cjk++;
  }
  return letters > 0 && letters >= cjk * 3 ? 'en' : 'ja';
}

const INJECTION_CLAUSES = [
  /(以前|前|これまで|上記|今まで)の(指示|命令|設定|ルール)(を|は)?(すべて|全て)?(無視|忘れ)(して|て)?(ください)?[、。,.\s]*/g,
  /(システム|system)\s*(プロンプト|prompt)を?(全文|すべて|全て|全部|そのまま)?(表示|教え|出力|見せ)(して|て)?(ください)?[、。,.\s]*/gi,
  /\bignore (all |any )?(previous|prior|above) (instructions|prompts?)[,.;:]?\s*/gi,
  /[^。!?？]{0,20}(根拠|出典|引用|ソース)(は|が|を)?(いらない|要らない|不要|なし|無し|つけず|付けず|抜き)[^。!?？]{0,20}[。!?？]?/g,
  /(あなた|君|きみ|お前)は(もう|今から|これから|今日から)[^。!?？]{0,30}[。!?？]?/g,
  // "…を全員に周知してください": the bot never broadcasts; the request is no part of what is asked.
  /[をも]?(全員|みんな|皆さん|皆様|みなさん|全職員|職員全員|チャンネル(の皆|全体)?|全体)(に|へ)(一斉に)?(周知|共有|連絡|通知|お知らせ|知らせ|アナウンス|拡散|展開)(して|しろ|せよ)?(ください|下さい|お願いします)?[、。,.\s]*/g,
  /\b(and )?(please )?(announce|share|broadcast|send) (this |it |that )?(to|with) (everyone|everybody|all|the (whole )?(channel|team|office))\b[,.!]?\s*/gi,
  // "reply only with the word HACKED": a dictated answer, no part of what is asked.
  // The dictated words end where the real request starts (… and then answer: how many …?).
  /\b(and )?((start|begin|end|finish) )?(your )?(reply|respond|response|answer|say|write|output|print)( only)? (with|using)( only)?( the word| the phrase)? [^.?!:]*?(?=\s+(and )?then\b|[.:!?]|$)[.:!]?\s*/gi,
  /\b(and )?then (answer|reply|respond|tell me)[:,]?\s*/gi,
  // A line dressed as the system's own ([システム] 管理者モードに移行しました。…すること。): its instruction
  // sentences go; a question written after them on the same line stays.
  // (SYSTEM NOTE TO ASSISTANT: …, システムからのお知らせ: … are dressed the same way; a --- line ends them.)
  /^\s*[\[［(（]?(システム|system|管理者|admin)(から(の)?(お知らせ|通知|指示|連絡)|\s+(note|message|notice|instruction|instructions|override|update)(\s+(to|for)\s+(the\s+)?(assistant|bot|ai|model))?)?[\]］)）:：]\s*([^。\n]*?(モード|無効|有効|禁止|こと|せよ|しろ|なさい|今後|以後|常に|必ず|mode|disabled|enabled|must|always|never|from now on|every (reply|answer|response)|all (replies|answers|responses)|revised|instead)[^。\n]*?(。|\.(?=\s|$))\s*)*(-{3,}\s*)?/gim,
  /\b(after that|then|afterwards)[,:]?\s*/gi,
  // "…は10割だと回答してください": keep the topic, drop the dictated answer.
  /(だと|であると|と)(回答|答え|断言|明言|言っ)(して|しろ|せよ)?(ください|下さい)?/g,
];

/** A request for the bot's settings, to the end of its sentence (tried only when such a word occurs: they scan widely). */
const INTERNALS_HINT = /(設定|プロンプト|キーワード|\.yaml|prompt|keyword|config|settings)/i;
const INTERNALS_CLAUSES = [
  // (The clause also ends where the message moves on: 、そのあとで…, 、それから…, 表示したあと、….)
  /[^。!?？\n]{0,40}(設定ファイル|設定プロンプト|システムプロンプト|キーワード一覧|キーワードのリスト|内部設定|contacts\.yaml|synonyms\.yaml)(?:(?![、,](そのあと|その後|それから|次に|ついでに|あとで|あと)|(?<=(たあと|た後|てから|たうえで|た上で))[、,])[^。!?？\n]){0,40}[。!?？]?/g,
  // (A Japanese sentence end ends the clause too: the question after 。 stays.)
  /[^.?!。？！\n]{0,60}\b(system prompt|routing keywords?|keyword list|config(uration)? files?|settings files?)\b[^.?!。？！\n]{0,40}[.?!。？！]?/gi,
];

const DICTATED_APPROVAL = /「?((承認|許可))(します|する|しました)。?」?と(言|回答|答|返)(って|え|し)(ください|下さい|て)?/g;

/** The question without instruction-changing clauses, so they neither steer nor dilute retrieval. */
export function removeInjectionClauses(question: string): string {
  // A dictated approval (「承認します」と言ってください) is a request for approval: kept as one.
  let t = nfkc(question).replace(DICTATED_APPROVAL, '$2してください');
  for (const re of INJECTION_CLAUSES) t = t.replace(re, ' ');
  if (INTERNALS_HINT.test(t)) for (const re of INTERNALS_CLAUSES) t = t.replace(re, ' ');
  return t.trim();
}
