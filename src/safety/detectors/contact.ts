import { findNumbers } from 'libphonenumber-js/max';
import { digitsOf, spansOf, type Span } from './span.js';

/**
 * Phone numbers and e-mail addresses. Phones: libphonenumber-js (any country, Japan by default)
 * finds valid numbers in every national and international spelling; a shape rule behind it
 * catches what libphonenumber rejects but a person typed as a phone (unassigned ranges, ten or
 * eleven digits starting with 0 in any grouping), and numbers named by a context word.
 */

// Toll-free, shared-cost and navigation numbers are businesses', never a person's.
const BUSINESS_PREFIX = /^(?:0120|0800|0570|0990|0180|0170)/;
const BUSINESS_TYPES = new Set(['TOLL_FREE', 'SHARED_COST', 'PREMIUM_RATE', 'UAN']);

/** The national form's digits (leading 0), whatever spelling: +81 (0)90… → 090…. */
export function nationalDigits(s: string): string {
  let d = digitsOf(s);
  if (/^\s*\+?\s*81/.test(s) || (/^81/.test(d) && d.length >= 11 && !d.startsWith('0'))) {
    d = d.slice(2);
    if (!d.startsWith('0')) d = `0${d}`;
  }
  return d;
}

export const isBusinessNumber = (s: string): boolean => {
  const d = nationalDigits(s);
  // Mobile numbers never start 080-0: 0800 is always toll-free.
  return BUSINESS_PREFIX.test(d);
};

// A phone-shaped run: starts at +81, (0…) or 0, holds digits and separators, ends on a digit.
// Bounded repetition keeps the scan linear.
const PHONE_SHAPE = /(?<![\d.,])(?:\+ ?81[ -]?(?:\( ?0 ?\)[ -]?)?\(?|\( ?0|0)[\d][\d ()./_-]{6,26}\d(?!\d)/dgu;
// Eight-digit local numbers and extensions only count after a word that says "phone".
const PHONE_CONTEXT = /(?:電話|でんわ|TEL|Tel|tel|携帯|ケータイ|けいたい|自宅|FAX|Fax|fax|ファックス|ファクス|内線|直通|連絡先|phone|mobile|cell)[^\d\n]{0,8}?(\d{2,5}(?:[ -]\d{3,4}){0,2})(?![\d.,%％]|-\d|\p{sc=Han})/dgu;

function shapeAccepts(m: string): boolean {
  const n = nationalDigits(m);
  if (!/^0/.test(n)) return false;
  if (n.length < 10 || n.length > 11) return false;
  // A run of groups needs separators of one kind at most two times plus parentheses; "0.5 1.2" is not a phone.
  const seps = m.replace(/[\d+]/g, '');
  if (/\.\s|\s\./.test(seps)) return false;
  return true;
}

export function phoneSpans(text: string): Span[] {
  const out: Span[] = [];
  if (!/\d/.test(text)) return out;
  for (const f of findNumbers(text, { defaultCountry: 'JP', v2: true })) {
    const type = f.number.getType();
    if (type !== undefined && BUSINESS_TYPES.has(type)) continue;
    // A Japanese number is written from its 0 (or +, or a parenthesis): TW-2026-000123 is a ticket id.
    if (!/^[+(0]/.test(text.slice(f.startsAt, f.endsAt)) || /[A-Za-z]-?$/.test(text.slice(Math.max(0, f.startsAt - 2), f.startsAt))) continue;
    out.push({ start: f.startsAt, end: f.endsAt, kind: 'phone' });
  }
  out.push(...spansOf(PHONE_SHAPE, text, 'phone', 0, (m) => shapeAccepts(m[0])));
  out.push(...spansOf(PHONE_CONTEXT, text, 'phone', 1, (m) => digitsOf(m[1]!).length >= 3));
  for (const s of out) {
    // "(090-1234-5678)": the opening parenthesis belongs to the sentence, not to the number.
    const m = text.slice(s.start, s.end);
    if (m.startsWith('(') && !m.includes(')')) s.start++;
  }
  return out.filter((s) => !isBusinessNumber(text.slice(s.start, s.end)));
}

// Plain addresses. The look-behind starts a match only at the start of a run, so a long run of
// letters without an @ costs linear time, not quadratic.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/dgu;
// Internationalised domains and local parts (山田@例え.jp, taro@市役所.jp).
const IDN_DOMAIN = String.raw`@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,4}\.(?:[A-Za-z]{2,}|日本|みんな|コム)`;
const EMAIL_IDN = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}${IDN_DOMAIN}|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}${IDN_DOMAIN}`, 'dgu');
// A quoted local part: "taro yamada"@example.jp.
const EMAIL_QUOTED = /"[^"\n]{1,64}" ?@ ?[A-Za-z0-9.-]+\.[A-Za-z]{2,}/dgu;
// Spelled out: suzuki (at) example.com, taro [at] example [dot] co [dot] jp, yamada あっと example.jp,
// suzuki at example dot com.
// ★ and ☆ stand for @ on many Japanese pages ("★を@に変えてください").
const AT = String.raw`(?: ?(?:[(\[{<] ?(?:at|AT|At|@|あっと|アット|★|☆) ?[)\]}>]|あっと(?:まーく)?|アット(?:マーク)?|@|★|☆|◎) ?| (?:at|AT) )`;
const DOT = String.raw`(?: ?(?:[(\[{<] ?(?:dot|DOT|Dot|\.|どっと|ドット) ?[)\]}>]|どっと|ドット|\.) ?| (?:dot|DOT) )`;
const LABEL = '[A-Za-z0-9_%+-]{1,64}';
const EMAIL_SPELLED = new RegExp(`(?<![A-Za-z0-9._%+-])${LABEL}(?:${DOT}${LABEL}){0,4}${AT}${LABEL}(?:${DOT}${LABEL}){1,5}(?![A-Za-z0-9])`, 'dgu');
// Intranet addresses without a dot in the domain (taro@city-hall).
const EMAIL_LOCAL_HOST = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{2,}@[A-Za-z][A-Za-z0-9-]{2,}(?![A-Za-z0-9.@-])/dgu;

export function emailSpans(text: string): Span[] {
  const out: Span[] = [];
  if (text.includes('@')) {
    out.push(...spansOf(EMAIL, text, 'email'), ...spansOf(EMAIL_QUOTED, text, 'email'), ...spansOf(EMAIL_LOCAL_HOST, text, 'email'), ...spansOf(EMAIL_IDN, text, 'email', 0, (m) => /[^\x00-\x7F]/.test(m[0].slice(m[0].indexOf('@')))));
  }
  if (!/at|AT|At|あっと|アット|★|☆|◎|@|\(|\[/u.test(text)) return out;
  out.push(
    ...spansOf(EMAIL_SPELLED, text, 'email', 0, (m) => {
      // The last label is a top-level domain: letters only.
      const last = /[A-Za-z0-9_%+-]+$/.exec(m[0])?.[0] ?? '';
      return /^[A-Za-z]{2,6}$/.test(last) && !/^\d+$/.test(m[0].split(/ |\(|\[/)[0] ?? '');
    }),
  );
  return out;
}
