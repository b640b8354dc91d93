/** Forms of the register's records: building, unit, person. They come back filled in. */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { buildingAddress } from '../../../lib/address.ts';
import { unitKindLabels, unitKinds } from '../labels.ts';
import type { Building } from '../queries.ts';
import { Back, RegisterLayout } from './register-parts.tsx';

export interface FormPageProps {
  ctx: PageContext;
  form: FormValues;
  errors: FieldError[];
}

export function BuildingFormPage({ ctx, form, errors, buildingId }: FormPageProps & { buildingId?: number }) {
  const title = buildingId ? 'Zmiana danych budynku' : 'Nowy budynek';
  return (
    <RegisterLayout ctx={ctx} title={title}>
      <Back href="/panel/rejestr/budynki" label="Budynki" />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form
        action={buildingId ? `/panel/rejestr/budynki/${buildingId}` : '/panel/rejestr/budynki'}
        csrfToken={ctx.csrfToken}
        class="form-narrow"
      >
        <TextField name="street" label="Ulica" value={form.street} errors={errors} required maxLength={120} />
        <TextField name="number" label="Numer budynku" value={form.number} errors={errors} required maxLength={20} />
        <TextField
          name="postcode"
          label="Kod pocztowy"
          value={form.postcode}
          errors={errors}
          required
          hint="Na przykład 40-282."
          maxLength={6}
        />
        <TextField name="city" label="Miejscowość" value={form.city} errors={errors} required maxLength={80} />
        <TextField name="estate" label="Osiedle" value={form.estate} errors={errors} maxLength={120} />
        <TextField
          name="externalKey"
          label="Klucz w systemie księgowym"
          value={form.externalKey}
          errors={errors}
          maxLength={40}
        />
        <TextArea name="notes" label="Uwagi" value={form.notes} errors={errors} rows={3} />
        <button type="submit">Zapisz budynek</button>
      </Form>
    </RegisterLayout>
  );
}

export function UnitFormPage({
  ctx,
  form,
  errors,
  unitId,
  buildings,
}: FormPageProps & { unitId?: number; buildings: Building[] }) {
  const title = unitId ? 'Zmiana danych lokalu' : 'Nowy lokal';
  return (
    <RegisterLayout ctx={ctx} title={title}>
      <Back href={unitId ? `/panel/rejestr/lokale/${unitId}` : '/panel/rejestr'} label={unitId ? 'Lokal' : 'Lokale'} />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form
        action={unitId ? `/panel/rejestr/lokale/${unitId}` : '/panel/rejestr/lokale'}
        csrfToken={ctx.csrfToken}
        class="form-narrow"
      >
        <SelectField
          name="buildingId"
          label="Budynek"
          value={form.buildingId}
          errors={errors}
          options={[['', 'wybierz budynek'], ...buildings.map((b) => [String(b.id), buildingAddress(b)] as const)]}
        />
        <TextField name="number" label="Numer lokalu" value={form.number} errors={errors} required maxLength={20} />
        <SelectField
          name="kind"
          label="Rodzaj lokalu"
          value={form.kind}
          errors={errors}
          options={unitKinds.map((kind) => [kind, unitKindLabels[kind]] as const)}
        />
        <TextField
          name="area"
          label="Powierzchnia użytkowa (m²)"
          value={form.area}
          errors={errors}
          required
          inputMode="text"
          hint="Na przykład 54,30."
          maxLength={12}
        />
        <TextField name="floor" label="Piętro" value={form.floor} errors={errors} inputMode="numeric" maxLength={4} />
        <TextField
          name="rooms"
          label="Liczba pokoi"
          value={form.rooms}
          errors={errors}
          inputMode="numeric"
          maxLength={3}
        />
        <TextField
          name="externalKey"
          label="Klucz w systemie księgowym"
          value={form.externalKey}
          errors={errors}
          maxLength={40}
        />
        <TextArea name="notes" label="Uwagi" value={form.notes} errors={errors} rows={3} />
        <button type="submit">Zapisz lokal</button>
      </Form>
    </RegisterLayout>
  );
}

export function PersonFormPage({ ctx, form, errors, personId }: FormPageProps & { personId?: number }) {
  const title = personId ? 'Zmiana danych osoby' : 'Nowa osoba';
  return (
    <RegisterLayout ctx={ctx} title={title}>
      <Back
        href={personId ? `/panel/rejestr/osoby/${personId}` : '/panel/rejestr/osoby'}
        label={personId ? 'Osoba' : 'Osoby'}
      />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form
        action={personId ? `/panel/rejestr/osoby/${personId}` : '/panel/rejestr/osoby'}
        csrfToken={ctx.csrfToken}
        class="form-narrow"
      >
        <TextField name="firstName" label="Imię" value={form.firstName} errors={errors} required maxLength={80} />
        <TextField name="lastName" label="Nazwisko" value={form.lastName} errors={errors} required maxLength={120} />
        <TextField
          name="pesel"
          label="PESEL"
          value={form.pesel}
          errors={errors}
          inputMode="numeric"
          maxLength={11}
          hint="Puste dla cudzoziemca bez numeru PESEL."
        />
        <TextArea name="address" label="Adres do korespondencji" value={form.address} errors={errors} rows={3} />
        <TextField name="email" label="E-mail" type="email" value={form.email} errors={errors} maxLength={200} />
        <TextField name="phone" label="Telefon" type="tel" value={form.phone} errors={errors} maxLength={20} />
        <TextField
          name="externalKey"
          label="Klucz w systemie księgowym"
          value={form.externalKey}
          errors={errors}
          maxLength={40}
        />
        <button type="submit">Zapisz osobę</button>
      </Form>
    </RegisterLayout>
  );
}
