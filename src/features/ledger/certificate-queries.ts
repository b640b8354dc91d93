/** The certificates' SQL: requests, the accountant's queue, numbering and the public check. */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

export interface Certificate {
  id: number;
  unitId: number;
  personId: number | null;
  holderName: string;
  status: 'requested' | 'issued' | 'declined';
  asOf: string;
  number: string | undefined;
  verificationCode: string | null;
  issuedOn: string | null;
  reason: string | null;
  requestedAt: Date;
}

const columns = sql`id::text, unit_id::text, person_id::text, holder_name, status::text, as_of::text, year, sequence,
  verification_code, issued_on::text, reason, requested_at`;

function toCertificate(r: Record<string, unknown>): Certificate {
  return {
    id: Number(r.id),
    unitId: Number(r.unit_id),
    personId: r.person_id === null ? null : Number(r.person_id),
    holderName: String(r.holder_name),
    status: r.status as Certificate['status'],
    asOf: String(r.as_of),
    number: r.sequence === null || r.sequence === undefined ? undefined : `${r.sequence}/${r.year}`,
    verificationCode: (r.verification_code as string | null) ?? null,
    issuedOn: (r.issued_on as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    requestedAt: new Date(r.requested_at as string),
  };
}

export async function insertCertificateRequest(
  db: Db,
  v: { organizationId: number; unitId: number; personId: number | null; holderName: string; asOf: string },
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into arrears_certificates (organization_id, unit_id, person_id, holder_name, status, as_of)
        values (${v.organizationId}, ${v.unitId}, ${v.personId}, ${v.holderName}, 'requested', ${v.asOf}::date)
        returning id::text`,
  );
  return Number(rows[0]?.id);
}

/** Gives a request the next number of its year and a verification code (numbers never repeat). */
export async function markIssued(
  db: Db,
  { organizationId, id, issuedOn, code }: { organizationId: number; id: number; issuedOn: string; code: string },
): Promise<string> {
  const year = Number(issuedOn.slice(0, 4));
  // One numbering at a time per organization, on PostgreSQL as on PGlite.
  await db.execute(sql`select pg_advisory_xact_lock(${organizationId}::int, 15)`);
  const rows = await queryRows<{ sequence: number }>(
    db,
    sql`update arrears_certificates set status = 'issued', year = ${year}, issued_on = ${issuedOn}::date,
          as_of = ${issuedOn}::date, verification_code = ${code}, decided_at = now(),
          sequence = (select coalesce(max(sequence), 0) + 1 from arrears_certificates
                      where organization_id = ${organizationId} and year = ${year})
        where organization_id = ${organizationId} and id = ${id} and status = 'requested'
        returning sequence`,
  );
  if (!rows[0]) throw new Error('certificate already decided');
  return `${rows[0].sequence}/${year}`;
}

export async function markDeclined(
  db: Db,
  { organizationId, id, reason }: { organizationId: number; id: number; reason: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update arrears_certificates set status = 'declined', reason = ${reason}, decided_at = now()
        where organization_id = ${organizationId} and id = ${id} and status = 'requested' returning id::text`,
  );
  return rows.length > 0;
}

export async function findCertificate(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<Certificate | undefined> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from arrears_certificates where organization_id = ${organizationId} and id = ${id}`,
  );
  return rows[0] ? toCertificate(rows[0]) : undefined;
}

/** A person's certificates for a unit, newest first. */
export async function listPersonCertificates(
  db: Db,
  { organizationId, unitId, personId }: { organizationId: number; unitId: number; personId: number },
): Promise<Certificate[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from arrears_certificates
        where organization_id = ${organizationId} and unit_id = ${unitId} and person_id = ${personId}
        order by requested_at desc, id desc`,
  );
  return rows.map(toCertificate);
}

/** Requests waiting for the accountant, oldest first. */
export async function listWaitingCertificates(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<Certificate[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from arrears_certificates
        where organization_id = ${organizationId} and status = 'requested' order by requested_at, id`,
  );
  return rows.map(toCertificate);
}

export async function countWaitingCertificates(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<{ count: number; oldestSince: Date | null }> {
  const rows = await queryRows<{ n: number; oldest: string | null }>(
    db,
    sql`select count(*)::int as n, min(requested_at)::text as oldest from arrears_certificates
        where organization_id = ${organizationId} and status = 'requested'`,
  );
  return { count: rows[0]?.n ?? 0, oldestSince: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
}

/** The public check: an issued certificate by its code, in any organization of the host. */
export async function findByCode(
  db: Db,
  { organizationId, code }: { organizationId: number; code: string },
): Promise<Certificate | undefined> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from arrears_certificates
        where organization_id = ${organizationId} and verification_code = ${code} and status = 'issued'`,
  );
  return rows[0] ? toCertificate(rows[0]) : undefined;
}
