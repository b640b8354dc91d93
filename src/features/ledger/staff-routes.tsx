import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../errors.ts';
import { access, requestOrigin } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { csvDocument } from '../../lib/csv.ts';
import { parseDate } from '../../lib/dates.ts';
import { countOf } from '../../lib/plural.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import type { Account } from '../accounts/queries.ts';
import { acceptUploads, formFields, idOf, uploadedFile } from '../site/editor-http.ts';
import { auditLogWriter } from '../units/audit.ts';
import { searchUnits } from '../units/search.ts';
import { importPayments } from './import-payments.ts';
import {
  addFeeComponent,
  balanceAsOf,
  bookCorrection,
  bookOtherReceivable,
  bookPayment,
  runCharges,
  setFeeRate,
} from './ledger.ts';
import {
  findEntry,
  findUnitLabel,
  listDebtors,
  listEntries,
  listFeeComponents,
  listFeeRates,
  listHolderPeriods,
} from './queries.ts';
import { withRunningBalance } from './rules/balance.ts';
import { type FeeBasis, feeBases } from './rules/fees.ts';
import { moneyToPlain, parseMoney, parseRate } from './rules/money.ts';
import { isMonth } from './rules/months.ts';
import { valueDateProblem } from './rules/value-date.ts';
import { ledgerSettingsOf } from './settings.ts';
import {
  CorrectionPage,
  type DebtorSort,
  DebtorsPage,
  FeesAdminPage,
  FinanceOverviewPage,
  ImportPaymentsPage,
  UnitAccountPage,
} from './views/staff.tsx';

const entryForms = { one: 'pozycję', few: 'pozycje', many: 'pozycji' };

const readAccess = access('ledger.read');
const changeAccess = access('ledger.book');

const notices: Record<string, string> = {
  wplata: 'Zaksięgowano wpłatę.',
  naleznosc: 'Dodano należność.',
  korekta: 'Zaksięgowano korektę.',
  stawka: 'Dodano stawkę.',
  skladnik: 'Dodano składnik opłaty.',
};

