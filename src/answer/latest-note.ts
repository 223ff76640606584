import type { Lang, SourceRef } from '../core/answer.js';
import { nfkc } from '../text/normalize.js';

/** Words that ask for the newest state of things (最新の導入率, 今の措置率, the latest figures). */
const ASKS_LATEST = /(最新|今の|いまの|現在の|現時点|今現在|直近|最近の|今年度?の|latest|current|most recent|newest|\bnow\b|these days)/i;
/** Documents older than this may have been superseded. */
const STALE_AFTER_DAYS = 365;

/**
 * A note that newer figures may exist, when the question asks for the latest and the answer rests
 * on documents issued more than a year ago (or undated): the bot's knowledge is a dated snapshot.
 */
export function latestNote(question: string, sources: SourceRef[], lang: Lang, now: Date = new Date()): string | null {
  if (sources.length === 0 || !ASKS_LATEST.test(nfkc(question))) return null;
  const dated = sources.filter((s) => s.issued !== null);
  const newest = dated.reduce<SourceRef | null>((a, s) => (a === null || s.issued! > a.issued! ? s : a), null);
  if (newest !== null) {
    const issued = Date.parse(`${newest.issued!.length === 7 ? `${newest.issued}-01` : newest.issued}T00:00:00Z`);
    if (now.getTime() - issued < STALE_AFTER_DAYS * 86_400_000) return null;
  }
  const when = newest?.issuedWareki ?? newest?.issued ?? null;
  return lang === 'en'
    ? `${when ? `This answer rests on documents as of ${newest!.issued}. ` : ''}Newer figures may have been published since; please check the issuing body's latest publications.`
    : `${when ? `この回答は${when}時点の資料に基づいています。` : ''}その後、より新しい数値や情報が公表されている場合がありますので、最新の状況は公表元でご確認ください。`;
}
