import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { readTogether } from '../../db/together.ts';
import { auditActionRecorded } from '../../lib/audit-observers.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = typeof auditLog.$inferSelect;

/** Where a request came from, recorded with every audit row. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Who makes a change, as the audit log records it: a signed-in account, or the system (CLI,
 * import job, demo loader: `actorAccountId` null, `actorLabel` says which). Feature functions
 * take one and spread it into `recordAudit`; `http/auth.ts`'s `actorOf(request)` builds it.
 */
export interface Actor {
  organizationId: number;
  actorAccountId: number | null;
  /** For people reading the log: a login, `cli`, `demo`, `import`. */
  actorLabel?: string | undefined;
  origin?: RequestOrigin | undefined;
}

/** The system as an actor: the CLI, a background job, the demo loader. */
export function systemActor(organizationId: number, label: string): Actor {
  return { organizationId, actorAccountId: null, actorLabel: label };
}

export interface AuditInput extends Actor {
  action: string;
  subjectType?: string | undefined;
  subjectId?: string | number | undefined;
  origin?: RequestOrigin | undefined;
  detail?: Record<string, unknown> | undefined;
  at?: Date | undefined;
}

/**
 * Appends one row to the audit log: the one way to write it. Call it with the transaction of the
 * change it records, so that both commit or neither does. A system actor's label is kept in the
 * detail, since it has no account to point at.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await recordAudits(db, [input]);
}

/**
 * Appends several rows in one statement (a change of many things at once, e.g. every building's
 * settlement run): each row exactly as `recordAudit` writes it, in the order given.
 */
export async function recordAudits(db: Db, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(auditLog).values(inputs.map(auditRow));
  for (const input of inputs) auditActionRecorded(input.action);
}

function auditRow(input: AuditInput): typeof auditLog.$inferInsert {
  const systemLabel = input.actorAccountId === null && input.actorLabel ? { actor: input.actorLabel } : undefined;
  const detail = input.detail || systemLabel ? { ...input.detail, ...systemLabel } : null;
  return {
    organizationId: input.organizationId,
    actorAccountId: input.actorAccountId,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId === undefined ? null : String(input.subjectId),
    ip: input.origin?.ip ?? null,
    userAgent: input.origin?.userAgent?.slice(0, 300) ?? null,
    detail,
    ...(input.at ? { createdAt: input.at } : {}),
  };
}

export interface AuditFilter {
  organizationId: number;
  action?: string | undefined;
  actorAccountId?: number | undefined;
  /** Entries about this account, or made by it ("who signed in to my account"). */
  involvingAccountId?: number | undefined;
  /**
   * Sign-in attempts that typed this login, also when no such account exists; with
   * `involvingAccountId`, entries matching either.
   */
  typedLogin?: string | undefined;
  text?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  limit: number;
  offset?: number;
}

export async function listAudit(db: Db, filter: AuditFilter): Promise<{ rows: AuditEntry[]; total: number }> {
  const where = auditWhere(filter);
  const [rows, counts] = await readTogether(db, [
    () => latestAudit(db, filter),
    () => db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total: counts[0]?.n ?? 0 };
}

/**
 * The newest entries matching the filter, without counting them all: for a page that shows the
 * last few (the e-BOK start page's previous sign-in), where a count would read every sign-in of
 * the account on every visit.
 */
export async function latestAudit(db: Db, filter: AuditFilter): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(auditWhere(filter))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

/**
 * `latestAudit` with only an action (a prefix) and an account it involves: the e-BOK start page's
 * previous sign-in, on every visit, so prepared (db/prepared.ts).
 */
export async function latestAuditOfAccount(
  db: Db,
  {
    organizationId,
    action,
    accountId,
    limit,
  }: { organizationId: number; action: string; accountId: number; limit: number },
): Promise<AuditEntry[]> {
  return auditOfAccount(db, {
    organizationId,
    action: `${escapeLike(action)}%`,
    accountId,
    subjectId: String(accountId),
    limit,
  });
}

const auditOfAccount = preparedQuery((db) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, sql.placeholder('organizationId')),
        ilike(auditLog.action, sql.placeholder('action')),
        or(
          eq(auditLog.actorAccountId, sql.placeholder('accountId')),
          and(eq(auditLog.subjectType, 'account'), eq(auditLog.subjectId, sql.placeholder('subjectId'))),
        ),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(sql.placeholder('limit')),
);

