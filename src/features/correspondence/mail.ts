/**
 * Correspondence's e-mail: where it comes from and where its links point, and a letter as HTML,
 * as plain text and as the message sent to every e-mail recipient.
 */
import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { messageIdDomain } from '../../mail/outbox.ts';
import { type RenderedMail, renderMail } from '../../mail/templates.tsx';
import type { Organization } from '../organizations/queries.ts';
import type { Letter } from './letter-queries.ts';

/** The sender setting and the base of links in mail (`https://sm.example.pl`). */
export interface MailSettings {
  mailFrom: string | undefined;
  baseUrl: string;
}

/** Base address of links in mail sent without a request: the organization's host, else the installation's. */
export function mailBaseUrl(organization: Organization, publicUrl: string): string {
  return organization.hostname ? `https://${organization.hostname}` : publicUrl;
}

/** A letter's body as safe HTML, for e-BOK, the back office and the e-mail. */
export function letterHtml(letter: Pick<Letter, 'bodyMarkdown'>): string {
  return markdownToSafeHtml(letter.bodyMarkdown);
}

/** The body for e-mail's text part: the Markdown source, which reads well as text, lightly cleaned. */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/\r\n/g, '\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .trim();
}

/** The e-mail of a letter: the same for every recipient, with a link to read it in e-BOK. */
export function letterMail(organization: Organization, letter: Letter, baseUrl: string): RenderedMail {
  return renderMail(organization, {
    subject: letter.subject,
    paragraphs: [],
    body: { html: letterHtml(letter), text: plainTextOf(letter.bodyMarkdown) },
    link: { href: `${baseUrl}/ebok/korespondencja/${letter.id}`, label: 'Przeczytaj list w e-BOK' },
  });
}

/** Message-ID of a delivery: the same on every retry, so a receiver can drop a second copy. */
export function deliveryMessageId(letterId: number, personId: number, from: string): string {
  return `<letter-${letterId}.person-${personId}@${messageIdDomain(from)}>`;
}
