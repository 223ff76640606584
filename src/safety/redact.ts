import { emailSpans, nationalDigits, phoneSpans } from './detectors/contact.js';
import { nameSpans } from './detectors/names.js';
import { numberSpans } from './detectors/numbers.js';
import { addressSpans, birthDateSpans } from './detectors/places.js';
import { sensitiveSpans } from './detectors/sensitive.js';
import { execAll, type PersonalDataKind, type Span } from './detectors/span.js';
import { normalizeForDetection } from './normalize.js';
import { publishedContacts } from './published.js';

/**
 * Personal data redaction, applied before anything is logged, stored in a ticket or sent.
 * A pipeline: normalise (NFKC, format characters dropped, dashes and spaces unified) with a map
 * back to the original; detect on the normalised text; replace in the original, each piece by
 * a marker that says what was removed. Every stage is linear in the length of the text.
 */

export type { PersonalDataKind };

export const MARKERS: Record<PersonalDataKind, string> = {
  'my-number': '[個人番号削除]',
  phone: '[電話番号削除]',
  email: '[メールアドレス削除]',
  name: '[氏名削除]',
  address: '[住所削除]',
  'birth-date': '[生年月日削除]',
  'id-number': '[識別番号削除]',
  account: '[口座番号削除]',
  card: '[カード番号削除]',
  sensitive: '[要配慮情報削除]',
};

/** Japanese labels of the kinds (the office's mail lists what was removed). */
export const KIND_LABELS: Record<PersonalDataKind, string> = {
  'my-number': '個人番号',
  phone: '電話番号',
  email: 'メールアドレス',
  name: '氏名',
  address: '住所',
  'birth-date': '生年月日',
  'id-number': '識別番号(職員番号・免許証番号など)',
  account: '口座番号',
  card: 'カード番号',
  sensitive: '要配慮個人情報',
};

// When two detections overlap, the marker says the more specific kind.
const PRIORITY: PersonalDataKind[] = ['email', 'my-number', 'card', 'account', 'phone', 'id-number', 'birth-date', 'address', 'name', 'sensitive'];
const rank = (k: PersonalDataKind): number => PRIORITY.indexOf(k);

const MARKER_RE = new RegExp(
  Object.values(MARKERS)
    .map((m) => m.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);
const KIND_OF_MARKER = new Map(Object.entries(MARKERS).map(([k, m]) => [m, k as PersonalDataKind]));

export interface Redaction {
  text: string;
  kinds: PersonalDataKind[];
}

/** Everything personal in the (normalised) text, overlapping spans merged. */
export function detect(text: string): Span[] {
  const found: Span[] = [...emailSpans(text), ...phoneSpans(text), ...numberSpans(text), ...addressSpans(text), ...birthDateSpans(text)];
  const names = nameSpans(text);
  found.push(...names, ...sensitiveSpans(text, names));
  return merge(found, text);
}

function merge(spans: Span[], text: string): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    // Overlapping, or two parts of one name with only a space between (渡部　さくら).
    const joins = last !== undefined && (s.start < last.end || (s.kind === 'name' && last.kind === 'name' && /^ *$/.test(text.slice(last.end, s.start))));
    if (last !== undefined && joins) {
      if (s.end > last.end) last.end = s.end;
      if (rank(s.kind) < rank(last.kind)) last.kind = s.kind;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

interface AllowList {
  exact: ReadonlySet<string>;
  digits: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

function allowList(extra: ReadonlySet<string>): AllowList {
  const base = publishedContacts();
  if (extra.size === 0) return base;
  const digits = new Set(base.digits);
  const emails = new Set(base.emails);
  for (const a of extra) {
    const n = normalizeForDetection(a).text.trim();
    if (n.includes('@')) emails.add(n.toLowerCase());
    else {
      const d = nationalDigits(n);
      if (d.length >= 10 && /^0/.test(d)) digits.add(d);
    }
  }
  return { exact: extra, digits, emails };
}

function allowed(span: Span, normalized: string, original: string, allow: AllowList): boolean {
  if (allow.exact.has(original)) return true;
  if (span.kind === 'email') return allow.emails.has(normalized.trim().toLowerCase());
  if (span.kind === 'phone') return allow.digits.has(nationalDigits(normalized));
  return false;
}

/**
 * Removes personal data. `allow` lists published contacts (the offices' numbers and addresses,
 * which answers may show) on top of those in the shipped knowledge/contacts.yaml. Markers
 * already in the text (a question redacted earlier) count in `kinds` too, so that whoever
 * redacts again still learns what was removed.
 */
export function redactPersonalData(text: string, allow: ReadonlySet<string> = new Set()): Redaction {
  const kinds = new Set<PersonalDataKind>();
  for (const m of execAll(MARKER_RE, text)) kinds.add(KIND_OF_MARKER.get(m[0])!);
  const n = normalizeForDetection(text);
  // Markers already in the text are masked (same length, so offsets hold): 「[住所削除]の10」 must
  // not read as 住所 followed by an address.
  const masked = n.text.replace(MARKER_RE, (m) => '\u0001'.repeat(m.length));
  const spans = detect(masked);
  if (spans.length === 0) return { text, kinds: [...kinds] };
  const list = allowList(allow);
  let out = '';
  let at = 0;
  for (const s of spans) {
    const from = n.starts[s.start]!;
    const to = n.starts[s.end]!;
    if (from < at || to <= from) continue;
    if (allowed(s, n.text.slice(s.start, s.end), text.slice(from, to), list)) continue;
    out += text.slice(at, from) + MARKERS[s.kind];
    at = to;
    kinds.add(s.kind);
  }
  out += text.slice(at);
  return { text: out, kinds: [...kinds].sort((a, b) => rank(a) - rank(b)) };
}

/** True when the text holds personal data of any kind. */
export const containsPersonalData = (text: string): boolean => redactPersonalData(text).kinds.length > 0;