function auditWhere(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [eq(auditLog.organizationId, filter.organizationId)];
  if (filter.action) conditions.push(ilike(auditLog.action, `${escapeLike(filter.action)}%`));
  if (filter.actorAccountId !== undefined) conditions.push(eq(auditLog.actorAccountId, filter.actorAccountId));
  const about: (SQL | undefined)[] = [];
  if (filter.involvingAccountId !== undefined) {
    const id = filter.involvingAccountId;
    about.push(
      eq(auditLog.actorAccountId, id),
      and(eq(auditLog.subjectType, 'account'), eq(auditLog.subjectId, String(id))),
    );
  }
  if (filter.typedLogin) about.push(sql`lower(${auditLog.detail}->>'login') = lower(${filter.typedLogin})`);
  const involving = or(...about);
  if (involving) conditions.push(involving);
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    const text = or(ilike(auditLog.action, pattern), sql`${auditLog.detail}::text ilike ${pattern}`);
    if (text) conditions.push(text);
  }
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditLog.createdAt, filter.to));
  return and(...conditions);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Polish descriptions of audit actions, for staff and members reading the log. */
export const auditActionLabels: Record<string, string> = {
  'signin.success': 'Logowanie',
  'signin.failure': 'Nieudana próba logowania',
  'signin.throttled': 'Próba logowania podczas blokady',
  'signin.mfa_failure': 'Błędny kod weryfikacyjny',
  'signin.recovery_code_used': 'Logowanie kodem odzyskiwania',
  'account.locked': 'Konto zablokowane czasowo po nieudanych próbach',
  'account.unlocked': 'Konto odblokowane',
  'account.disabled': 'Konto wyłączone',
  'account.enabled': 'Konto włączone',
  'account.created': 'Utworzenie konta',
  'account.roles_changed': 'Zmiana uprawnień',
  'account.totp_reset': 'Wyłączenie weryfikacji dwuetapowej przez administratora',
  'password.changed': 'Zmiana hasła',
  'totp.enabled': 'Włączenie weryfikacji dwuetapowej',
  'totp.disabled': 'Wyłączenie weryfikacji dwuetapowej',
  'session.signout': 'Wylogowanie',
  'session.signout_others': 'Wylogowanie pozostałych sesji',
  'access.denied': 'Odmowa dostępu do zasobu',
  'account.activated': 'Założenie konta e-BOK po weryfikacji tożsamości',
  'activation.requested': 'Wniosek zdalny o dostęp do e-BOK',
  'activation.approved': 'Zatwierdzenie wniosku o dostęp do e-BOK',
  'activation.rejected': 'Odrzucenie wniosku o dostęp do e-BOK',
  'password.reset_by_staff': 'Nowe hasło startowe wydane przez Spółdzielnię',
  'password.reset_self': 'Nowe hasło ustawione przez link e-mail',
  'password.reset_request_dismissed': 'Zamknięcie prośby o nowe hasło bez zmiany hasła',
  'email.change_requested': 'Prośba o zmianę adresu e-mail',
  'email.changed': 'Zmiana adresu e-mail',
  'phone.changed': 'Zmiana numeru telefonu',
  'site.news_created': 'Strona: nowa aktualność',
  'site.news_updated': 'Strona: zmiana aktualności',
  'site.news_published': 'Strona: publikacja aktualności',
  'site.news_unpublished': 'Strona: wycofanie aktualności',
  'site.news_scheduled': 'Strona: zaplanowanie publikacji aktualności',
  'site.file_added': 'Strona: dodanie pliku',
  'site.file_removed': 'Strona: usunięcie pliku',
  'site.section_added': 'Strona: nowy dział lub podstrona',
  'site.section_renamed': 'Strona: zmiana nazwy lub adresu strony',
  'site.section_body_updated': 'Strona: zmiana treści strony',
  'site.section_moved': 'Strona: zmiana kolejności w menu',
  'site.section_hidden': 'Strona: ukrycie strony',
  'site.section_unhidden': 'Strona: przywrócenie ukrytej strony',
  'site.tender_created': 'Strona: nowy przetarg',
  'site.tender_updated': 'Strona: zmiana przetargu',
  'site.tender_closed': 'Strona: zamknięcie przetargu z wynikiem',
  'site.gazette_added': 'Strona: nowe wydanie gazetki',
  'site.settings_changed': 'Strona: zmiana ustawień (godziny pracy, licznik)',
  'organization.branding_changed': 'Wygląd: zmiana logo lub kolorów Spółdzielni',
  'document.text_saved': 'Nowa wersja tekstu dokumentu',
  'building.create': 'Rejestr: nowy budynek',
  'building.update': 'Rejestr: zmiana danych budynku',
  'unit.create': 'Rejestr: nowy lokal',
  'unit.update': 'Rejestr: zmiana danych lokalu',
  'person.create': 'Rejestr: nowa osoba',
  'person.update': 'Rejestr: zmiana danych osoby',
  'right.start': 'Rejestr: nowy tytuł prawny do lokalu',
  'right.end': 'Rejestr: zakończenie tytułu prawnego',
  'right.holder_change': 'Rejestr: zmiana posiadacza lokalu',
  'occupancy.record': 'Rejestr: zmiana liczby osób',
  'register.import': 'Rejestr: import z pliku',
  'correspondence.consent_recorded': 'Korespondencja: zarejestrowanie zgody (czeka na potwierdzenie adresu)',
  'correspondence.consent_withdrawn': 'Korespondencja: wycofanie zgody',
  'correspondence.scan_rejected': 'Korespondencja: odrzucenie skanu oświadczenia',
  'correspondence.letter_sent': 'Korespondencja: wysłanie listu',
  'correspondence.printed': 'Korespondencja: potwierdzenie wydruku listów',
  'correspondence.template_created': 'Korespondencja: nowy szablon listu',
  'correspondence.template_updated': 'Korespondencja: zmiana szablonu listu',
  'correspondence.template_deleted': 'Korespondencja: usunięcie szablonu listu',
  'ledger.payment': 'Finanse: zaksięgowanie wpłaty',
  'ledger.receivable': 'Finanse: należność z innego tytułu',
  'ledger.correction': 'Finanse: korekta pozycji',
  'ledger.fee_component': 'Finanse: nowy składnik opłaty',
  'ledger.fee_rate': 'Finanse: nowa stawka opłaty',
  'ledger.charge_run': 'Finanse: naliczenie miesięczne',
  'ledger.import_payments': 'Finanse: import wpłat',
  'ledger.media_settlement': 'Finanse: rozliczenie mediów',
  'request.fault_reported': 'Zgłoszenia: nowe zgłoszenie usterki',
  'request.message_written': 'Zgłoszenia: nowa wiadomość do Spółdzielni',
  'request.member_post': 'Zgłoszenia: wpis członka',
  'request.staff_answer': 'Zgłoszenia: odpowiedź pracownika',
  'request.internal_note': 'Zgłoszenia: notatka wewnętrzna',
  'request.fault_status': 'Zgłoszenia: zmiana statusu',
  'request.assigned': 'Zgłoszenia: przypisanie i priorytet',
  'notice.published': 'Komunikaty: publikacja',
  'notice.withdrawn': 'Komunikaty: wycofanie',
  'organization.emergency_phones': 'Ustawienia: numery alarmowe',
  'member_document.published': 'Dokumenty dla członków: publikacja',
  'member_document.withdrawn': 'Dokumenty dla członków: wycofanie',
  'member_document.downloaded': 'Dokumenty dla członków: pobranie',
  'room.created': 'Rezerwacje: nowa sala',
  'booking.requested': 'Rezerwacje: prośba o rezerwację',
  'booking.approved': 'Rezerwacje: zatwierdzenie',
  'booking.rejected': 'Rezerwacje: odrzucenie',
  'ledger.media_settlement_run': 'Finanse: zaksięgowanie rozliczenia mediów z odczytów',
  'media.meter_add': 'Media: nowy licznik',
  'media.meter_replace': 'Media: wymiana licznika',
  'media.meter_import': 'Media: import ewidencji liczników',
  'media.reading': 'Media: odczyt licznika',
  'media.reading_review': 'Media: sprawdzenie odczytu',
  'media.reading_import': 'Media: import odczytów',
  'media.window': 'Media: termin odczytów',
  'media.tariff': 'Media: taryfa za wodę i ścieki',
  'media.settlement_rules': 'Media: zasady rozliczenia wody',
  'media.settlement_preview': 'Media: podgląd rozliczenia wody',
  'media.settlement_post': 'Media: zaksięgowanie rozliczenia wody',
  'media.declaration': 'Media: deklaracja liczby osób',
  'media.declaration_approve': 'Media: przyjęcie deklaracji liczby osób',
  'media.declaration_reject': 'Media: odrzucenie deklaracji liczby osób',
  'ledger.interest': 'Finanse: zaksięgowanie odsetek ustawowych',
  'ledger.indication': 'Finanse: wskazanie dłużnika, na co zaliczyć wpłatę (art. 451 KC)',
  'ledger.interest_rates': 'Finanse: zmiana tabeli odsetek ustawowych',
  'ledger.debt_settings': 'Finanse: zmiana ustawień zadłużenia i odsetek',
  'ledger.certificate_requested': 'Finanse: wniosek o zaświadczenie o niezaleganiu',
  'ledger.certificate_issued': 'Finanse: wydanie zaświadczenia o niezaleganiu',
  'ledger.certificate_declined': 'Finanse: odmowa wydania zaświadczenia o niezaleganiu',
  'reminders.sent': 'Finanse: wysłanie upomnień i wezwań do zapłaty',
  'reminders.stages_saved': 'Finanse: zmiana etapów upomnień',
};

export function describeAuditAction(action: string): string {
  return auditActionLabels[action] ?? action;
}
