import { execAll, type Span } from './span.js';

/**
 * Personal names. A name is only recognisable by what surrounds it, so these are context rules
 * (no name dictionary, no morphological analyser: kuromoji would add ≈ 290 MiB for this):
 *
 * - a kanji, kana or Latin run before an honorific or a title (山田さん, 佐藤課長, ヤマダタロウ様,
 *   John Smithさん, 山田 太郎 様), also with 達/たち/ら/宛て after it; the whole run is taken,
 *   so no part of a name (佐々木, 𠮷田) is left behind;
 * - Mr./Ms./Dr. and -san/-sama before or after a Latin name;
 * - a run after a word that says a person follows (担当, 申請者, 氏名, 名前 …), before と申します,
 *   after 〇〇課の in a self-introduction, and a name alone on the last line (a signature).
 *
 * Runs that are roles (担当者, 業者, 皆), organisations (総務課, 横浜市) or set phrases (仕様,
 * お疲れ様) are left alone.
 */

const HAN = '[\\p{sc=Han}ヶヵ]';
const KATA = '[\\p{sc=Katakana}ー]';
const LATIN_WORD = "[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?";

// Polite honorifics; a person's name is what comes before them.
const POLITE = 'さん|さま|様|サマ|サン|氏|殿|君|くん|クン|ちゃん|チャン|先生|せんせい|センセイ|先輩|せんぱい|女史|夫人';
// Titles: here the run before may also be a section (総務課長), so organisation words are excluded.
const TITLES =
  '課長補佐|課長代理|部長代理|副部長|副課長|副所長|副室長|課長|部長|係長|次長|主任|主査|主幹|主事|参事|室長|局長|所長|支所長|館長|園長|校長|教頭|教諭|社長|副社長|会長|専務|常務|理事長|理事|審議官|議員|委員長|教授|准教授|助教|講師|博士|医師|弁護士|税理士|看護師|保健師|班長|補佐|署長|隊長';
// Plural and addressing suffixes that follow a bare name: 山田達, 佐藤ら, 鈴木宛て.
const SUFFIX = '達|たち|ら|宛て|宛|あて';

// A word after the honorific that makes it part of another word (様式, 氏名, 君主, 殿堂, 先生方 is fine).
const HONORIFIC_CONTINUES = new RegExp(`^(?:${HAN})`, 'u');
const HONORIFIC_OK_BEFORE = /^(?:方|達|宛|補佐|代理|宅|家|一家|夫妻|親子)/u;

