import { createHash, randomBytes } from 'node:crypto';

/** A random token for cookies and e-mailed links: 256 bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a token: its SHA-256. Tokens carry 256 random bits, so a fast hash
 * suffices, and a copy of the table opens no session and follows no link.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether text can be a token of ours at all (checked before any look-up of an e-mailed link). */
export function isLinkToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(text);
}
