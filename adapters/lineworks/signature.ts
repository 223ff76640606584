import { createHmac, timingSafeEqual } from 'node:crypto';

/** X-WORKS-Signature: Base64 of HMAC-SHA256 over the raw request body, keyed with the Bot Secret. */
export function lineworksSignature(rawBody: Buffer | string, botSecret: string): string {
  return createHmac('sha256', botSecret).update(rawBody).digest('base64');
}

/**
 * True when `header` is the signature of exactly these bytes. Compared in constant time on the
 * decoded digests, so neither the content nor the length of a wrong guess is revealed.
 */
export function verifyLineworksSignature(rawBody: Buffer, header: string | undefined, botSecret: string): boolean {
  if (header === undefined || header.length === 0 || header.length > 200) return false;
  const expected = createHmac('sha256', botSecret).update(rawBody).digest();
  const given = Buffer.from(header.trim(), 'base64');
  // A digest of another length is wrong; timingSafeEqual needs equal lengths.
  const padded = Buffer.alloc(expected.length);
  given.copy(padded, 0, 0, Math.min(given.length, padded.length));
  return timingSafeEqual(padded, expected) && given.length === expected.length;
}