/** Words that take an honorific but are not names. */
const NOT_NAMES = new Set([
  '皆', '担当', '担当者', '職員', '利用者', '住民', '客', '関係者', '上司', '同僚', '部長', '課長', '係長', '室長', '先生', '各位',
  '業者', '事業者', '取引先', '委託先', '受託者', '相手', '先方', '市民', '町民', '村民', '区民', '県民', '部下', '後輩', '先輩',
  '上長', '首長', '市長', '町長', '村長', '区長', '知事', '議員', '委員', '人事', '総務', '窓口', '事務局', '管理者', '新人',
  '私', '僕', '俺', '我', '我々', '彼', '彼女', '彼等', '自分', '君', '貴方', '貴殿', '他', '誰', '何', '某', '各', '全員', '一同', '方々',
  '人', '人々', '友人', '知人', '仲間', '同期', '新卒', '若手', '女性', '男性', '子', '子供', '孫', '親', '両親', '母', '父', '母親', '父親',
  '兄', '姉', '弟', '妹', '妻', '夫', '嫁', '婿', '奥', '旦那', '主人', '家族', '親族', '親戚', '家内', '息子', '娘', '学生', '生徒', '児童',
  '教師', '医師', '看護師', '専門家', '本人', '当人', '患者', '大家', '近所', '隣人', '神', '仏', '王', '姫', '殿', '同', '多', '模', '異',
  '有', '一', '別', '今', '仕', '苦労', '御苦労', '世話', '御世話', '陰', '御陰', '馳走', '御馳走', '愁傷', '先祖', '日', '月', '以上',
  '敬具', '草々', '専', '自', '双方', '両者', '若者', '大人', '子ども', '赤', '坊', '坊主', '先', '御', '貴', '同様', '様', '外', '内',
  '医者', '歯医者', '先方様', '御中', '皆様', '各様', '上様', '王子', '女王', '社会人', '一般', '新任', '前任', '後任', '現任', '担任',
  '派遣', '非常勤', '常勤', '正規', '非正規', '管理職', '役職', '役員', '幹部', '首脳', '同志', '諸君', '諸兄', '兄弟', '姉妹', '夫婦',
  '相談', '応募', '参加', '受講', '申請', '依頼', '問合', '問合せ', '宛先', '当方', '弊社', '貴社', '御社', '当社', '本市', '当市', '貴市',
  '元', '前', '新', '現', '旧', '次', '全', '故', '副', '両', '諸', '歴代', '外部', '内部', '現場', '自宅', '職場', '在宅', '不明', '未定',
  '不在', '決定', '空席', '複数', '交代', '変更', '各自', '未', '別途', '誰か', '同上', '上記', '下記', '前記', '後記', '後述', '前述',
  // Times before a title (今朝課長に電話したら): when, not who.
  '今朝', '今日', '昨日', '明日', '本日', '先日', '当日', '毎朝', '毎日', '今週', '先週', '来週', '今月', '先月', '来月', '今年', '去年',
  '昨年', '来年', '昨夜', '今夜', '今晩', '今回', '前回', '次回', '毎回', '隣', '直属', '所属',
]);
const NOT_NAMES_KANA = new Set([
  'みな', 'みんな', 'おく', 'たく', 'おかあ', 'おとう', 'おじい', 'おばあ', 'おねえ', 'おにい', 'おじ', 'おば', 'おじょう', 'あか', 'おきゃく',
  'おつかれ', 'ごくろう', 'おかげ', 'ごちそう', 'おたがい', 'おまちどお', 'ひ', 'おひ', 'おつき', 'かみ', 'おう', 'とのさま', 'おこ', 'こども', 'おまわり',
  'おいしゃ', 'かんごし', 'おとな', 'あかちゃ', 'ぼっちゃ', 'みなさ', 'あなた', 'きみ', 'おれ', 'ぼく', 'わたし', 'わたくし', 'かれ', 'かのじょ', 'どなた',
  'だれ', 'おきゃくさ', 'ねえ', 'にい', 'かあ', 'とう', 'じい', 'ばあ', 'おやぶ', 'おや', 'ぎょうしゃ', 'せんぽう', 'おさき', 'おたく',
  'ベンダー', 'ベンダ', 'メーカー', 'ユーザー', 'ユーザ', 'クライアント', 'パート', 'バイト', 'アルバイト', 'スタッフ', 'ドライバー', 'ヘルパー',
  'ケアマネ', 'エンジニア', 'デザイナー', 'オペレーター', 'サポート', 'パートナー', 'ゲスト', 'メンバー', 'カスタマー', 'オーナー', 'リーダー',
  'マネージャー', 'マネジャー', 'コンサル', 'ママ', 'パパ', 'ワーママ', 'ベビー', 'シッター', 'ベビーシッター', 'プロ', 'ベテラン', 'チーム', 'グループ',
  'システム', 'テレワーク', 'オフィス', 'セキュリティ', 'サーバー', 'ネットワーク', 'デジタル', 'ヘルプデスク', 'サポートデスク', 'コールセンター',
  'インストラクター', 'トレーナー', 'コーチ', 'カウンセラー', 'アドバイザー', 'コンサルタント', 'ホスト', 'ゲスト', 'ファン', 'ボランティア',
]);

