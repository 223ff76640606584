/**
 * Personal data redaction, applied before anything is logged, stored in a ticket or sent.
 * Each kind is replaced by a marker that says what was removed.
 */

export type PersonalDataKind = 'my-number' | 'phone' | 'email' | 'name';

const MARKERS: Record<PersonalDataKind, string> = {
  'my-number': '[個人番号削除]',
  phone: '[電話番号削除]',
  email: '[メールアドレス削除]',
  name: '[氏名削除]',
};

// Order matters: e-mail before phone (digits inside addresses), My Number (12 digits) before phone.
const PATTERNS: { kind: PersonalDataKind; re: RegExp }[] = [
  // The look-behind starts a match only at the start of a run, so a long run of letters without
  // an @ costs linear time, not quadratic.
  { kind: 'email', re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { kind: 'my-number', re: /(?<![\d-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\d-])/g },
  {
    kind: 'phone',
    re: /(?<![\d-])(?:\+81[ -]?)?(?:0\d{1,4}[ -]\d{1,4}[ -]\d{3,4}|0[5789]0[ -]?\d{4}[ -]?\d{4}|0\d{9,10}|\(0\d{1,4}\)\s?\d{1,4}-\d{3,4})(?![\d-])/g,
  },
  // Names are only detectable with a cue: a surname-like word followed by an honorific.
  { kind: 'name', re: /[\u4E00-\u9FFF]{1,4}(?:\s?[\u4E00-\u9FFF]{1,4})?(?=(?:さん|様|さま|氏|君|くん)(?![\u4E00-\u9FFF]))/g },
];

/** Words that take an honorific but are not names (皆さん, 担当者様). */
const NOT_NAMES = new Set([
  '皆', '担当', '担当者', '職員', '利用者', '住民', '客', '関係者', '上司', '同僚', '部長', '課長', '係長', '室長', '先生', '各位',
  // Roles and organisations people address with さん: not personal names, and often the topic.
  '業者', '事業者', '取引先', '委託先', '受託者', '相手', '先方', '市民', '町民', '村民', '区民', '県民', '部下', '後輩', '先輩',
  '上長', '首長', '市長', '町長', '村長', '区長', '知事', '議員', '委員', '人事', '総務', '窓口', '事務局', '管理者', '新人',
]);

export interface Redaction {
  text: string;
  kinds: PersonalDataKind[];
}

/** Full-width digits and symbols are folded first so that ０９０−１２３４ is caught too. */
function foldDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0D\u2010-\u2015\u2212]/g, '-')
    .replace(/\uFF20/g, '@');
}

/** Known office contacts may be shown: only personal data is removed, not the ministry's published numbers. */
export function redactPersonalData(text: string, allow: ReadonlySet<string> = new Set()): Redaction {
  let out = foldDigits(text);
  const kinds = new Set<PersonalDataKind>();
  for (const { kind, re } of PATTERNS) {
    out = out.replace(re, (m) => {
      if (allow.has(m) || (kind === 'name' && NOT_NAMES.has(m))) return m;
      kinds.add(kind);
      return MARKERS[kind];
    });
  }
  return { text: out, kinds: [...kinds] };
}

/** True when the text holds personal data of any kind. */
export const containsPersonalData = (text: string): boolean => redactPersonalData(text).kinds.length > 0;
