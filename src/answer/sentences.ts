/** A sentence saying the materials do not hold something ("…含まれていません。"). */
const NOT_HELD = /含まれていません[。.]?$/;
/** The sentence after it that says where to look instead ("…を確認してください。"). */
const LOOK_THERE = /確認してください[。.]?$/;

/**
 * "Not in these materials" and "look here instead" as one sentence: apart, an answer could say the
 * first and drop the second, leaving the reader nowhere to go.
 */
export function joinReferrals(sentences: string[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev !== undefined && NOT_HELD.test(prev) && LOOK_THERE.test(s)) out[out.length - 1] = prev + s;
    else out.push(s);
  }
  return out;
}