// Katakana roles in compounds: テレワークマネージャーさん, システムベンダー様, ITサポートさん.
const KANA_ROLE_END = /(?:マネージャー|マネジャー|リーダー|ユーザー|ユーザ|ベンダー|ベンダ|メーカー|スタッフ|サポート|センター|デスク|チーム|グループ|エンジニア|コンサル|コンサルタント|アドバイザー|パートナー|オーナー|メンバー|ヘルパー|ドライバー|オペレーター|インストラクター|カウンセラー|トレーナー|コーディネーター|ワーカー|シッター|ママ|パパ)$/u;
// Characters of section and function words, rare in personal names: a run holding one is an
// organisation or a common noun (総務, 情報政策, 人事, 導入), not a person.
const ORG_CHARS = /[務政策報財管理事業計推総括統調整技術営運制度険税祉防災危機境設築化育習議選挙監査契約給労法書課局室係署庁省域民活療護援支戦略交衛掃棄物資産施経秘庶会研修材員際画企情人当担導環県区職共開発用質全急看消警察対応窓受付談審査実予定件題問答]/u;
// A run ending in one of these is an organisation (横浜市様, 〇〇社さん, 本屋さん).
const ORG_END = /(?:市|県|都|府|区|庁|省|課|局|室|係|社|署|院|校|館|店|屋|会|団|組|協|体|家|所|園|部門|センター|機構|銀行|病院|大学|学校|役所|役場)$/u;
// Units that end a section name inside a longer run: 人事課佐藤 → 佐藤.
const ORG_CUT = /^(.{2,}?[課局室係署庁省社校館園班])(.{2,})$/u;

const ENDS_WITH_HONORIFIC = new RegExp(`(?:${TITLES}|${POLITE})$`, 'u');
// Time words glued before a name: 昨日鈴木様 → 鈴木.
const TIME_PREFIX = /^(?:昨日|今日|明日|本日|先日|後日|先週|今週|来週|先月|今月|来月|昨年|今年|来年|去年|今朝|今回|前回|次回|今度|毎日|毎週|当日|翌日|前日|最近|先程|後程|至急|早急|直接|再度|先ほど|以前|以後|従来|現在|本件|別件|当初)(?=.{2,}$)/u;
const HONORIFIC_RE = new RegExp(`(?:${TITLES}|${POLITE}|${SUFFIX})`, 'gu');
const IS_TITLE = new RegExp(`^(?:${TITLES})$`, 'u');
const IS_SUFFIX = new RegExp(`^(?:${SUFFIX})$`, 'u');

