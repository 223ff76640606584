import { digitsOf, execAll, spansOf, type PersonalDataKind, type Span } from './span.js';

/**
 * Identity, account and card numbers. A 12-digit number in any grouping is a My Number when a
 * context word says so or its check digit holds, and an identity number otherwise (a telework
 * figure is never twelve digits). Other numbers count only after a word that names them
 * (職員番号, 口座番号, パスポート …), except card numbers (Luhn) and passport/residence card shapes.
 */

/** My Number check digit (番号法施行令 第8条). */
export function validMyNumber(d: string): boolean {
  if (!/^\d{12}$/.test(d)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(d[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  const check = r <= 1 ? 0 : 11 - r;
  return check === Number(d[11]);
}

export function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return sum % 10 === 0;
}

// Twelve digits with any separators (spaces, dashes, dots, double spaces) between any of them.
const TWELVE = /(?<![\d.,])\d(?:[ ./-]{0,3}\d){11}(?![\d]|[ ./-]\d)/dgu;
// Card numbers: 13 to 19 digits, grouped or not.
const CARD = /(?<![\d.,])\d(?:[ -]?\d){12,18}(?!\d|[ -]\d)/dgu;
// Any long run of digits is an identifier of some kind (figures carry commas or units).
const LONG_DIGITS = /(?<![\d.,])\d{10,}(?![\d.,])/dgu;
// Japanese passports (TK1234567) and residence cards (AB12345678CD).
const PASSPORT = /(?<![A-Za-z0-9])[A-Z]{2}\d{7}(?![A-Za-z0-9])/dgu;
const RESIDENCE_CARD = /(?<![A-Za-z0-9])[A-Z]{2}\d{8}[A-Z]{2}(?![A-Za-z0-9])/dgu;
// 普通 1234567: a bank account in the way a transfer form writes it.
const BANK_ACCOUNT = /(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?(?:番号)?[ :：]{0,3}(\d{6,8})(?!\d)/dgu;

const MY_NUMBER_WORDS = /(?:マイナンバー|まいなんばー|個人番号|my ?number|MyNumber|My ?Number)/iu;

// Context words, each with the kind its number is.
const CONTEXT: { re: RegExp; kind: PersonalDataKind }[] = [
  { kind: 'my-number', re: /(?:マイナンバー|個人番号|my ?number)/giu },
  { kind: 'account', re: /(?:口座番号|口座|預金番号|account(?: number| no\.?)?|acct)/giu },
  { kind: 'card', re: /(?:クレジットカード番号|クレジットカード|クレカ|カード番号|card(?: number| no\.?))/giu },
  {
    kind: 'id-number',
    re: /(?:(?<=記号[ :：]?[\dA-Za-z-]{1,12}[ 、,]?)番号|職員番号|職員ID|職員コード|職員証番号|社員番号|社員ID|社員コード|従業員番号|人事番号|個人コード|運転免許証番号|免許証番号|免許番号|運転免許証|免許証|旅券番号|パスポート番号|パスポート|保険証番号|保険証|被保険者番号|被保険者証|保険者番号|記号番号|基礎年金番号|年金番号|年金手帳|住民票コード|学籍番号|学生番号|会員番号|会員ID|顧客番号|利用者番号|利用者ID|受給者番号|受給者証|在留カード番号|在留カード|ユーザーID|ユーザID|ログインID|LINE ?ID|LINEのID|Slack ?ID|アカウントID|アカウント名|社員証|職員証|健康保険証|受験番号|登録番号|識別番号|employee (?:id|number|no\.?)|staff (?:id|number|no\.?)|passport(?: number| no\.?)?|licen[cs]e(?: number| no\.?)?|member(?:ship)? (?:id|number|no\.?)|user ?id|login ?id|ssn|social security(?: number)?)/giu,
  },
];
// What a context word is followed by: a short gap (は, :, 「, No.) and a code with a digit in it.
const CODE_AFTER = /^(?:[ :：=#＃「『(（は、の第]|no\.?|No\.?|番号|記号|は)*?(?:普通|当座)?[ :：]{0,2}([A-Za-z]{0,4}[ -]?\d[\dA-Za-z]*(?:[ -][\dA-Za-z]*\d[\dA-Za-z]*){0,4}|[A-Za-z][A-Za-z0-9._-]{2,30})/u;

function contextSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const { re, kind } of CONTEXT) {
    for (const m of execAll(re, text)) {
      const from = m.index + m[0].length;
      const rest = text.slice(from, from + 48);
      const c = CODE_AFTER.exec(rest);
      if (!c) continue;
      const code = c[1]!;
      // A code without digits only after a word that names a login (ログインID: tanaka):
      // "account for the cost" is English, not an account.
      if (code.length < 3 || (!/\d/.test(code) && !/(?:ID|id|Id|名)$/u.test(m[0]))) continue;
      const start = from + c[0].length - c[1]!.length;
      out.push({ start, end: start + code.length, kind });
    }
  }
  return out;
}

export function numberSpans(text: string): Span[] {
  if (!/\d/.test(text)) return contextSpans(text);
  const out: Span[] = [];
  const hasMyNumberWord = MY_NUMBER_WORDS.test(text);
  out.push(
    ...spansOf(TWELVE, text, 'my-number', 0).map((s) => {
      const d = digitsOf(text.slice(s.start, s.end));
      // Written 4-4-4 it is how a My Number is written; otherwise the check digit decides.
      const grouped = /^\d{4}[ .-]+\d{4}[ .-]+\d{4}$/.test(text.slice(s.start, s.end));
      return hasMyNumberWord || grouped || validMyNumber(d) ? s : { ...s, kind: 'id-number' as const };
    }),
  );
  out.push(...spansOf(CARD, text, 'card', 0, (m) => luhn(digitsOf(m[0])) || /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}$/.test(m[0])));
  out.push(...spansOf(LONG_DIGITS, text, 'id-number'));
  out.push(...spansOf(PASSPORT, text, 'id-number'), ...spansOf(RESIDENCE_CARD, text, 'id-number'));
  out.push(...spansOf(BANK_ACCOUNT, text, 'account', 1));
  out.push(...contextSpans(text));
  return out;
}
