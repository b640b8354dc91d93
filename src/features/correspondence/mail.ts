/**
 * Correspondence's e-mail: where it comes from and where its links point, and a letter as HTML,
 * as plain text and as the message sent to every e-mail recipient.
 */
import { markdownToSafeHtml, markdownToText } from '../../lib/markdown.ts';
import { type RenderedMail, renderMail } from '../../mail/templates.tsx';
import type { Organization } from '../organizations/queries.ts';
import { messageIdDomain } from '../outbox/outbox.ts';
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

/** A letter's body as safe HTML, for e-BOK, the back office and the e-mail: line breaks as typed. */
export function letterHtml(letter: Pick<Letter, 'bodyMarkdown'>): string {
  return markdownToSafeHtml(letter.bodyMarkdown, { breaks: true });
}

/** The body for e-mail's text part, rendered from the same Markdown tree as its HTML (no asterisks). */
export function plainTextOf(markdown: string): string {
  return markdownToText(markdown, { breaks: true });
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
