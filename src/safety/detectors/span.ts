/** A piece of personal data found in the normalised text: [start, end) in its UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

export type PersonalDataKind =
  | 'my-number'
  | 'phone'
  | 'email'
  | 'name'
  | 'address'
  | 'birth-date'
  | 'id-number'
  | 'account'
  | 'card'
  | 'sensitive';

/** A detector reads the normalised text and returns what it found (spans may overlap). */
export type Detector = (text: string) => Span[];

/**
 * Every match of a global regex, by exec on the regex itself: String#matchAll clones the regex
 * on every call, which costs more than the scan of a short text. Not re-entrant per regex.
 */
export function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

/** Every match of a global regex as spans of one kind; `group` picks a capture group (its indices). */
export function spansOf(re: RegExp, text: string, kind: PersonalDataKind, group = 0, accept?: (m: RegExpExecArray) => boolean): Span[] {
  const out: Span[] = [];
  // Regexes are written with the g and d flags (match indices) so that none is compiled per call.
  for (const m of execAll(re, text)) {
    if (accept && !accept(m)) continue;
    const idx = m.indices?.[group];
    if (idx === undefined || idx[1] <= idx[0]) continue;
    out.push({ start: idx[0], end: idx[1], kind });
  }
  return out;
}

/** Only the digits of a string. */
export const digitsOf = (s: string): string => s.replace(/\D/g, '');
