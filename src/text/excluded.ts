/**
 * Topics a question rules out (都道府県を除く, 指定都市は除いて, excluding prefectures, not the prefectures): they are
 * what the asker does not want, so they are not searched for. The words are removed from the searched text only.
 */
const NOUN = '[\\u3400-\\u9fff\\u30a0-\\u30ffA-Za-z0-9]{1,12}';
const JA_EXCLUDED = new RegExp(`${NOUN}((や|と|・|、)${NOUN})*(を除く|を除いた|を除いて|を除き|は除く|は除いて|は除き|は抜きで|を抜いた|抜きの)`, 'g');
const EN_WORDS = "[a-z][a-z'-]*(\\s+(and|or|&)\\s+[a-z][a-z'-]*)*";
const EN_EXCLUDED = new RegExp(`\\b(excluding|except for|except|other than|apart from|leaving out|not counting|not including|(?<=[,;(?!.]\\s*)not)\\s+(the\\s+)?${EN_WORDS}`, 'gi');

export function withoutExcluded(text: string): string {
  return text.replace(JA_EXCLUDED, ' ').replace(EN_EXCLUDED, ' ');
}
