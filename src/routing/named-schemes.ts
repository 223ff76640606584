/**
 * Support schemes a question names (IT導入補助金, 人材確保等支援助成金, 普通交付税) that the knowledge
 * never mentions: another ministry's or another sector's scheme, not one this bot can speak for.
 * A name counts when it has a proper prefix; general words for telework or support (テレワーク補助金,
 * 国の助成金) name no particular scheme.
 */
const SCHEME = /([\p{Script=Han}\p{Script=Katakana}ーa-z0-9・]{2,})(助成金|補助金|交付金|交付税|給付金|奨励金)/gu;
const GENERIC_PREFIX = /^(テレワーク|在宅勤務|在宅|リモートワーク|リモート|導入|整備|推進|支援|関係|関連|国|国庫|国から|各種|その他)+$/u;

/**
 * A grant or call of a named ministry or agency (観光庁の補助金, 経産省の公募): the agency's name stands for
 * the scheme. 全庁 (the whole office) and 県庁 are offices, not agencies.
 */
const AGENCY_SCHEME = /(?<![\p{Script=Han}])((?!全庁|県庁|都庁|道庁|府庁|本庁|支庁)[\p{Script=Han}]{1,7}(?:省|庁))(?:の|が|から)?[^。?？]{0,20}(?:補助金|助成金|交付金|給付金|公募|補助事業|支援事業)/gu;

/** The scheme names in a folded question (src/text/synonyms.ts foldForMatch), generic ones left out. */
export function namedSchemes(folded: string): string[] {
  const names: string[] = [];
  for (const m of folded.matchAll(SCHEME)) {
    if (!GENERIC_PREFIX.test(m[1]!)) names.push(m[0]);
  }
  for (const m of folded.matchAll(AGENCY_SCHEME)) names.push(m[1]!);
  return names;
}

/**
 * True when the question names schemes and none of them appears in the knowledge: its folded
 * text, or a function that says whether the knowledge mentions a name.
 */
export function namesOnlyUnknownSchemes(folded: string, knowledge: string | ((name: string) => boolean)): boolean {
  const names = namedSchemes(folded);
  const mentions = typeof knowledge === 'string' ? (n: string) => knowledge.includes(n) : knowledge;
  return names.length > 0 && names.every((n) => !mentions(n));
}
