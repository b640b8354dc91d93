import { Form } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { Organization } from '../../organizations/queries.ts';

/** A short page of e-BOK's public side: what happened, and where to go next. */
export function MessagePage({
  organization,
  title,
  paragraphs,
  links = [],
}: {
  organization: Organization;
  title: string;
  paragraphs: string[];
  links?: { href: string; label: string }[];
}) {
  return (
    <Layout title={title} organization={organization} path="/ebok">
      <h1>{title}</h1>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {links.map((link) => (
        <p key={link.href}>
          <a href={link.href}>{link.label}</a>
        </p>
      ))}
    </Layout>
  );
}

/**
 * The page behind a link from an e-mail: opening it changes nothing (mail scanners follow links),
 * the button does.
 */
export function ConfirmLinkPage({
  organization,
  csrfToken,
  title,
  paragraphs,
  action,
  button,
}: {
  organization: Organization;
  csrfToken: string;
  title: string;
  paragraphs: string[];
  action: string;
  button: string;
}) {
  return (
    <Layout title={title} organization={organization} path="/ebok">
      <h1>{title}</h1>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <Form action={action} csrfToken={csrfToken}>
        <button type="submit">{button}</button>
      </Form>
    </Layout>
  );
}
