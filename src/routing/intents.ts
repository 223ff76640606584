import { nfkc } from '../text/normalize.js';

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
  /** A greeting or a request for help on using the bot, with nothing else. */
  greeting: boolean;
}

const HUMAN = [
  /担当(者|窓口|の方|部署)?(に|へ|と|から)(確認|相談|問い?合わ?せ|聞|つな|繋|連絡|話|回答)/,
  /(オペレーター|オペレータ|人間|有人|担当者|係の人|職員の方|人)と(話|はな|相談|チャット|代わ)/,
  /(問い?合わ?せ|エスカレーション|エスカレ)(たい|したい|してほしい|して欲しい|をお願い|てください|て下さい)/,
  /(総務省|窓口|担当)に(確認|相談|問い?合わ?せ|聞い|連絡)(を)?(お願い|したい|てほしい|て欲しい|たい|てください|して)/,
  /(確認|相談|回答)を?(お願い|したい|してほしい|して欲しい)(します|いたします|できますか)?/,
  /\b(talk|speak|chat) (to|with) (a )?(human|person|someone|operator|agent|staff)\b/i,
  /\b(contact|escalate|escalation|ask) (the )?(ministry|office|staff|human|person)\b/i,
];
const JUDGEMENT = [
  /(て|で)も?(よい|良い|いい|かまわない|構わない|差し支えない|大丈夫|問題ない)(のでしょうか|でしょうか|ですか|か|？|\?)/,
  /(設けて|認めて|定めて|決めて|導入して|使って|使用して|持ち帰って|接続して)(よい|良い|いい)/,
  /(可能|許可され|許され|認められ|違反|適法|違法)(ですか|でしょうか|ますか|ますでしょうか|るか|か|になりますか|になるか)/,
  /\b(is it (ok|okay|allowed|permitted|legal)|may we|can we legally|are we allowed)\b/i,
];
const INCIDENT = [
  /(紛失|盗難|盗まれ|なくし|無くし|失くし|置き忘れ|落とし)/,
  /(漏え?い|漏洩|流出|情報漏|不正アクセス|不正ログイン|乗っ取|ウイルス(に)?感染|マルウェア(に)?感染|ランサム)/,
  /\b(lost|stolen|leak(ed)?|breach|malware|ransomware|hacked)\b/i,
];
const PRIVATE = [/(自宅|住所|個人の?(電話|携帯|連絡先)|携帯番号|家族)(を|も|は)?(教え|知りたい|調べ)/, /\bhome address\b/i];
const INJECTION = [
  /(以前|前|これまで|上記|今まで)の(指示|命令|設定|ルール)を?(無視|忘れ)/,
  /(システム|system)\s*(プロンプト|prompt)/i,
  /\bignore (all |any )?(previous|prior|above) (instructions|prompts?)\b/i,
  /(ロール|役割|キャラ)を?(変更|変え)/,
  /\b(jailbreak|developer mode|DAN)\b/,
];
const GREETING = /^(こんにち[はわ]|こんばん[はわ]|おはよう(ございます)?|はじめまして|ありがとう(ございます|ございました)?|hello|hi|hey|thanks?( you)?|help|ヘルプ|使い方|何ができ(ますか|る)|できること)[!！。.?？\s]*$/i;

const any = (patterns: RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

export function detectIntents(question: string): Intents {
  const t = nfkc(question).trim();
  return {
    wantsHuman: any(HUMAN, t),
    wantsJudgement: any(JUDGEMENT, t),
    incident: any(INCIDENT, t),
    wantsPrivateData: any(PRIVATE, t),
    injection: any(INJECTION, t),
    greeting: GREETING.test(t),
  };
}

/** English when the question is mostly Latin letters. */
export function detectLang(question: string): 'ja' | 'en' {
  const letters = question.match(/[A-Za-z]/g)?.length ?? 0;
  const cjk = question.match(/[\u3040-\u30FF\u3400-\u9FFF\uFF66-\uFF9F]/g)?.length ?? 0;
  return letters > 0 && letters >= cjk * 3 ? 'en' : 'ja';
}

const INJECTION_CLAUSES = [
  /(以前|前|これまで|上記|今まで)の(指示|命令|設定|ルール)を?(すべて|全て)?(無視|忘れ)(して|て)?(ください)?[、。,.\s]*/g,
  /(システム|system)\s*(プロンプト|prompt)を?(表示|教え|出力|見せ)(して|て)?(ください)?[、。,.\s]*/gi,
  /\bignore (all |any )?(previous|prior|above) (instructions|prompts?)[,.;:]?\s*/gi,
];

/** The question without instruction-changing clauses, so they neither steer nor dilute retrieval. */
export function removeInjectionClauses(question: string): string {
  let t = nfkc(question);
  for (const re of INJECTION_CLAUSES) t = t.replace(re, ' ');
  return t.trim();
}
