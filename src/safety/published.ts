import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { shippedKnowledgeDir } from '../knowledge/paths.js';
import { nationalDigits } from './detectors/contact.js';

/**
 * The published contacts in the shipped knowledge/contacts.yaml (the offices' and referral
 * services' phone numbers and e-mail addresses): never personal data, so never redacted,
 * whichever caller redacts (the logger and the audit log have no knowledge at hand).
 */
export interface PublishedContacts {
  exact: ReadonlySet<string>;
  digits: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

let cached: PublishedContacts | null = null;

export function publishedContacts(): PublishedContacts {
  if (cached !== null) return cached;
  const digits = new Set<string>();
  const emails = new Set<string>();
  try {
    const doc = parse(readFileSync(join(shippedKnowledgeDir(), 'contacts.yaml'), 'utf8')) as { offices?: unknown[]; referrals?: unknown[] };
    for (const o of [...(doc.offices ?? []), ...(doc.referrals ?? [])] as Array<{ phone?: unknown; email?: unknown }>) {
      if (typeof o.email === 'string') emails.add(o.email.trim().toLowerCase());
      if (typeof o.phone === 'string') {
        const d = nationalDigits(o.phone.normalize('NFKC').replace(/[（(].*$/u, ''));
        if (d.length >= 10) digits.add(d);
      }
    }
  } catch {
    // Without the file (a trimmed install) callers' own allow lists still apply.
  }
  cached = { exact: new Set(), digits, emails };
  return cached;
}