/** Accountants' pages at /panel/finanse; clerks read, accountants and admins change. */
export async function ledgerStaffRoutes(app: FastifyInstance) {
  await acceptUploads(app);
  const today = () => warsawDate(app.clock());
  const canChange = (request: FastifyRequest) => {
    const roles = (request.account as Account).roles;
    return roles.includes('accountant') || roles.includes('admin');
  };
  const context = (request: FastifyRequest) => {
    const account = request.account as Account;
    return {
      db: app.db,
      organizationId: request.organization.id,
      actor: { accountId: account.id, label: account.login },
      audit: auditLogWriter(requestOrigin(request)),
    };
  };
  const notice = (request: FastifyRequest) => notices[(request.query as { ok?: string }).ok ?? ''];

  app.get('/panel/finanse', readAccess, async (request, reply) => {
    const query = request.query as { q?: string; strona?: string };
    const units = await searchUnits(app.db, {
      organizationId: request.organization.id,
      query: (query.q ?? '').slice(0, 100),
      asOf: today(),
      page: Number(query.strona) || 1,
      pageSize: 50,
    });
    return sendPage(
      reply,
      <FinanceOverviewPage
        ctx={pageContext(request, reply)}
        query={query.q ?? ''}
        units={units}
        canChange={canChange(request)}
        notice={notice(request)}
      />,
    );
  });

  async function unitOf(request: FastifyRequest, id = idOf(request)) {
    const unit = await findUnitLabel(app.db, request.organization.id, id);
    if (!unit) throw new AppError('not_found', 'no such unit');
    return unit;
  }

  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) {
    const unit = await unitOf(request);
    const organizationId = request.organization.id;
    const [entries, holders, balance] = await Promise.all([
      listEntries(app.db, { organizationId, unitId: unit.unitId }),
      listHolderPeriods(app.db, organizationId, unit.unitId),
      balanceAsOf({ db: app.db, organizationId, unitId: unit.unitId, asOf: today() }),
    ]);
    return sendPage(
      reply,
      <UnitAccountPage
        ctx={pageContext(request, reply)}
        unit={unit}
        balance={balance}
        today={today()}
        entries={withRunningBalance(entries).reverse()}
        holders={holders}
        canChange={canChange(request)}
        notice={notice(request)}
        errors={errors}
        values={values}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/finanse/lokal/:id', readAccess, (request, reply) => accountPage(request, reply));

  function money(fields: Record<string, string>, name: string, errors: FieldError[], options = {}) {
    const parsed = parseMoney(fields[name] ?? '', options);
    if (!parsed.ok) errors.push({ field: name, message: parsed.message });
    return parsed.ok ? parsed.value : 0;
  }
  function day(fields: Record<string, string>, name: string, errors: FieldError[], label: string) {
    const parsed = parseDate(fields[name] ?? '');
    if (!parsed.ok) errors.push({ field: name, message: `${label}: ${parsed.message}.` });
    return parsed.ok ? parsed.value : '';
  }
  /** A value date of a new entry: a valid day from the ledger's start date to today. */
  function valueDay(request: FastifyRequest, fields: Record<string, string>, errors: FieldError[], label: string) {
    const value = day(fields, 'data', errors, label);
    const range = { startDate: ledgerSettingsOf(request.organization).startDate, today: today() };
    const problem = value ? valueDateProblem(value, range) : undefined;
    if (problem)
      errors.push({ field: 'data', message: `${label}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}` });
    return value;
  }

  app.post('/panel/finanse/lokal/:id/wplata', changeAccess, async (request, reply) => {
    const unit = await unitOf(request);
    const fields = formFields(request);
    const errors: FieldError[] = [];
    const amount = money(fields, 'kwota', errors);
    if (errors.length === 0 && amount === 0)
      errors.push({ field: 'kwota', message: 'Kwota wpłaty musi być większa od zera.' });
    const valueDate = valueDay(request, fields, errors, 'Data wpłaty');
    if ((fields.referencja ?? '').length > 100)
      errors.push({ field: 'referencja', message: 'Numer referencyjny: najwyżej 100 znaków.' });
    if (errors.length) return accountPage(request, reply, errors, { ...fields, form: 'wplata' });
    try {
      await bookPayment({
        ...context(request),
        input: {
          unitId: unit.unitId,
          amount,
          valueDate,
          bookingDate: today(),
          description: (fields.opis ?? '').trim().slice(0, 200),
          reference: (fields.referencja ?? '').trim() || undefined,
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        return accountPage(
          request,
          reply,
          [{ field: 'referencja', message: 'Wpłata o tym numerze referencyjnym jest już zaksięgowana.' }],
          { ...fields, form: 'wplata' },
        );
      }
      throw error;
    }
    return reply.redirect(`/panel/finanse/lokal/${unit.unitId}?ok=wplata`, 303);
  });

  app.post('/panel/finanse/lokal/:id/naleznosc', changeAccess, async (request, reply) => {
    const unit = await unitOf(request);
    const fields = formFields(request);
    const errors: FieldError[] = [];
    const description = (fields.opis ?? '').trim();
    if (!description) errors.push({ field: 'opis', message: 'Podaj tytuł należności.' });
    const amount = money(fields, 'kwota', errors);
    if (errors.every((e) => e.field !== 'kwota') && amount === 0)
      errors.push({ field: 'kwota', message: 'Kwota musi być większa od zera.' });
    const valueDate = valueDay(request, fields, errors, 'Data');
    const dueDate = day(fields, 'termin', errors, 'Termin płatności');
    if (valueDate && dueDate && dueDate < valueDate)
      errors.push({ field: 'termin', message: 'Termin płatności nie może być wcześniejszy niż data należności.' });
    if (errors.length) return accountPage(request, reply, errors, { ...fields, form: 'naleznosc' });
    await bookOtherReceivable({
      ...context(request),
      input: {
        unitId: unit.unitId,
        amount,
        valueDate,
        bookingDate: today(),
        dueDate,
        description: description.slice(0, 200),
      },
    });
    return reply.redirect(`/panel/finanse/lokal/${unit.unitId}?ok=naleznosc`, 303);
  });

  async function entryOf(request: FastifyRequest) {
    const entry = await findEntry(app.db, request.organization.id, idOf(request));
    if (!entry) throw new AppError('not_found', 'no such entry');
    const unit = await unitOf(request, entry.unitId);
    return { entry, unit };
  }

  app.get('/panel/finanse/pozycja/:id/korekta', changeAccess, async (request, reply) => {
    const { entry, unit } = await entryOf(request);
    return sendPage(
      reply,
      <CorrectionPage ctx={pageContext(request, reply)} entry={entry} unitLabel={unit.label} today={today()} />,
    );
  });

  app.post('/panel/finanse/pozycja/:id/korekta', changeAccess, async (request, reply) => {
    const { entry, unit } = await entryOf(request);
    const fields = formFields(request);
    const errors: FieldError[] = [];
    const newAmount =
      (fields.kwota ?? '').trim() === '' ? null : money(fields, 'kwota', errors, { allowNegative: true });
    const valueDate = valueDay(request, fields, errors, 'Data korekty');
    const reason = (fields.powod ?? '').trim();
    if (!reason) errors.push({ field: 'powod', message: 'Podaj powód korekty.' });
    const again = (list: FieldError[]) =>
      sendPage(
        reply,
        <CorrectionPage
          ctx={pageContext(request, reply)}
          entry={entry}
          unitLabel={unit.label}
          today={today()}
          errors={list}
          values={fields}
        />,
        422,
      );
    if (errors.length) return again(errors);
    try {
      await bookCorrection({
        ...context(request),
        input: { entryId: entry.id, newAmount, valueDate, bookingDate: today(), reason: reason.slice(0, 200) },
      });
    } catch (error) {
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'invalid_input')) {
        return again([{ field: 'kwota', message: error.message }]);
      }
      throw error;
    }
    return reply.redirect(`/panel/finanse/lokal/${unit.unitId}?ok=korekta`, 303);
  });

  async function feesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
    extraNotice?: string,
  ) {
    const organizationId = request.organization.id;
    const [components, rates] = await Promise.all([
      listFeeComponents(app.db, organizationId),
      listFeeRates(app.db, organizationId),
    ]);
    return sendPage(
      reply,
      <FeesAdminPage
        ctx={pageContext(request, reply)}
        components={components}
        rates={rates}
        canChange={canChange(request)}
        notice={extraNotice ?? notice(request)}
        errors={errors}
        values={values}
        month={today().slice(0, 7)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/finanse/oplaty', readAccess, (request, reply) => feesPage(request, reply));

  app.post('/panel/finanse/oplaty/stawka', changeAccess, async (request, reply) => {
    const fields = formFields(request);
    const errors: FieldError[] = [];
    const rate = parseRate(fields.stawka ?? '');
    if (!rate.ok) errors.push({ field: 'stawka', message: rate.message });
    const from = day(fields, 'od', errors, 'Obowiązuje od');
    const unitId = /^\d+$/.test(fields.lokal ?? '') ? Number(fields.lokal) : null;
    const buildingId = /^\d+$/.test(fields.budynek ?? '') ? Number(fields.budynek) : null;
    if ((fields.lokal ?? '').trim() && unitId === null)
      errors.push({ field: 'lokal', message: 'Id lokalu to liczba.' });
    if (unitId !== null && !(await findUnitLabel(app.db, request.organization.id, unitId)))
      errors.push({ field: 'lokal', message: 'Nie ma takiego lokalu.' });
    if (unitId !== null && buildingId !== null)
      errors.push({ field: 'budynek', message: 'Podaj lokal albo budynek, nie oba.' });
    if (errors.length || !rate.ok) return feesPage(request, reply, errors, fields);
    try {
      await setFeeRate({
        ...context(request),
        input: { componentId: Number(fields.skladnik), rate: rate.value, effectiveFrom: from, unitId, buildingId },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found')
        return feesPage(request, reply, [{ field: 'skladnik', message: 'Wybierz składnik.' }], fields);
      throw error;
    }
    return reply.redirect('/panel/finanse/oplaty?ok=stawka', 303);
  });

  app.post('/panel/finanse/oplaty/skladnik', changeAccess, async (request, reply) => {
    const fields = formFields(request);
    const errors: FieldError[] = [];
    const code = (fields.kod ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9_-]{1,20}$/.test(code))
      errors.push({ field: 'kod', message: 'Kod: litery A–Z, cyfry, „-” lub „_”, najwyżej 20 znaków.' });
    const name = (fields.nazwa ?? '').trim();
    if (!name) errors.push({ field: 'nazwa', message: 'Podaj nazwę składnika.' });
    const basis = feeBases.find((b) => b === fields.podstawa);
    if (!basis) errors.push({ field: 'podstawa', message: 'Wybierz podstawę.' });
    if (errors.length) return feesPage(request, reply, errors, fields);
    try {
      await addFeeComponent({
        ...context(request),
        input: { code, name: name.slice(0, 100), basis: basis as FeeBasis },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return feesPage(request, reply, [{ field: 'kod', message: error.message }], fields);
      throw error;
    }
    return reply.redirect('/panel/finanse/oplaty?ok=skladnik', 303);
  });

  app.post('/panel/finanse/oplaty/naliczenie', changeAccess, async (request, reply) => {
    const fields = formFields(request);
    const month = (fields.miesiac ?? '').trim();
    if (!isMonth(month))
      return feesPage(
        request,
        reply,
        [{ field: 'miesiac', message: 'Miesiąc w formacie RRRR-MM, np. 2026-03.' }],
        fields,
      );
    const result = await runCharges({
      ...context(request),
      month,
      dueDay: ledgerSettingsOf(request.organization).dueDay,
      bookingDate: today(),
    });
    return feesPage(
      request,
      reply,
      [],
      {},
      `Naliczenie za ${month}: zaksięgowano ${countOf(result.booked, entryForms)}; zaksięgowanych już wcześniej: ${result.total - result.booked}.`,
    );
  });

  async function debtors(request: FastifyRequest) {
    const query = request.query as { dzien?: string; prog?: string; sort?: string };
    const errors: FieldError[] = [];
    let asOf = today();
    if (query.dzien) {
      const parsed = parseDate(query.dzien);
      if (parsed.ok) asOf = parsed.value;
      else errors.push({ field: 'dzien', message: `Dzień: ${parsed.message}.` });
    }
    const thresholdText = query.prog ?? '0,00';
    const threshold = parseMoney(thresholdText);
    if (!threshold.ok) errors.push({ field: 'prog', message: threshold.message });
    const sort: DebtorSort = query.sort === 'lokal' || query.sort === 'posiadacz' ? query.sort : 'saldo';
    const rows = await listDebtors(app.db, {
      organizationId: request.organization.id,
      asOf,
      threshold: threshold.ok ? threshold.value : 0,
    });
    const collator = new Intl.Collator('pl');
    rows.sort((a, b) =>
      sort === 'saldo'
        ? b.balance - a.balance
        : sort === 'lokal'
          ? collator.compare(a.label, b.label)
          : collator.compare(a.holders, b.holders),
    );
    return { asOf, thresholdText, sort, rows, errors };
  }

  app.get('/panel/finanse/dluznicy', readAccess, async (request, reply) => {
    const d = await debtors(request);
    return sendPage(
      reply,
      <DebtorsPage
        ctx={pageContext(request, reply)}
        day={d.asOf}
        threshold={d.thresholdText}
        sort={d.sort}
        debtors={d.rows}
        canChange={canChange(request)}
        errors={d.errors}
      />,
      d.errors.length ? 422 : 200,
    );
  });

  app.get('/panel/finanse/dluznicy.csv', readAccess, async (request, reply) => {
    const d = await debtors(request);
    const lines = [
      ['Lokal', 'Kod', 'Posiadacze', 'Saldo'],
      ...d.rows.map((r) => [r.label, r.externalKey ?? '', r.holders, moneyToPlain(r.balance)]),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="dluznicy-${d.asOf}.csv"`)
      .send(Buffer.from(csvDocument(lines), 'utf8'));
  });

  app.get('/panel/finanse/import', changeAccess, async (request, reply) =>
    sendPage(reply, <ImportPaymentsPage ctx={pageContext(request, reply)} />),
  );

  app.post('/panel/finanse/import', changeAccess, async (request, reply) => {
    const file = uploadedFile(request, 'plik');
    if (file.data.length === 0) {
      return sendPage(
        reply,
        <ImportPaymentsPage
          ctx={pageContext(request, reply)}
          errors={[{ field: 'plik', message: 'Wybierz plik CSV.' }]}
        />,
        422,
      );
    }
    const report = await importPayments({
      ...context(request),
      source: { bytes: file.data, name: file.fileName || 'wplaty.csv' },
      bookingDate: today(),
      startDate: ledgerSettingsOf(request.organization).startDate,
    });
    const failed = report.fileError !== undefined || report.errors.length > 0;
    return sendPage(
      reply,
      <ImportPaymentsPage ctx={pageContext(request, reply)} report={report} />,
      failed ? 422 : 200,
    );
  });
}
