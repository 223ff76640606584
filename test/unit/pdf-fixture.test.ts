import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeGuidePdf } from '../support/make-japanese-pdf.js';

/**
 * The committed sample PDF (for `telework-bot knowledge check test/fixtures/pdf` and manual checks)
 * must be exactly what the generator writes. Regenerate after changing the generator with:
 *   UPDATE_PDF_FIXTURES=1 npx vitest run test/unit/pdf-fixture.test.ts
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/pdf/telework-guide-test.pdf', import.meta.url));

describe('committed PDF fixture', () => {
  it('equals a fresh generation', () => {
    const fresh = makeGuidePdf({ outline: true });
    if (process.env.UPDATE_PDF_FIXTURES === '1') writeFileSync(FIXTURE, fresh);
    const committed = new Uint8Array(readFileSync(FIXTURE));
    expect(committed.length).toBe(fresh.length);
    expect(Buffer.compare(committed, fresh)).toBe(0);
  });

  it('has a correct cross-reference table (every offset points at its object)', () => {
    const text = Buffer.from(readFileSync(FIXTURE)).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
    const rows = text.slice(startxref).split('\n').slice(3, 2 + Number(count));
    rows.forEach((row, i) => {
      const offset = Number(row.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
  });
});
