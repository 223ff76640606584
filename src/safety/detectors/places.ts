import { spansOf, type Span } from './span.js';

/**
 * Home addresses (a place name followed by 丁目/番地/号 or n-n-n, 〒 codes, whatever follows
 * 住所) and birth dates (a date next to 生年月日, 誕生日, 生まれ, born …, and any full date
 * in 昭和 or earlier eras, which in a question here can only be someone's birth).
 */

const KNUM = '[0-9一二三四五六七八九十〇]';
// The place before the numbers: kanji, katakana and the kana that place names carry (霞が関, 八ヶ岳, 虎ノ門).
const PLACE = '(?:[\\p{sc=Han}\\p{sc=Katakana}ヶヵがのケノー〇○△□×◯]|\\d{1,3}[条線])';
const BLOCK = `(?:${KNUM}{1,4}丁目(?: ?${KNUM}{1,4}(?:番地?(?:の\\d{1,4})?|-))?(?: ?${KNUM}{1,4}号?)?|\\d{1,5}番地(?:の\\d{1,4})?(?:-\\d{1,4})?|\\d{1,4}番\\d{1,4}号|\\d{1,4}-\\d{1,4}(?:-\\d{1,4}){1,2})`;
// The place run is bounded (24 characters before the numbers), so each start costs a constant.
const ADDRESS = new RegExp(`${PLACE}{1,24} ?${BLOCK}(?:[ -]?\\d{1,4}(?:号室|号|F|階))?(?![\\d-])`, 'dgu');
// Western order: 1-2-3 Kasumigaseki, Chiyoda-ku, Tokyo.
const ADDRESS_LATIN = /\d{1,4}(?:-\d{1,4}){1,3},? [A-Z][a-z]+(?:[- ][A-Za-z]+){0,3},? [A-Z][a-z]+-(?:ku|shi|cho|machi|mura|gun|ken)\b(?:,? [A-Z][a-z]+(?:-(?:to|fu|ken))?)?(?: \d{3}-?\d{4})?/dgu;
// A room: 〇〇ハイツ203号室, 101号室.
const ROOM = /(?:[\p{sc=Han}\p{sc=Katakana}ー]{1,20} ?)?\d{1,4}号室/dgu;
// A town name with a lot number and no 番地: 上本能寺前町488, 大字〇〇123.
const TOWN_LOT = /[\p{sc=Han}\p{sc=Katakana}ヶヵがのケノー〇○△□×]{0,16}?[都道府県市区郡][\p{sc=Han}\p{sc=Katakana}ヶヵがのるケノー〇○△□×]{1,24}[町村字](?<!市町村)\d{1,5}(?![\d,.%]|\p{sc=Han})/dgu;
const POSTAL = /〒 ?\d{3}-?\d{4}(?!\d)/dgu;
const POSTAL_CONTEXT = /(?:郵便番号|postal code|zip(?: code)?)[ :：は]{0,3}(\d{3}-?\d{4})(?!\d)/dgiu;
// Whatever follows 住所 up to the end of the phrase.
const ADDRESS_CONTEXT = /(?:住所|現住所|自宅住所|居住地|所在地(?=[:：は])|address ?:)[ :：は]{0,3}([^\s。、,，\n)）」』(（]{4,40}?)(?=[\s。、,，\n)）」』(（]|$|です|でした|に住|在住|から|まで|へ)/dgiu;

const ERA = '(?:明治|大正|昭和|平成|令和|[MTSHR]\\.? ?)';
const DATE =
  `(?:(?:${ERA}(?:\\d{1,2}|元)|\\d{4}) ?年 ?\\d{1,2} ?月 ?\\d{1,2} ?日|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}|${ERA}\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{1,2}` +
  '|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.? \\d{1,2},? \\d{4}|\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \\d{4})';
const YEAR_MONTH = `(?:(?:${ERA}(?:\\d{1,2}|元)|\\d{4}) ?年(?: ?\\d{1,2} ?月)?)`;
const MONTH_DAY = '(?:\\d{1,2} ?月 ?\\d{1,2} ?日|\\d{1,2}/\\d{1,2}(?![/\\d]))';
const BIRTH_BEFORE = new RegExp(`(?:生年月日|誕生日|生年|出生日|出生|birthday|birth date|date of birth|DOB|D\\.O\\.B\\.?|born(?: on| in)?)[^\\d\\n]{0,8}?(${DATE}|${YEAR_MONTH}|${MONTH_DAY})`, 'dgiu');
const BIRTH_AFTER = new RegExp(`(${DATE}|${YEAR_MONTH}) ?(?:生まれ|生|うまれ|出生|誕生)`, 'dgu');
// A full date with an age next to it: 1985年4月1日(39歳).
const DATE_WITH_AGE = new RegExp(`(${DATE}) ?[(（]? ?(?:満 ?)?\\d{1,3} ?(?:歳|才)`, 'dgu');
// A full date in 昭和 or before: nobody asks about telework rules of those days.
const OLD_DATE = new RegExp(`(?:(?:明治|大正|昭和|[MTS]\\.? ?)\\d{1,2} ?年 ?\\d{1,2} ?月 ?\\d{1,2} ?日|(?:明治|大正|昭和|[MTS]\\.? ?)\\d{1,2}[/.]\\d{1,2}[/.]\\d{1,2}|19\\d{2}[/.]\\d{1,2}[/.]\\d{1,2})`, 'dgu');

function looksLikeDate(s: string): boolean {
  // 2023-12-27 is a date, not a block number.
  return /(?:^|\D)(?:19|20)\d{2}-\d{1,2}-\d{1,2}$/.test(s);
}

export function addressSpans(text: string): Span[] {
  const out: Span[] = [];
  out.push(...spansOf(POSTAL, text, 'address'), ...spansOf(POSTAL_CONTEXT, text, 'address', 1));
  out.push(...spansOf(ADDRESS_LATIN, text, 'address'), ...spansOf(ROOM, text, 'address'), ...spansOf(TOWN_LOT, text, 'address'));
  // Whatever follows 住所 counts when it looks like a place: a number or a municipality in it.
  out.push(...spansOf(ADDRESS_CONTEXT, text, 'address', 1, (m) => /[\d都道府県市区町村郡丁]/u.test(m[1]!)));
  if (/\d|丁目/.test(text)) {
    out.push(
      ...spansOf(ADDRESS, text, 'address', 0, (m) => {
        const s = m[0];
        if (looksLikeDate(s)) return false;
        // n-n-n needs a municipality before it (資料1-2-3 is a table number).
        return /[都道府県市区町村郡]/u.test(s.replace(/\d.*$/u, '')) || /丁目|番地|\d番\d/.test(s);
      }),
    );
  }
  return out;
}

export function birthDateSpans(text: string): Span[] {
  if (!/\d/.test(text)) return [];
  return [...spansOf(BIRTH_BEFORE, text, 'birth-date', 1), ...spansOf(BIRTH_AFTER, text, 'birth-date', 1), ...spansOf(OLD_DATE, text, 'birth-date'), ...spansOf(DATE_WITH_AGE, text, 'birth-date', 1)];
}