/** Walks left from `end` over a name run of one script (with one inner space); returns its start. */
function runStart(text: string, end: number, kind: 'han' | 'kata' | 'hira' | 'latin'): number {
  const isChar = (c: string): boolean =>
    kind === 'han'
      ? /^[\p{sc=Han}ヶヵ]$/u.test(c) || (c === 'ノ' && /^\p{sc=Han}$/u.test(text[i - 2] ?? '') && taken > 0)
      : kind === 'kata'
        ? /^[\p{sc=Katakana}\p{sc=Hangul}ー・]$/u.test(c)
        : kind === 'hira'
          ? /^\p{sc=Hiragana}$/u.test(c)
          : /^[A-Za-z'’.-]$/u.test(c);
  let i = end;
  let spaces = 0;
  let taken = 0;
  const max = kind === 'latin' ? 40 : 12;
  while (i > 0 && taken < max) {
    const cp = text.codePointAt(i - 1) ?? 0;
    // A surrogate pair (𠮷) is one character: step over both halves.
    const width = i >= 2 && cp >= 0xdc00 && cp <= 0xdfff ? 2 : 1;
    const c = text.slice(i - width, i);
    if (isChar(c)) {
      i -= width;
      taken++;
      continue;
    }
    // One space inside a name (山田 太郎, John Smith), never at its very start.
    if (c === ' ' && spaces < (kind === 'latin' ? 2 : 1) && i - 1 > 0 && taken > 0) {
      const before = text.slice(Math.max(0, i - 3), i - 1);
      const prev = Array.from(before).pop() ?? '';
      if (isChar(prev)) {
        i -= 1;
        spaces++;
        continue;
      }
    }
    break;
  }
  return i;
}

function scriptOf(c: string): 'han' | 'kata' | 'hira' | 'latin' | null {
  if (/^[\p{sc=Han}ヶヵ]$/u.test(c)) return 'han';
  // Hangul names (김민수さん) are read like katakana ones.
  if (/^[\p{sc=Katakana}\p{sc=Hangul}ー]$/u.test(c)) return 'kata';
  if (/^\p{sc=Hiragana}$/u.test(c)) return 'hira';
  if (/^[A-Za-z.]$/u.test(c)) return 'latin';
  return null;
}

/** Decides whether `run` (before an honorific of class `cls`) is a person's name; returns the part that is. */
function nameIn(run: string, cls: 'polite' | 'title' | 'suffix', script: 'han' | 'kata' | 'hira' | 'latin', before: string): string | null {
  let name = run.trim();
  if (name === '') return null;
  if (script === 'han') {
    name = name.replace(TIME_PREFIX, '');
    const cut = ORG_CUT.exec(name.replace(/ /g, ''));
    if (cut && !name.includes(' ')) name = cut[2]!;
    const compact = name.replace(/ /g, '');
    if (NOT_NAMES.has(compact) || /(?:者|員)$/u.test(compact)) return null;
    if (ORG_END.test(compact) && !(Array.from(compact).length <= 2 && /[市所家部]$/u.test(compact))) return null;
    if (ORG_CHARS.test(compact)) return null;
    if (cls === 'suffix' && Array.from(compact).length < 2) return null;
    return name;
  }
  if (cls === 'title' && script !== 'kata') return null;
  if (script === 'kata') {
    const compact = name.replace(/[ ・]/g, '');
    if (Array.from(compact).length < 2 || NOT_NAMES_KANA.has(compact) || /^ー/.test(compact) || KANA_ROLE_END.test(compact)) return null;
    if (cls === 'suffix' && Array.from(compact).length < 3) return null;
    return name;
  }
  if (script === 'hira') {
    // Hiragana names only at the start of a phrase (やまださん), never glued to other words.
    if (cls !== 'polite' || before !== '' && !/[\s、。,.!?！？「『(（:：・]$/u.test(before)) return null;
    const len = Array.from(name).length;
    if (len < 2 || len > 6 || NOT_NAMES_KANA.has(name)) return null;
    if (/^[をにがはでともへや]/u.test(name) && len <= 2) return null;
    return name;
  }
  // Latin: the last one to three capitalised words (I asked John Smithさん → John Smith), not
  // an acronym (NTTさん, KDDI様); YAMADA Taro is a name.
  const words = name.split(' ').filter(Boolean);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0 && kept.length < 3; i--) {
    if (!/^[A-Z][A-Za-z'’.-]*$/.test(words[i]!)) break;
    kept.unshift(words[i]!);
  }
  if (kept.length === 0) return null;
  if (kept.length === 1 && /^[A-Z]{1,4}$/.test(kept[0]!)) return null;
  return kept.join(' ');
}

function honorificSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of execAll(HONORIFIC_RE, text)) {
    const h = m[0];
    const at = m.index;
    const after = text.slice(at + h.length, at + h.length + 3);
    const cls: 'polite' | 'title' | 'suffix' = IS_TITLE.test(h) ? 'title' : IS_SUFFIX.test(h) ? 'suffix' : 'polite';
    // 様式, 氏名, 君主, 殿堂: the honorific is part of another word.
    if (HONORIFIC_CONTINUES.test(after) && !HONORIFIC_OK_BEFORE.test(after)) continue;
    if (cls === 'suffix' && h === 'ら' && /^[\p{sc=Hiragana}]/u.test(after) && !/^(?:[はがのにをとも、。]|へ)/u.test(after)) continue;
    // The run ends right before the honorific, or one space before it (山田 様).
    let end = at;
    if (text[end - 1] === ' ' && cls !== 'suffix') end--;
    const last = Array.from(text.slice(Math.max(0, end - 2), end)).pop() ?? '';
    const script = scriptOf(last);
    if (script === null) continue;
    if (cls === 'suffix' && script === 'hira') continue;
    let start = runStart(text, end, script);
    // 届くんです, 聞くんだ: a verb ending in く before ん, not a name with くん.
    if (h === 'くん' && script === 'han' && Array.from(text.slice(start, end)).length === 1) continue;
    // A run of kanji directly after the honorific-bearing kanji may be longer than a name: the
    // walk stops at 12, then the organisation cut keeps the person's part.
    const run = text.slice(start, end);
    const before = text.slice(Math.max(0, start - 2), start);
    // 山田様宛て: the polite honorific before the suffix was handled on its own.
    if (cls === 'suffix' && ENDS_WITH_HONORIFIC.test(run)) continue;
    let name = nameIn(run, cls, script, before);
    // 中山さくら先生: a kanji family name right before a hiragana given name.
    if (script === 'hira' && name === null && cls === 'polite' && /\p{sc=Han}$/u.test(before)) {
      const hira = run;
      if (Array.from(hira).length >= 2 && Array.from(hira).length <= 4 && !/[のがをにはでともへやっ]/u.test(hira)) {
        const s2 = runStart(text, start, 'han');
        const family = text.slice(s2, start);
        if (Array.from(family).length <= 3 && nameIn(family, cls, 'han', '') === family) {
          start = s2;
          name = family + hira;
        }
      }
    }
    if (name === null) continue;
    // The name is the run or its end (after a section cut: 人事課佐藤 → 佐藤).
    start = end - name.length;
    out.push({ start, end: start + name.length, kind: 'name' });
    // A family name and a given name in two scripts (山田 タロウ さん): take the neighbour run too.
    if (text[start - 1] === ' ' && start >= 2) {
      const prevScript = scriptOf(Array.from(text.slice(Math.max(0, start - 3), start - 1)).pop() ?? '');
      if (prevScript !== null && prevScript !== 'hira' && prevScript !== script) {
        const s2 = runStart(text, start - 1, prevScript);
        const extra = text.slice(s2, start - 1);
        if (nameIn(extra, cls, prevScript, text.slice(Math.max(0, s2 - 2), s2)) !== null) out.push({ start: s2, end: start, kind: 'name' });
      }
    }
  }
  return out;
}

// Mr. Smith, Ms Tanaka, Dr. Jane Doe; Yamada-san, Taro Yamada sama.
const LATIN_BEFORE = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam)\\.? (${LATIN_WORD}(?: ${LATIN_WORD}){0,2})`, 'dgu');
const LATIN_AFTER = new RegExp(`\\b(${LATIN_WORD}(?: ${LATIN_WORD}){0,2})[- ](?:san|sama|kun|chan|sensei|shi|dono|sensee)\\b`, 'dgu');

const LATIN_NOT_NAMES = /^(?:The|A|An|Our|My|Your|His|Her|Their|It|This|That|Japanese|Japan|Tokyo|Microsoft|Teams|Slack|Google|Zoom|Windows|Office|HR|IT|Ministry|MIC|MHLW|Sir|Madam|All|Everyone|Team|Staff|Customer|Support|Security|Telework|Mr|Ms|Mrs|Dr|Not|Sure|Sorry|Here|There|Thanks|Thank|Please|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|LGWAN|VPN|J-LIS)\b/u;

// Words that say a person's name follows.
const PERSON_CONTEXT =
  /(?:担当者名|担当者|担当|申請者名|申請者|申込者|氏名|お名前|名前|作成者|記入者|報告者|依頼者|相談者|質問者|送信者|差出人|宛名|連絡者|責任者|代表者|契約者|職員名|社員名|利用者名|回答者|承認者|決裁者|起案者|届出者|対象者|被保険者|本人氏名|署名|問い合わせ者|問合せ者|from|From|FROM|By|Name|name|Signed|signed)[ :：=は・「『(（]{1,3}/gu;
const NAME_AT = new RegExp(`^(?:${HAN}{1,4}(?: ?${HAN}{1,4})?|${KATA}{2,10}(?:[ ・]${KATA}{2,10})?|${LATIN_WORD}(?: ${LATIN_WORD}){0,2})`, 'u');
// 山田と申します, 総務課の山田です.
const SELF_INTRO = new RegExp(`(${HAN}{1,4}(?: ?${HAN}{1,4})?|${KATA}{2,10}(?: ${KATA}{2,10})?|${LATIN_WORD}(?: ${LATIN_WORD}){0,2})(?= ?(?:と申します|と申す|といいます|と言います|と名乗))`, 'dgu');
const ORG_INTRO = new RegExp(`(?:[市町村区県都府道課部局室係庁所社校園]|センター|チーム)の ?(${HAN}{1,4}(?: ${HAN}{1,4})?|${KATA}{2,10})(?= ?(?:です(?:[^\\p{sc=Hiragana}]|が|けど|$)|[(（]|より|と申))`, 'dgu');
// A signature: the last line is a name alone, perhaps after a section (総務課 山田) or a dash.
const SIGNATURE = new RegExp(`\\n[ \\-–—―]*(?:\\S{1,20}?[課部局室係市町村区所] )?(${HAN}{2,4}(?: ?${HAN}{1,4})?|${KATA}{2,10}(?: ${KATA}{2,10})?|${LATIN_WORD}(?: ${LATIN_WORD}){1,2})[ )）\n]*$`, 'dgu');
// After the last sentence: "よろしくお願いします。山田".
const TRAILING = new RegExp(`[。!！] ?(${HAN}{2,4}(?: ${HAN}{1,4})?|${KATA}{2,10}(?: ${KATA}{2,10})?)[ \n]*$`, 'dgu');
// 山田より at the end of a message; 山田(総務課) anywhere.
const FROM_END = new RegExp(String.raw`(?:^|[\s。!！、])(${HAN}{2,4}(?: ${HAN}{1,4})?|${KATA}{2,10}(?: ${KATA}{2,10})?)より[ 。\n]*$`, 'dgu');
const NAME_WITH_SECTION = new RegExp(String.raw`(?<![\p{sc=Han}ヶ])(${HAN}{2,4}(?: ${HAN}{1,4})?) ?[(（][^)）\n]{0,15}[課部局室係所庁省センター][)）]`, 'dgu');
// After a separator line (-- or ――), the first line is the sender.
const AFTER_RULE = new RegExp(String.raw`\n *(?:-{2,}|―{2,}|━{2,}|─{2,}|={2,}|_{2,}|\*{2,}) *\n *(?:\S{1,20}?[課部局室係市町村区所] )?(${HAN}{2,4}(?: ?${HAN}{1,4})?|${KATA}{2,10}(?: ${KATA}{2,10})?|${LATIN_WORD}(?: ${LATIN_WORD}){1,2}) *(?=\n|$)`, 'dgu');
// 山田(やまだ)さん: the reading between the name and the honorific.
const NAME_READING = new RegExp(String.raw`(${HAN}{1,4}(?: ?${HAN}{1,4})?) ?[(（][\p{sc=Hiragana}\p{sc=Katakana}ー・ ]{1,24}[)）] ?(?:${POLITE}|${TITLES})`, 'dgu');
// 普通 1234567 ヤマダタロウ: the account holder after the account number.
const ACCOUNT_HOLDER = new RegExp(String.raw`(?:普通|当座|貯蓄)(?:預金)? ?(?:口座)? ?\d{6,8} ?(?:名義 ?)?(${KATA}{2,12}(?: ${KATA}{2,12})?)`, 'dgu');
// A person mentioned by name in plain text: @山田.
const MENTION = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])@(${HAN}{2,6}|${KATA}{2,12})`, 'dgu');
// English: "My name is Taro Yamada", "Dear Taro", "Regards, Taro Yamada".
const LATIN_CONTEXT = new RegExp(`(?:[Mm]y name is|I am|I'm|This is|[Dd]ear|[Rr]egards,?|[Ss]incerely,?|[Tt]hanks,?|[Bb]est,?|[Cc]ontact|[Aa]sk|[Cc]all|[Ee]mail) (${LATIN_WORD}(?: ${LATIN_WORD}){0,2})`, 'dgu');

