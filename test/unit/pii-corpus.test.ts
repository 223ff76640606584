import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../src/safety/redact.js';

/**
 * The project's redaction corpus (test/fixtures/pii/corpus.txt), gated at 100 %: every ⟦…⟧ piece
 * must be replaced by one marker, and everything outside the brackets must survive exactly as
 * written. Lines without brackets are negatives: they come out unchanged. `\n` and `\uXXXX` in a
 * line are escapes (newlines, format characters).
 */
const unescape = (s: string): string => s.replace(/\\n/g, '\n').replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

interface Case {
  line: number;
  input: string;
  /** The expected output as a regex: bracketed parts become one marker each. */
  expected: RegExp;
  secrets: string[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function load(): Case[] {
  const cases: Case[] = [];
  readFileSync(new URL('../fixtures/pii/corpus.txt', import.meta.url), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '' || raw.startsWith('#')) return;
      const text = unescape(raw);
      const parts = text.split(/⟦|⟧/);
      const secrets = parts.filter((_, k) => k % 2 === 1);
      const input = parts.join('');
      const pattern = parts.map((p, k) => (k % 2 === 1 ? '\\[[^\\]]+削除\\]' : escapeRe(p))).join('');
      cases.push({ line: i + 1, input, expected: new RegExp(`^${pattern}$`, 'u'), secrets });
    });
  return cases;
}

const cases = load();

describe('the personal-data corpus', () => {
  it('holds at least 300 cases, positives and negatives', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(cases.filter((c) => c.secrets.length > 0).length).toBeGreaterThan(200);
    expect(cases.filter((c) => c.secrets.length === 0).length).toBeGreaterThan(80);
  });

  it('is redacted exactly, 100 %', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const r = redactPersonalData(c.input);
      const ok = c.expected.test(r.text) && (c.secrets.length === 0 ? r.kinds.length === 0 : r.kinds.length > 0);
      if (!ok) failures.push(`line ${c.line}: ${JSON.stringify(c.input)} → ${JSON.stringify(r.text)} [${r.kinds.join(',')}]`);
    }
    expect(failures, `${failures.length} of ${cases.length} cases failed`).toEqual([]);
  });

  it('redacting twice changes nothing more and keeps the kinds', () => {
    for (const c of cases.filter((x) => x.secrets.length > 0)) {
      const once = redactPersonalData(c.input);
      const twice = redactPersonalData(once.text);
      expect(twice.text, `line ${c.line}`).toBe(once.text);
      expect(new Set(twice.kinds), `line ${c.line}`).toEqual(new Set(once.kinds));
    }
  });

  it('leaves every line of the shipped knowledge as it is (figures, dates, published contacts)', () => {
    const dir = new URL('../../knowledge/', import.meta.url);
    const files = [...readdirSync(new URL('docs/', dir)).map((f) => new URL(`docs/${f}`, dir)), new URL('contacts.yaml', dir)];
    const changed: string[] = [];
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const r = redactPersonalData(line);
        if (r.text !== line) changed.push(`${line.slice(0, 80)} → ${r.text.slice(0, 80)}`);
      }
    }
    expect(changed).toEqual([]);
  });
});
