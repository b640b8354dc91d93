import { renderToString } from 'preact-render-to-string';
import type { Organization } from '../features/organizations/queries.ts';
import { organizationAddress } from '../lib/address.ts';

export interface MailContent {
  subject: string;
  /** Opening line, e.g. „Dzień dobry,”. */
  greeting?: string;
  /** Paragraphs of plain text; each becomes a <p> in HTML. */
  paragraphs: string[];
  /** Lines shown prominently (a login, a code), each on its own line. */
  highlight?: string[];
  /** A link with its label, e.g. to e-BOK. */
  link?: { href: string; label: string };
  /** A letter's body: sanitized HTML for the HTML part and its plain text for the text part. */
  body?: { html: string; text: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function footerLines(organization: Organization): string[] {
  return [
    organization.name,
    organizationAddress(organization),
    [organization.phone ? `tel. ${organization.phone}` : '', organization.email ? `e-mail: ${organization.email}` : '']
      .filter(Boolean)
      .join(', '),
    'Wiadomość wysłana automatycznie — prosimy na nią nie odpowiadać.',
  ].filter(Boolean);
}

/** A Polish message from the cooperative in plain text and HTML, with its name and contact in both. */
export function renderMail(organization: Organization, content: MailContent): RenderedMail {
  // A letter (a body) opens with its own greeting: the template adds none, so it greets once.
  const greeting = content.greeting ?? (content.body ? undefined : 'Dzień dobry,');
  const text = [
    ...(greeting ? [greeting, ''] : []),
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.body ? [content.body.text, ''] : []),
    ...(content.highlight ? [...content.highlight.map((line) => `    ${line}`), ''] : []),
    ...(content.link ? [`${content.link.label}: ${content.link.href}`, ''] : []),
    '-- ',
    ...footerLines(organization),
  ].join('\n');
  const html = `<!doctype html>${renderToString(
    <html lang="pl">
      <head>
        <meta charSet="utf-8" />
        <title>{content.subject}</title>
      </head>
      <body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b">
        {greeting ? <p>{greeting}</p> : null}
        {content.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {content.body ? <div dangerouslySetInnerHTML={{ __html: content.body.html }} /> : null}
        {content.highlight ? (
          <p style="font-family: monospace; font-size: 18px; background: #f5f6f5; padding: 8px 12px">
            {content.highlight.map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </p>
        ) : null}
        {content.link ? (
          <p>
            <a href={content.link.href}>{content.link.label}</a>
          </p>
        ) : null}
        <hr />
        <p style="font-size: 13px; color: #4a4a4a">
          {footerLines(organization).map((line) => (
            <span key={line}>
              {line}
              <br />
            </span>
          ))}
        </p>
      </body>
    </html>,
  )}`;
  return { subject: content.subject, text, html };
}