function acceptContextName(raw: string): string | null {
  const name = raw.trim();
  const compact = name.replace(/[ ・]/g, '');
  if (compact === '' || NOT_NAMES.has(compact) || NOT_NAMES_KANA.has(compact)) return null;
  if (/^\p{sc=Han}/u.test(compact)) {
    if (ORG_CHARS.test(compact) || ORG_END.test(compact) || /(?:者|員)$/u.test(compact)) return null;
  }
  if (/^[A-Z]/.test(compact) && /^[A-Z]+$/.test(compact)) return null;
  return name;
}

function contextNameSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of execAll(PERSON_CONTEXT, text)) {
    const from = m.index + m[0].length;
    const rest = text.slice(from, from + 40);
    const n = NAME_AT.exec(rest);
    if (!n) continue;
    // Latin context words (From, Name) only take a Latin name.
    if (/^[A-Za-z]/.test(m[0]) && !/^[A-Z]/.test(n[0])) continue;
    const name = acceptContextName(n[0]);
    if (name === null) continue;
    out.push({ start: from, end: from + name.length, kind: 'name' });
  }
  for (const re of [SELF_INTRO, ORG_INTRO, SIGNATURE, TRAILING, FROM_END, NAME_WITH_SECTION, AFTER_RULE]) {
    for (const m of execAll(re, text)) {
      const idx = m.indices?.[1];
      if (!idx) continue;
      let from = idx[0];
      let name = acceptContextName(text.slice(idx[0], idx[1]));
      // 総務課 山田: the section is not the name, the word after it is.
      const sp = text.slice(idx[0], idx[1]).lastIndexOf(' ');
      if (name === null && sp > 0) {
        name = acceptContextName(text.slice(idx[0] + sp + 1, idx[1]));
        from = idx[0] + sp + 1;
      }
      if (name === null) continue;
      if (re === SIGNATURE || re === TRAILING) {
        const compact = name.replace(/ /g, '');
        // The last line of a message is also where "以上" and "よろしく" live.
        if (/^\p{sc=Han}+$/u.test(compact) && Array.from(compact).length < 2) continue;
      }
      out.push({ start: from, end: from + name.length, kind: 'name' });
    }
  }
  for (const re of [NAME_READING, ACCOUNT_HOLDER]) {
    for (const m of execAll(re, text)) {
      const idx = m.indices?.[1];
      if (idx && acceptContextName(m[1]!) !== null) out.push({ start: idx[0], end: idx[1], kind: 'name' });
    }
  }
  for (const m of execAll(MENTION, text)) {
    const idx = m.indices?.[1];
    if (idx && acceptContextName(m[1]!) !== null) out.push({ start: idx[0], end: idx[1], kind: 'name' });
  }
  for (const re of [LATIN_BEFORE, LATIN_AFTER, LATIN_CONTEXT]) {
    for (const m of execAll(re, text)) {
      const idx = m.indices?.[1];
      if (!idx) continue;
      // Not a product, a place or a month: "Contact Microsoft Teams", "I am Japanese".
      if (re === LATIN_CONTEXT && LATIN_NOT_NAMES.test(m[1]!)) continue;
      out.push({ start: idx[0], end: idx[1], kind: 'name' });
    }
  }
  return out;
}

