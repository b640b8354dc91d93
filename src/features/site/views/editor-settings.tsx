import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { EditorLayout } from './editor-parts.tsx';

export function SettingsPage({
  ctx,
  form,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  form: { officeHours?: string; visitorCountStart?: string };
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  return (
    <EditorLayout ctx={ctx} title="Ustawienia strony">
      <h1>Ustawienia strony</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <Form action="/panel/strona/ustawienia" csrfToken={ctx.csrfToken} class="editor-form">
        <TextArea
          name="officeHours"
          label="Godziny pracy biura"
          value={form.officeHours}
          rows={6}
          hint="Każdy wiersz osobno, np. „poniedziałek: 7:00–17:00”. Widać je na stronie Kontakt."
          errors={errors}
        />
        <TextField
          name="visitorCountStart"
          label="Licznik odwiedzin zaczyna od"
          value={form.visitorCountStart}
          inputMode="numeric"
          hint="Liczba odwiedzin z poprzedniej strony; do niej doliczani są nowi goście."
          errors={errors}
        />
        <button type="submit">Zapisz ustawienia</button>
      </Form>
    </EditorLayout>
  );
}
