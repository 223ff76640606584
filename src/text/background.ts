import { followedEverywhereBy, withoutContained } from './occurrences.js';
import { escapeRegExp } from './regexp.js';

/**
 * Background before the question: staff say where they work before they ask (税務課です確定申告の時期で
 * 窓口が混むので在宅勤務の導入率は?). A subject named there (確定申告, 生活保護) is not what they ask
 * about when the clause that asks, later in the message, names the subject the bot covers.
 */

/**
 * Clause ends in chat text: Japanese punctuation, a space between Japanese words (phone text), and the
 * joints of a run-on sentence (ので, けど, でして). (English clauses are not split: "deduct it since I
 * telework" asks about the deduction.)
 */
const CLAUSE_END = /[、，。！？!?\n]|(?<=[\u3040-\u9fff])\s+(?=[\u3040-\u9fff])|ので|けど|けれど|ですが|ますが|んだが|でして|まして|ものの/g;
/** A closing clause this short (本当?, どう?) only asks about what came before it. */
const MIN_CLAUSE = 6;

/** The clause that asks: the last one of some length. */
function askingClause(clauses: string[]): string | undefined {
  for (let i = clauses.length - 1; i >= 0; i--) if (clauses[i]!.replace(/\s/g, '').length >= MIN_CLAUSE) return clauses[i];
  return undefined;
}

/** The clause that asks in a message of several clauses (undefined when there is only one). */
export function askingClauseOf(text: string): string | undefined {
  const clauses = text.split(CLAUSE_END).filter((c) => c.trim() !== '');
  if (clauses.length < 2) return undefined;
  return askingClause(clauses)?.trim();
}

/**
 * Whether `term` is background in `text`: it is not in the clause that asks (the last one of some length),
 * and that clause names the subject asked (`namesSubject`). A term in the clause that asks (確定申告で在宅
 * 勤務の電気代を経費に), or a last clause about something else (テレワークなので行けますが、何を持って
 * いけば?), keeps the term what is asked.
 */
export function inBackground(text: string, term: string, namesSubject: (clause: string) => boolean): boolean {
  const clauses = text.split(CLAUSE_END);
  const asking = askingClause(clauses);
  return asking !== undefined && !asking.includes(term) && clauses.slice(0, clauses.lastIndexOf(asking)).some((c) => c.includes(term)) && namesSubject(asking);
}

/**
 * Where the asker works or what they return from, said with the subject as a modifier (住民票の窓口担当,
 * 生活保護のケースワーカー, 給食センターの事務, 育休明け, 育休中職員向け): the asker's job or situation, or the
 * people something is for, not the subject asked.
 */
const ROLE = '(中)?(の)?(担当|係|課|室|センター|窓口|ケースワーカー|職員|事務|部門|業務|部署|関係|対応|明け|から(復帰|戻|帰))';
const ASKERS_ROLE = new RegExp(`^${ROLE}`);

/** Whether every mention of `term` in `text` describes the asker (their job or situation). */
export function describesAsker(text: string, term: string): boolean {
  return followedEverywhereBy(text, term, ASKERS_ROLE);
}

/** The text without the phrases that say where the asker works (給食センターの事務): who asks is not searched. */
export function withoutAskerRoles(text: string, terms: string[]): string {
  let t = text;
  for (const term of terms) {
    t = t.replace(new RegExp(`${escapeRegExp(term)}${ROLE}`, 'g'), ' ');
  }
  return t;
}

/**
 * Telework as the time or setting of something else (テレワーク中の昼休憩, 在宅勤務してる親, 家で仕事しよる時の
 * お昼): the words that follow a term when it only says when or where the asked thing happens.
 */
const SETTING = /^(中|ちゅう|の(時|とき|日|昼|合間|休憩|お昼)|(を)?(する|した|してる|している|しよる|しとる|しよう|しとう)(時|とき|日|間|親|人|家庭|最中|と(?![はもき])|日数)|時(の|に|は)|の?日(に|は|の))/;

/**
 * Whether every term found in `text` (and every match of `described`, telework told in other words) is only the
 * setting of the question: each occurrence is followed by SETTING. A term inside a longer one found (在宅 in
 * 在宅勤務) is judged as part of it.
 */
export function onlyAsSetting(text: string, terms: string[], described?: RegExp): boolean {
  const found = withoutContained(terms.filter((t) => text.includes(t)));
  const describedEnds = described ? [...text.matchAll(new RegExp(described.source, `${described.flags.replace('g', '')}g`))].map((m) => m.index + m[0].length) : [];
  if (found.length === 0 && describedEnds.length === 0) return false;
  return found.every((t) => followedEverywhereBy(text, t, SETTING)) && describedEnds.every((end) => SETTING.test(text.slice(end)));
}
