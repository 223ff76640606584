import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../src/safety/redact.js';

/**
 * Property: known personal data stays removed whatever format characters, width changes and
 * separators are put into it, and wherever it sits in an ordinary sentence.
 */

const FORMAT_CHARS = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\u180e', '\u200e'];
const DIGIT_SEPARATORS = ['-', ' ', '  ', '.', '\u3000', '－', 'ー', '‐', '–', '−', '\u00a0', '/'];

const toFullWidth = (c: string): string => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);

/** Inserts format characters and changes the width of characters, chosen by the seed list. */
function disguise(s: string, choices: number[], insertAt: number[]): string {
  const chars = Array.from(s);
  const out: string[] = [];
  chars.forEach((c, i) => {
    const k = choices[i % choices.length]!;
    out.push(k % 3 === 0 ? toFullWidth(c) : c);
    if (insertAt.includes(i) && i < chars.length - 1) out.push(FORMAT_CHARS[k % FORMAT_CHARS.length]!);
  });
  return out.join('');
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const groups = (parts: string[], sep: string) => parts.join(sep);

const mobile = fc.tuple(fc.constantFrom('090', '080', '070'), digits(3).map((d) => `${1 + (Number(d[0]) % 9)}${d}`.slice(0, 4)), digits(4), fc.constantFrom(...DIGIT_SEPARATORS)).map(([a, b, c, sep]) => ({ text: groups([a, b, c], sep), digits: a + b + c }));
const landline = fc.tuple(fc.constantFrom('03', '06', '011', '045', '092'), fc.constantFrom(...DIGIT_SEPARATORS)).chain(([area, sep]) =>
  fc.tuple(digits(4), digits(10 - area.length - 4)).map(([b, c]) => ({ text: groups([area, c, b], sep), digits: area + c + b })),
);
const myNumber = fc.tuple(digits(4), digits(4), digits(4), fc.constantFrom(...DIGIT_SEPARATORS, '')).map(([a, b, c, sep]) => ({ text: `マイナンバー ${groups([a, b, c], sep)}`, digits: a + b + c }));
const email = fc.tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.constantFrom('example.jp', 'city.example.lg.jp', 'example.co.jp'), fc.constantFrom('@', '＠', ' (at) ', '[at]', ' あっと ')).map(([local, domain, at]) => ({ text: `${local}${at}${domain}`, local }));
const name = fc.tuple(fc.constantFrom('山田', '佐々木', '𠮷田', '髙橋', '五十嵐', 'ヤマダ', 'サトウ', '渡辺'), fc.constantFrom('さん', '様', '氏', '殿', 'くん', 'ちゃん', '先生', '課長', '部長', '係長', '主査', '室長'), fc.constantFrom('', ' ', '\u3000')).map(([n, h, sp]) => ({ text: `${n}${sp}${h}`, name: n }));
const context = fc.constantFrom(['', ''], ['連絡先は', 'です。'], ['昨日、', 'から在宅勤務の相談がありました'], ['テレワークについて ', ' に聞きたい'], ['「', '」']);

/** The text a reader would see: what NFKC and removing format characters leave. */
const visible = (s: string): string => s.normalize('NFKC').replace(/\p{Cf}/gu, '');
const visibleDigits = (s: string): string => visible(s).replace(/\D/g, '');

const disguiseArgs = fc.tuple(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }));

describe('redaction under disguise (property)', () => {
  it('removes phone numbers and My Numbers whatever separators, widths and format characters', () => {
    fc.assert(
      fc.property(fc.oneof(mobile, landline, myNumber), context, disguiseArgs, (p, [pre, post], [choices, at]) => {
        const input = `${pre}${disguise(p.text, choices, at)}${post}`;
        const out = redactPersonalData(input).text;
        expect(visibleDigits(out)).not.toContain(p.digits.slice(-8));
      }),
      { numRuns: 400 },
    );
  });

  it('removes e-mail addresses in any width and spelling', () => {
    fc.assert(
      fc.property(email, context, disguiseArgs, (e, [pre, post], [choices, at]) => {
        const out = redactPersonalData(`${pre}${disguise(e.text, choices, at)}${post}`).text;
        expect(visible(out).toLowerCase()).not.toContain(e.local);
      }),
      { numRuns: 300 },
    );
  });

  it('removes whole names before honorifics, never half of one', () => {
    fc.assert(
      fc.property(name, context, disguiseArgs, (n, [pre, post], [choices, at]) => {
        const out = redactPersonalData(`${pre}${disguise(n.text, choices, at)}${post}`).text;
        for (const ch of Array.from(visible(n.name))) expect(visible(out)).not.toContain(ch);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves telework figures and published contacts alone, however they are spaced', () => {
    fc.assert(
      fc.property(fc.constantFrom('61.6%', '1,102団体', '令和5年12月27日', '0.5', '03-5253-5546', '0120-861009', '２０２３年度', 'lg-security@soumu.go.jp'), context, (fig, [pre, post]) => {
        const input = `${pre}${fig}${post}`;
        expect(redactPersonalData(input).text).toBe(input);
      }),
      { numRuns: 100 },
    );
  });
});
