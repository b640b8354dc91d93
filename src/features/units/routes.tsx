/**
 * The register over HTTP: the staff pages at /panel/rejestr (clerks and administrators change,
 * accountants read), the import of a register file, and the member's units in e-BOK.
 * Handlers only parse, call one feature function and render or redirect.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { access, actorOf, requestOrigin } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { PortalLayout } from '../../http/portal-layout.tsx';
import { sendPage } from '../../http/render.ts';
import { todayInWarsaw } from '../../lib/dates.ts';
import { type Account, listMemberAccountsOfPerson } from '../accounts/queries.ts';
import { recordAudit } from '../audit/audit.ts';
import { createBuilding, updateBuilding } from './buildings.ts';
import { getPersonDetails, getRightDetails, getUnitDetails, type RightDetails, type UnitDetails } from './details.ts';
import { registerImportRoutes } from './import-routes.tsx';
import type { BuildingInput, PersonInput, UnitInput } from './inputs.ts';
import { readUnitKind } from './labels.ts';
import { getUnitForPerson, listUnitsOfPerson, type MemberUnit } from './member.ts';
import { recordOccupancyChange } from './occupancy.ts';
import { createPerson, updatePerson } from './persons.ts';
import { findBuilding, findPerson, findUnit, listBuildings } from './queries.ts';
import { correctRight, endRight, recordHolderChange } from './rights.ts';
import { idOf, registerEditAccess, registerReadAccess } from './route-helpers.ts';
import { formatAreaNumber } from './rules/parse.ts';
import { formatShare } from './rules/share.ts';
import { searchPersons, searchUnits } from './search.ts';
import { createUnit, updateUnit } from './units.ts';
import { MemberUnitPageView, MemberUnitsSection } from './views/member-units.tsx';
import {
  BuildingFormPage,
  CorrectRightPage,
  EndRightPage,
  type FormValues,
  type HolderChangeForm,
  HolderChangePage,
  NEW_HOLDER_ROWS,
  PersonFormPage,
  UnitFormPage,
} from './views/register-forms.tsx';
import { BuildingListPage, PersonListPage, PersonPage, UnitListPage, UnitPage } from './views/register-pages.tsx';
import { canEditRegister } from './views/register-parts.tsx';

const notices: Record<string, string> = {
  zapisano: 'Zapisano zmiany.',
  dodano: 'Dodano do rejestru.',
  posiadacz: 'Zapisano zmianę posiadacza.',
  zakonczono: 'Zapisano zakończenie tytułu prawnego.',
  poprawiono: 'Zapisano korektę tytułu prawnego.',
  liczba: 'Zapisano liczbę osób.',
};

function noticeOf(request: FastifyRequest): string | undefined {
  const what = (request.query as { zrobiono?: string }).zrobiono;
  return what ? notices[what] : undefined;
}

/** The text fields of a form; repeated fields keep their last value. */
function formOf(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const form: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') form[key] = value;
    else if (Array.isArray(value) && typeof value.at(-1) === 'string') form[key] = value.at(-1) as string;
  }
  return form;
}

