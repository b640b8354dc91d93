import { Layout } from '../../../http/layout.tsx';
import type { Organization } from '../../organizations/queries.ts';

/** A map search for the address on openstreetmap.org: a plain link, no scripts or embeds. */
export function mapUrl(organization: Pick<Organization, 'street' | 'postcode' | 'city'>): string {
  const query = `${organization.street.replace(/^ul\.\s*/i, '')}, ${organization.postcode} ${organization.city}`;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

export function ContactPage({ organization }: { organization: Organization }) {
  const hours = organization.settings.officeHours ?? [];
  return (
    <Layout
      title="Kontakt"
      organization={organization}
      path="/kontakt"
      description={`Adres, telefony, e-mail i godziny pracy biura: ${organization.name}.`}
    >
      <h1>Kontakt</h1>
      <div class="contact-grid">
        <section aria-labelledby="adres">
          <h2 id="adres">Adres</h2>
          <address>
            <strong>{organization.name}</strong>
            <br />
            {organization.street}
            <br />
            {organization.postcode} {organization.city}
          </address>
          <p>
            <a href={mapUrl(organization)} rel="external">
              Pokaż na mapie (OpenStreetMap)
            </a>
          </p>
        </section>
        <section aria-labelledby="telefony">
          <h2 id="telefony">Telefon i e-mail</h2>
          <ul class="contact-list">
            {organization.phone ? (
              <li>
                tel. <a href={`tel:${organization.phone.replace(/[^\d+]/g, '')}`}>{organization.phone}</a>
              </li>
            ) : null}
            {organization.fax ? <li>tel./faks {organization.fax}</li> : null}
            {organization.email ? (
              <li>
                e-mail: <a href={`mailto:${organization.email}`}>{organization.email}</a>
              </li>
            ) : null}
          </ul>
          {organization.bankAccount ? (
            <p>
              Rachunek bankowy:{' '}
              <span>
                {organization.bankAccount.replace(
                  /^(\d{2})(\d{4})(\d{4})(\d{4})(\d{4})(\d{4})(\d{4})$/,
                  '$1 $2 $3 $4 $5 $6 $7',
                )}
              </span>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="godziny">
          <h2 id="godziny">Godziny pracy biura</h2>
          {hours.length > 0 ? (
            <ul class="contact-list">
              {hours.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p>Godziny pracy biura podamy wkrótce; prosimy o kontakt telefoniczny.</p>
          )}
        </section>
      </div>
    </Layout>
  );
}
