import type { ComponentChildren } from 'preact';
import { Layout } from '../../../http/layout.tsx';
import { organizationAddress } from '../../../lib/address.ts';
import type { Organization } from '../../organizations/queries.ts';

/** What e-BOK offers and how to get an account, as the cooperative's announcement promises. */
export function EbokAbout({ organization }: { organization: Organization }) {
  return (
    <section aria-labelledby="jak-uzyskac-dostep">
      <h2>Co znajdziesz w e-BOK</h2>
      <ul>
        <li>dane lokalu: powierzchnię użytkową i liczbę osób, od której naliczane są opłaty,</li>
        <li>opłaty za lokal, saldo otwarcia, naliczenia i wpłaty oraz saldo na wybrany dzień,</li>
        <li>rozliczenia mediów (woda, centralne ogrzewanie) i należności z innych tytułów,</li>
        <li>korespondencję ze Spółdzielni, jeśli wyrażono zgodę na jej otrzymywanie drogą elektroniczną.</li>
      </ul>
      <h2 id="jak-uzyskac-dostep">Jak uzyskać dostęp</h2>
      <p>
        Z e-BOK mogą korzystać osoby posiadające prawo do lokalu. Konto zakładamy po weryfikacji tożsamości: w biurze
        Spółdzielni ({organizationAddress(organization)}) z dowodem osobistym albo zdalnie, przesyłając skan
        wypełnionego formularza aktywacyjnego i dowodu osobistego. Pracownik Spółdzielni wygeneruje login i hasło
        startowe, które przy pierwszym logowaniu trzeba zmienić.
      </p>
      <p>
        W razie zapomnienia hasła nowe hasło wygeneruje Spółdzielnia i prześle je na adres e-mail podany w formularzu
        aktywacyjnym.
        {organization.phone ? <> Pytania: tel. {organization.phone}</> : null}
        {organization.email ? (
          <>
            , e-mail <a href={`mailto:${organization.email}`}>{organization.email}</a>
          </>
        ) : null}
        .
      </p>
    </section>
  );
}

export function EbokLandingPage({
  organization,
  children,
}: {
  organization: Organization;
  /** The sign-in form, when sign-in is available. */
  children?: ComponentChildren;
}) {
  return (
    <Layout title="e-BOK" organization={organization} path="/ebok" skipToSignIn={children !== undefined}>
      <h1>e-BOK — Elektroniczne Biuro Obsługi Klienta</h1>
      {children}
      <EbokAbout organization={organization} />
    </Layout>
  );
}