// Common family names (prefectures, cities and plain nouns left out), recognised alone when they
// are a whole kanji run followed by a particle: 部下の佐藤が, 田中に確認, 渡辺花子から.
const SURNAMES =
  '佐々木|長谷川|五十嵐|大久保|久保田|佐藤|鈴木|高橋|田中|伊藤|渡辺|渡邊|渡部|山本|中村|小林|加藤|吉田|山田|井上|木村|斎藤|齋藤|斉藤|清水|山崎|池田|橋本|阿部|山下|中島|石井|小川|前田|岡田|藤田|後藤|近藤|村上|遠藤|青木|坂本|福田|太田|西村|藤井|金子|岡本|藤原|三浦|原田|中川|松田|竹内|小野|田村|中山|和田|石田|森田|上田|柴田|酒井|工藤|横山|宮本|内田|高木|安藤|谷口|大野|丸山|今井|高田|藤本|武田|村田|杉山|増田|大塚|久保|松井|小島|岩崎|桜井|野口|松尾|野村|木下|菊地|佐野|大西|杉本|新井|浜田|菅原|水野|小松|島田|古川|高野|西田|菊池|山内|西川|北村|安田|中田|平田|飯田|吉川|本田|沢田|吉村|岩田|中西|服部|樋口|永井|松岡|田口|山中|森本|土屋|矢野|広瀬|秋山|石原|松下|松浦|吉岡|馬場|浅野|荒木|野田|小沢|田辺|川村|星野|黒田|尾崎|望月|永田|熊谷|内藤|松村|西山|大谷|平井|岩本|片山|本間|早川|横田|岡崎|荒井|大石|鎌田|成田|宮田|小田|篠原|須藤|河野|大沢|小西|栗原|伊東|松原|三宅|大森|奥村|内山|片岡';