function fieldErrorsOf(error: unknown): FieldError[] {
  if (error instanceof ValidationError) return error.fields;
  throw error;
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

const unitListQuery = z.object({
  q: z.string().max(100).catch('').default(''),
  rodzaj: z.string().optional().catch(undefined),
  budynek: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(['address', 'area', 'kind', 'externalKey']).catch('address').default('address'),
  kierunek: z.enum(['asc', 'desc']).catch('asc').default('asc'),
  strona: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const personListQuery = z.object({
  q: z.string().max(100).catch('').default(''),
  sort: z.enum(['name', 'email', 'externalKey']).catch('name').default('name'),
  kierunek: z.enum(['asc', 'desc']).catch('asc').default('asc'),
  strona: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const PAGE_SIZE = 25;

/** The units a signed-in member holds today, for the start page of e-BOK (undefined for others). */
export async function memberUnitsOf(app: FastifyInstance, request: FastifyRequest): Promise<MemberUnit[] | undefined> {
  const account = request.account;
  if (account?.kind !== 'member') return undefined;
  if (!account.personId) return [];
  return listUnitsOfPerson(app.db, {
    organizationId: request.organization.id,
    personId: account.personId,
    asOf: todayInWarsaw(app.clock()),
  });
}

export { MemberUnitsSection };

export async function registerRoutes(app: FastifyInstance) {
  const today = () => todayInWarsaw(app.clock());

  const orgOf = (request: FastifyRequest) => request.organization.id;

  // Lists -------------------------------------------------------------------------------------

  app.get('/panel/rejestr', registerReadAccess, async (request, reply) => {
    const q = unitListQuery.parse(request.query ?? {});
    const kind = q.rodzaj ? readUnitKind(q.rodzaj) : undefined;
    const [result, buildings] = await Promise.all([
      searchUnits(app.db, {
        organizationId: orgOf(request),
        query: q.q,
        kind,
        buildingId: q.budynek,
        asOf: today(),
        page: q.strona,
        pageSize: PAGE_SIZE,
        sort: q.sort,
        dir: q.kierunek,
      }),
      listBuildings(app.db, { organizationId: orgOf(request) }),
    ]);
    return sendPage(
      reply,
      <UnitListPage
        ctx={pageContext(request, reply)}
        query={{ q: q.q, kind, buildingId: q.budynek, sort: q.sort, dir: q.kierunek }}
        result={result}
        buildings={buildings}
        notice={noticeOf(request)}
      />,
    );
  });

  app.get('/panel/rejestr/osoby', registerReadAccess, async (request, reply) => {
    const q = personListQuery.parse(request.query ?? {});
    const result = await searchPersons(app.db, {
      organizationId: orgOf(request),
      query: q.q,
      asOf: today(),
      page: q.strona,
      pageSize: PAGE_SIZE,
      sort: q.sort,
      dir: q.kierunek,
    });
    return sendPage(
      reply,
      <PersonListPage
        ctx={pageContext(request, reply)}
        query={{ q: q.q, sort: q.sort, dir: q.kierunek }}
        result={result}
      />,
    );
  });

  // Buildings -----------------------------------------------------------------------------------

  app.get('/panel/rejestr/budynki', registerReadAccess, async (request, reply) => {
    const buildings = await listBuildings(app.db, { organizationId: orgOf(request) });
    return sendPage(
      reply,
      <BuildingListPage ctx={pageContext(request, reply)} buildings={buildings} notice={noticeOf(request)} />,
    );
  });

  app.get('/panel/rejestr/budynki/nowy', registerEditAccess, async (request, reply) => {
    return sendPage(
      reply,
      <BuildingFormPage
        ctx={pageContext(request, reply)}
        form={{ city: request.organization.city ?? '' }}
        errors={[]}
      />,
    );
  });

  app.post('/panel/rejestr/budynki', registerEditAccess, async (request, reply) => {
    const form = formOf(request);
    try {
      await createBuilding(app.db, { actor: actorOf(request), input: form as BuildingInput });
      return reply.redirect('/panel/rejestr/budynki?zrobiono=dodano', 303);
    } catch (error) {
      return sendPage(
        reply,
        <BuildingFormPage ctx={pageContext(request, reply)} form={form} errors={fieldErrorsOf(error)} />,
        422,
      );
    }
  });

  app.get('/panel/rejestr/budynki/:id/edycja', registerEditAccess, async (request, reply) => {
    const building = await findBuilding(app.db, { organizationId: orgOf(request), id: idOf(request) });
    if (!building) throw new AppError('not_found', 'no such building');
    const form: FormValues = {
      street: building.street,
      number: building.number,
      postcode: building.postcode,
      city: building.city,
      estate: text(building.estate),
      externalKey: text(building.externalKey),
      notes: text(building.notes),
    };
    return sendPage(
      reply,
      <BuildingFormPage ctx={pageContext(request, reply)} form={form} errors={[]} buildingId={building.id} />,
    );
  });

  app.post('/panel/rejestr/budynki/:id', registerEditAccess, async (request, reply) => {
    const buildingId = idOf(request);
    const form = formOf(request);
    try {
      await updateBuilding(app.db, { actor: actorOf(request), buildingId, input: form as BuildingInput });
      return reply.redirect('/panel/rejestr/budynki?zrobiono=zapisano', 303);
    } catch (error) {
      return sendPage(
        reply,
        <BuildingFormPage
          ctx={pageContext(request, reply)}
          form={form}
          errors={fieldErrorsOf(error)}
          buildingId={buildingId}
        />,
        422,
      );
    }
  });

  // Units ---------------------------------------------------------------------------------------

  async function unitDetails(request: FastifyRequest): Promise<UnitDetails> {
    const details = await getUnitDetails(app.db, {
      organizationId: orgOf(request),
      unitId: idOf(request),
      asOf: today(),
    });
    if (!details) throw new AppError('not_found', 'no such unit');
    return details;
  }

  async function renderUnitForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormValues,
    errors: FieldError[],
    unitId?: number,
  ) {
    const buildings = await listBuildings(app.db, { organizationId: orgOf(request) });
    return sendPage(
      reply,
      <UnitFormPage
        ctx={pageContext(request, reply)}
        form={form}
        errors={errors}
        unitId={unitId}
        buildings={buildings}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/panel/rejestr/lokale/nowy', registerEditAccess, async (request, reply) => {
    const building = (request.query as { budynek?: string }).budynek ?? '';
    return renderUnitForm(request, reply, { buildingId: building, kind: 'mieszkalny' }, []);
  });

  app.post('/panel/rejestr/lokale', registerEditAccess, async (request, reply) => {
    const form = formOf(request);
    try {
      const unit = await createUnit(app.db, { actor: actorOf(request), input: form as UnitInput });
      return reply.redirect(`/panel/rejestr/lokale/${unit.id}?zrobiono=dodano`, 303);
    } catch (error) {
      return renderUnitForm(request, reply, form, fieldErrorsOf(error));
    }
  });

  app.get('/panel/rejestr/lokale/:id', registerReadAccess, async (request, reply) => {
    const details = await unitDetails(request);
    return sendPage(
      reply,
      <UnitPage ctx={pageContext(request, reply)} details={details} asOf={today()} notice={noticeOf(request)} />,
    );
  });

  app.get('/panel/rejestr/lokale/:id/edycja', registerEditAccess, async (request, reply) => {
    const unit = await findUnit(app.db, { organizationId: orgOf(request), id: idOf(request) });
    if (!unit) throw new AppError('not_found', 'no such unit');
    const form: FormValues = {
      buildingId: String(unit.buildingId),
      number: unit.number,
      kind: unit.kind,
      area: formatAreaNumber(unit.areaHundredths),
      floor: text(unit.floor),
      rooms: text(unit.rooms),
      externalKey: text(unit.externalKey),
      notes: text(unit.notes),
    };
    return renderUnitForm(request, reply, form, [], unit.id);
  });

  app.post('/panel/rejestr/lokale/:id', registerEditAccess, async (request, reply) => {
    const unitId = idOf(request);
    const form = formOf(request);
    try {
      await updateUnit(app.db, { actor: actorOf(request), unitId, input: form as UnitInput });
      return reply.redirect(`/panel/rejestr/lokale/${unitId}?zrobiono=zapisano`, 303);
    } catch (error) {
      return renderUnitForm(request, reply, form, fieldErrorsOf(error), unitId);
    }
  });

  app.post('/panel/rejestr/lokale/:id/liczba-osob', registerEditAccess, async (request, reply) => {
    const unitId = idOf(request);
    const form = formOf(request);
    try {
      await recordOccupancyChange(app.db, {
        actor: actorOf(request),
        input: {
          unitId,
          effectiveFrom: form.effectiveFrom ?? '',
          personsCount: form.personsCount ?? '',
          note: form.note,
        },
      });
      return reply.redirect(`/panel/rejestr/lokale/${unitId}?zrobiono=liczba`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const details = await unitDetails(request);
      return sendPage(
        reply,
        <UnitPage
          ctx={pageContext(request, reply)}
          details={details}
          asOf={today()}
          occupancyForm={form}
          errors={errors}
        />,
        422,
      );
    }
  });

  // Change of holder ----------------------------------------------------------------------------

  async function renderHolderChange(
    request: FastifyRequest,
    reply: FastifyReply,
    form: HolderChangeForm,
    errors: FieldError[],
  ) {
    const details = await unitDetails(request);
    const q = String((request.query as { osoba?: unknown }).osoba ?? '').slice(0, 100);
    const results = q.trim()
      ? (await searchPersons(app.db, { organizationId: orgOf(request), query: q, asOf: today(), pageSize: 10 })).items
      : undefined;
    return sendPage(
      reply,
      <HolderChangePage
        ctx={pageContext(request, reply)}
        details={details}
        form={form}
        errors={errors}
        search={{ q, results }}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/panel/rejestr/lokale/:id/zmiana-posiadacza', registerEditAccess, async (request, reply) => {
    return renderHolderChange(request, reply, { date: today(), holders: [] }, []);
  });

  app.post('/panel/rejestr/lokale/:id/zmiana-posiadacza', registerEditAccess, async (request, reply) => {
    const unitId = idOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const endRightIds = [body.endRightIds ?? []]
      .flat()
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    const holders = Array.from({ length: NEW_HOLDER_ROWS }, (_, i) => ({
      personId: field(`newHolders.${i}.personId`).trim(),
      kind: field(`newHolders.${i}.kind`),
      share: field(`newHolders.${i}.share`),
    }));
    // Rows left empty are not holders; errors are mapped back to the row they came from.
    const filled = holders.map((h, i) => ({ ...h, row: i })).filter((h) => h.personId !== '');
    const form: HolderChangeForm = { date: field('date'), endReason: field('endReason'), endRightIds, holders };
    try {
      await recordHolderChange(app.db, {
        actor: actorOf(request),
        input: {
          unitId,
          date: form.date ?? '',
          endReason: form.endReason,
          endRightIds,
          newHolders: filled.map(({ personId, kind, share }) => ({ personId, kind, share })),
        },
      });
      return reply.redirect(`/panel/rejestr/lokale/${unitId}?zrobiono=posiadacz`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error).map((e) => {
        if (e.field === 'newHolders') return { ...e, field: 'newHolders.0.personId' };
        const match = /^newHolders\.(\d+)\.(.*)$/.exec(e.field);
        if (!match) return e;
        const row = filled[Number(match[1])]?.row ?? 0;
        return { ...e, field: `newHolders.${row}.${match[2]}` };
      });
      return renderHolderChange(request, reply, form, errors);
    }
  });

  // Ending and correcting a right ---------------------------------------------------------------

  async function rightDetails(request: FastifyRequest): Promise<RightDetails> {
    const details = await getRightDetails(app.db, { organizationId: orgOf(request), rightId: idOf(request) });
    if (!details) throw new AppError('not_found', 'no such right');
    return details;
  }

  /** Errors of the right itself (not of a field) go to the summary at the top of the form. */
  const rightFormErrors = (error: unknown) =>
    fieldErrorsOf(error).map((e) => (e.field === 'rightId' ? { ...e, field: '' } : e));

  app.get('/panel/rejestr/prawa/:id/zakonczenie', registerEditAccess, async (request, reply) => {
    const details = await rightDetails(request);
    return sendPage(
      reply,
      <EndRightPage ctx={pageContext(request, reply)} details={details} form={{ validTo: today() }} errors={[]} />,
    );
  });

  app.post('/panel/rejestr/prawa/:id/zakonczenie', registerEditAccess, async (request, reply) => {
    const details = await rightDetails(request);
    const form = formOf(request);
    try {
      await endRight(app.db, {
        actor: actorOf(request),
        input: { rightId: details.right.id, validTo: form.validTo ?? '', endReason: form.endReason ?? '' },
      });
      return reply.redirect(`/panel/rejestr/lokale/${details.unit.id}?zrobiono=zakonczono`, 303);
    } catch (error) {
      const errors = rightFormErrors(error);
      return sendPage(
        reply,
        <EndRightPage ctx={pageContext(request, reply)} details={details} form={form} errors={errors} />,
        422,
      );
    }
  });

  app.get('/panel/rejestr/prawa/:id/korekta', registerEditAccess, async (request, reply) => {
    const details = await rightDetails(request);
    const { right } = details;
    const form: FormValues = {
      kind: right.kind,
      share: formatShare({ numerator: right.shareNumerator, denominator: right.shareDenominator }),
      validFrom: right.validFrom,
      validTo: text(right.validTo),
      endReason: text(right.endReason),
    };
    return sendPage(
      reply,
      <CorrectRightPage ctx={pageContext(request, reply)} details={details} form={form} errors={[]} />,
    );
  });

  app.post('/panel/rejestr/prawa/:id/korekta', registerEditAccess, async (request, reply) => {
    const details = await rightDetails(request);
    const form = formOf(request);
    try {
      await correctRight(app.db, {
        actor: actorOf(request),
        input: {
          rightId: details.right.id,
          kind: form.kind ?? '',
          share: form.share,
          validFrom: form.validFrom ?? '',
          validTo: form.validTo,
          endReason: form.endReason,
        },
      });
      return reply.redirect(`/panel/rejestr/lokale/${details.unit.id}?zrobiono=poprawiono`, 303);
    } catch (error) {
      const errors = rightFormErrors(error);
      return sendPage(
        reply,
        <CorrectRightPage ctx={pageContext(request, reply)} details={details} form={form} errors={errors} />,
        422,
      );
    }
  });

  // Persons -------------------------------------------------------------------------------------

  app.get('/panel/rejestr/osoby/nowa', registerEditAccess, async (request, reply) => {
    return sendPage(reply, <PersonFormPage ctx={pageContext(request, reply)} form={{}} errors={[]} />);
  });

  app.post('/panel/rejestr/osoby', registerEditAccess, async (request, reply) => {
    const form = formOf(request);
    try {
      const person = await createPerson(app.db, { actor: actorOf(request), input: form as PersonInput });
      return reply.redirect(`/panel/rejestr/osoby/${person.id}?zrobiono=dodano`, 303);
    } catch (error) {
      return sendPage(
        reply,
        <PersonFormPage ctx={pageContext(request, reply)} form={form} errors={fieldErrorsOf(error)} />,
        422,
      );
    }
  });

  app.get('/panel/rejestr/osoby/:id', registerReadAccess, async (request, reply) => {
    const personId = idOf(request);
    const details = await getPersonDetails(app.db, { organizationId: orgOf(request), personId, asOf: today() });
    if (!details) throw new AppError('not_found', 'no such person');
    const accounts = await listMemberAccountsOfPerson(app.db, {
      organizationId: orgOf(request),
      personId,
      now: app.clock(),
    });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <PersonPage
        ctx={ctx}
        details={details}
        accounts={accounts}
        showPesel={canEditRegister(ctx)}
        notice={noticeOf(request)}
      />,
    );
  });

  app.get('/panel/rejestr/osoby/:id/edycja', registerEditAccess, async (request, reply) => {
    const person = await findPerson(app.db, { organizationId: orgOf(request), id: idOf(request) });
    if (!person) throw new AppError('not_found', 'no such person');
    const form: FormValues = {
      firstName: person.firstName,
      lastName: person.lastName,
      pesel: text(person.pesel),
      address: text(person.address),
      email: text(person.email),
      phone: text(person.phone),
      externalKey: text(person.externalKey),
    };
    return sendPage(
      reply,
      <PersonFormPage ctx={pageContext(request, reply)} form={form} errors={[]} personId={person.id} />,
    );
  });

  app.post('/panel/rejestr/osoby/:id', registerEditAccess, async (request, reply) => {
    const personId = idOf(request);
    const form = formOf(request);
    try {
      await updatePerson(app.db, { actor: actorOf(request), personId, input: form as PersonInput });
      return reply.redirect(`/panel/rejestr/osoby/${personId}?zrobiono=zapisano`, 303);
    } catch (error) {
      return sendPage(
        reply,
        <PersonFormPage
          ctx={pageContext(request, reply)}
          form={form}
          errors={fieldErrorsOf(error)}
          personId={personId}
        />,
        422,
      );
    }
  });

  await app.register(registerImportRoutes);

  // e-BOK: the member's units -------------------------------------------------------------------

  app.get('/ebok/lokale', access('member'), async (request, reply) => {
    const units = await memberUnitsOf(app, request);
    return sendPage(
      reply,
      <PortalLayout ctx={pageContext(request, reply)} title="Moje lokale">
        <h1 class="visually-hidden">Moje lokale</h1>
        <MemberUnitsSection units={units ?? []} />
      </PortalLayout>,
    );
  });

  app.get('/ebok/lokale/:id', access('member'), async (request, reply) => {
    const account = request.account as Account;
    const unitId = idOf(request);
    const query = {
      organizationId: orgOf(request),
      personId: account.personId ?? 0,
      asOf: today(),
    };
    const unit = account.personId ? await getUnitForPerson(app.db, { ...query, unitId }) : undefined;
    if (!unit) {
      // Someone else's unit, an ended right or another organization's: the same 404, recorded.
      await recordAudit(app.db, {
        organizationId: orgOf(request),
        actorAccountId: account.id,
        action: 'access.denied',
        subjectType: 'unit',
        subjectId: unitId,
        origin: requestOrigin(request),
        detail: { method: request.method, url: request.url.slice(0, 300), asOf: query.asOf },
        at: app.clock(),
      });
      throw new AppError('not_found', 'not a unit of this member');
    }
    const units = await listUnitsOfPerson(app.db, query);
    return sendPage(reply, <MemberUnitPageView ctx={pageContext(request, reply)} unit={unit} units={units} />);
  });
}