const BARE_SURNAME = new RegExp(String.raw`(?<![\p{sc=Han}ヶ々])(${SURNAMES})( ?[\p{sc=Han}]{1,3})?(?![\p{sc=Han}ヶ々])(?=が|は|に|と|の|も|へ|を|や|から|より|まで|です|でした|[、。,.!?！？ )）]|$)`, 'dgu');
const TITLE_OR_HONORIFIC = new RegExp(`^ ?(?:${TITLES}|${POLITE})$`, 'u');
const HONORIFIC_END = new RegExp(`(?:${TITLES}|${POLITE}|${SUFFIX})$`, 'u');

function bareSurnameSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of execAll(BARE_SURNAME, text)) {
    let end = m.index + m[1]!.length;
    // 花子様, 太郎君: the honorific after the given name stays.
    const given = m[2]?.replace(HONORIFIC_END, '');
    if (given !== undefined && given.trim() !== '' && !TITLE_OR_HONORIFIC.test(given)) {
      // 佐藤市, 田中町, 山田課: a place or a section named after the family, not a person.
      if (ORG_CHARS.test(given) || ORG_END.test(given) || /^[町村字区郡]$/u.test(given.trim())) continue;
      if (!NOT_NAMES.has(given.trim())) end += given.length;
    }
    out.push({ start: m.index, end, kind: 'name' });
  }
  return out;
}

// A reading after a name: 鈴木一郎（スズキ イチロウ）.
const READING_AFTER = /^ ?[(（][\p{sc=Hiragana}\p{sc=Katakana}ー・ ]{2,24}[)）]/u;

export function nameSpans(text: string): Span[] {
  const spans = [...honorificSpans(text), ...contextNameSpans(text), ...bareSurnameSpans(text)];
  for (const s of spans) {
    const r = READING_AFTER.exec(text.slice(s.end, s.end + 30));
    if (r) s.end += r[0].length;
  }
  return spans;
}
