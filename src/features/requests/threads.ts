/**
 * The use cases of residents' requests: a member reports a fault or writes to the office, both
 * sides post in the thread, staff move a fault along its status flow and assign threads. Each
 * writes its rows, the audit row and the member's e-mail in one transaction.
 */
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { type FileUpload, storeFile } from '../../files/store.ts';
import { buildingAddress, unitAddress } from '../../lib/address.ts';
import { can } from '../../policy.ts';
import { findAccount } from '../accounts/queries.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { MemberUnit } from '../units/person-lookup.ts';
import { isErrors, prepareAttachments } from './attachments.ts';
import { type MailSettings, mailAnswerWaiting, mailFaultStatus } from './mail.ts';
import { type PreparedPhoto, preparePhotos } from './photos.ts';
import {
  findMemberThread,
  findStaffThread,
  insertPost,
  insertThread,
  insertThreadFiles,
  type Thread,
  updateThread,
} from './queries.ts';
import {
  checkStatusChange,
  type FaultCategory,
  type FaultPlace,
  type FaultStatus,
  faultSubject,
  isFaultStatus,
  isOpenFault,
  type Priority,
  type ThreadKind,
} from './rules/status.ts';

/** The member writing: their account and their person in the register. */
export interface Writer {
  id: number;
  personId: number | null;
}

async function ready(
  files: Promise<PreparedPhoto[] | FieldError[]>,
  extra: FieldError[] = [],
): Promise<PreparedPhoto[]> {
  const result = await files;
  const errors = [...extra, ...(isErrors(result) ? result : [])];
  if (errors.length > 0) {
    // One message per field: a field shows one error, so several files' problems are joined.
    const byField = new Map<string, string[]>();
    for (const e of errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
    throw new ValidationError([...byField].map(([field, messages]) => ({ field, message: messages.join(' ') })));
  }
  return isErrors(result) ? [] : result;
}

/** Stores prepared files privately and links them to the thread (and post). */
async function attachFiles(
  tx: Db,
  {
    organizationId,
    threadId,
    postId,
    files,
    now,
  }: {
    organizationId: number;
    threadId: number;
    postId: number;
    files: PreparedPhoto[];
    now: Date;
  },
): Promise<void> {
  const rows = [];
  for (const file of files) {
    const stored = await storeFile(tx, { organizationId, upload: file, owner: { private: true } });
    rows.push({
      organizationId,
      threadId,
      postId,
      fileId: stored.id,
      name: stored.name,
      contentType: stored.contentType,
      size: stored.size,
      createdAt: now,
    });
  }
  await insertThreadFiles(tx, rows);
}

export interface FaultInput {
  category: FaultCategory;
  place: FaultPlace;
  /** The member's unit it concerns (any place but the estate). */
  unitId: number | undefined;
  description: string;
}

/** A member's fault report with up to five photos; the report starts as `nowe`. */
export async function reportFault(
  db: Db,
  {
    actor,
    writer,
    units,
    input,
    photos,
    now,
  }: { actor: Actor; writer: Writer; units: MemberUnit[]; input: FaultInput; photos: FileUpload[]; now: Date },
): Promise<Thread> {
  const unit =
    input.unitId !== undefined
      ? units.find((u) => u.unitId === input.unitId)
      : units.length === 1
        ? units[0]
        : undefined;
  const placeErrors: FieldError[] = [];
  if (input.place !== 'osiedle' && !unit) {
    placeErrors.push({
      field: 'unitId',
      message:
        units.length === 0
          ? 'Nie masz w e-BOK lokalu, którego dotyczyłoby zgłoszenie: wybierz „Na terenie osiedla”.'
          : 'Wybierz lokal, którego dotyczy zgłoszenie.',
    });
  }
  const prepared = await ready(preparePhotos(photos), placeErrors);
  const organizationId = actor.organizationId;
  const placeLabel = unit
    ? input.place === 'lokal'
      ? unitAddress(unit)
      : buildingAddress({ street: unit.street, number: unit.buildingNumber })
    : '';
  return db.transaction(async (tx) => {
    const thread = await insertThread(tx, {
      organizationId,
      kind: 'fault',
      accountId: writer.id,
      personId: writer.personId,
      unitId: input.place === 'osiedle' ? null : (unit?.unitId ?? null),
      buildingId: input.place === 'osiedle' ? null : (unit?.buildingId ?? null),
      placeLabel: input.place === 'osiedle' ? '' : placeLabel,
      category: input.category,
      place: input.place,
      subject: faultSubject(input.category, input.place),
      status: 'nowe',
      waitingSince: now,
      createdAt: now,
      updatedAt: now,
    });
    const post = await insertPost(tx, {
      organizationId,
      threadId: thread.id,
      authorId: writer.id,
      authorKind: 'member',
      body: input.description,
      createdAt: now,
    });
    await attachFiles(tx, { organizationId, threadId: thread.id, postId: post.id, files: prepared, now });
    await recordAudit(tx, {
      ...actor,
      action: 'request.fault_reported',
      subjectType: 'request',
      subjectId: thread.id,
      detail: { category: input.category, place: input.place, photos: prepared.length },
      at: now,
    });
    return thread;
  });
}

/** A member's message to the office (topic, text, attachments); it waits for an answer. */
export async function writeMessage(
  db: Db,
  {
    actor,
    writer,
    input,
    attachments,
    now,
  }: { actor: Actor; writer: Writer; input: { subject: string; body: string }; attachments: FileUpload[]; now: Date },
): Promise<Thread> {
  const prepared = await ready(prepareAttachments(attachments));
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const thread = await insertThread(tx, {
      organizationId,
      kind: 'message',
      accountId: writer.id,
      personId: writer.personId,
      subject: input.subject,
      status: 'oczekuje',
      waitingSince: now,
      createdAt: now,
      updatedAt: now,
    });
    const post = await insertPost(tx, {
      organizationId,
      threadId: thread.id,
      authorId: writer.id,
      authorKind: 'member',
      body: input.body,
      createdAt: now,
    });
    await attachFiles(tx, { organizationId, threadId: thread.id, postId: post.id, files: prepared, now });
    await recordAudit(tx, {
      ...actor,
      action: 'request.message_written',
      subjectType: 'request',
      subjectId: thread.id,
      detail: { attachments: prepared.length },
      at: now,
    });
    return thread;
  });
}

/** The member's next post in their own thread; a message waits for the office again. */
export async function addMemberPost(
  db: Db,
  {
    actor,
    writer,
    kind,
    threadId,
    body,
    attachments,
    now,
  }: {
    actor: Actor;
    writer: Writer;
    kind: ThreadKind;
    threadId: number;
    body: string;
    attachments: FileUpload[];
    now: Date;
  },
): Promise<Thread> {
  const organizationId = actor.organizationId;
  const thread = await findMemberThread(db, { organizationId, accountId: writer.id, kind, id: threadId });
  if (!thread) throw new AppError('not_found', 'no such thread');
  if (kind === 'fault' && isFaultStatus(thread.status) && !isOpenFault(thread.status)) {
    throw new ValidationError([
      { field: 'body', message: 'Zgłoszenie jest zamknięte. Jeśli usterka wróciła, wyślij nowe zgłoszenie.' },
    ]);
  }
  const prepared = await ready(kind === 'fault' ? preparePhotos(attachments) : prepareAttachments(attachments));
  return db.transaction(async (tx) => {
    const post = await insertPost(tx, {
      organizationId,
      threadId,
      authorId: writer.id,
      authorKind: 'member',
      body,
      createdAt: now,
    });
    await attachFiles(tx, { organizationId, threadId, postId: post.id, files: prepared, now });
    await updateThread(tx, {
      organizationId,
      id: threadId,
      values:
        kind === 'message'
          ? { status: 'oczekuje', waitingSince: thread.waitingSince ?? now, updatedAt: now }
          : { updatedAt: now },
    });
    await recordAudit(tx, {
      ...actor,
      action: 'request.member_post',
      subjectType: 'request',
      subjectId: threadId,
      detail: { kind },
      at: now,
    });
    return thread;
  });
}

/**
 * A staff post: an answer the member sees (a message is then answered, and the member is told
 * by e-mail that an answer waits) or an internal note only staff see.
 */
export async function addStaffPost(
  db: Db,
  {
    actor,
    mail,
    kind,
    threadId,
    body,
    internal,
    now,
  }: {
    actor: Actor;
    mail: MailSettings;
    kind: ThreadKind;
    threadId: number;
    body: string;
    internal: boolean;
    now: Date;
  },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const thread = await findStaffThread(tx, { organizationId, kind, id: threadId, forUpdate: true });
    if (!thread) throw new AppError('not_found', 'no such thread');
    await insertPost(tx, {
      organizationId,
      threadId,
      authorId: actor.actorAccountId,
      authorKind: 'staff',
      internal,
      body,
      createdAt: now,
    });
    const answers = kind === 'message' && !internal;
    await updateThread(tx, {
      organizationId,
      id: threadId,
      values: answers ? { status: 'odpowiedziano', waitingSince: null, updatedAt: now } : { updatedAt: now },
    });
    if (answers) await mailAnswerWaiting(tx, { mail, thread, now });
    await recordAudit(tx, {
      ...actor,
      action: internal ? 'request.internal_note' : 'request.staff_answer',
      subjectType: 'request',
      subjectId: threadId,
      detail: { kind },
      at: now,
    });
  });
}

/** Moves a fault along its flow, writes the change into the thread and tells the member. */
export async function changeFaultStatus(
  db: Db,
  {
    actor,
    mail,
    threadId,
    status,
    reason,
    now,
  }: { actor: Actor; mail: MailSettings; threadId: number; status: FaultStatus; reason: string; now: Date },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const thread = await findStaffThread(tx, { organizationId, kind: 'fault', id: threadId, forUpdate: true });
    if (!thread || !isFaultStatus(thread.status)) throw new AppError('not_found', 'no such fault report');
    const check = checkStatusChange(thread.status, status, reason);
    if (!check.ok) throw new ValidationError([{ field: check.field, message: check.message }]);
    await updateThread(tx, {
      organizationId,
      id: threadId,
      values: {
        status,
        rejectReason: status === 'odrzucone' ? reason.trim() : null,
        waitingSince: null,
        updatedAt: now,
      },
    });
    await insertPost(tx, {
      organizationId,
      threadId,
      authorId: actor.actorAccountId,
      authorKind: 'staff',
      statusChange: status,
      body: status === 'odrzucone' ? reason.trim() : '',
      createdAt: now,
    });
    const mailed = await mailFaultStatus(tx, { mail, thread, status, now });
    await recordAudit(tx, {
      ...actor,
      action: 'request.fault_status',
      subjectType: 'request',
      subjectId: threadId,
      detail: { from: thread.status, to: status, mailed },
      at: now,
    });
  });
}

/** Hands a thread to a staff member who may handle requests (or to no one) and sets its priority. */
export async function assignThread(
  db: Db,
  {
    actor,
    kind,
    threadId,
    assigneeId,
    priority,
    now,
  }: {
    actor: Actor;
    kind: ThreadKind;
    threadId: number;
    assigneeId: number | undefined;
    priority: Priority;
    now: Date;
  },
): Promise<void> {
  const organizationId = actor.organizationId;
  if (assigneeId !== undefined) {
    const assignee = await findAccount(db, { organizationId, id: assigneeId });
    if (assignee?.status !== 'active' || !can(assignee, 'requests.handle')) {
      throw new ValidationError([{ field: 'assigneeId', message: 'Wybierz pracownika, który obsługuje zgłoszenia.' }]);
    }
  }
  await db.transaction(async (tx) => {
    const thread = await findStaffThread(tx, { organizationId, kind, id: threadId, forUpdate: true });
    if (!thread) throw new AppError('not_found', 'no such thread');
    await updateThread(tx, {
      organizationId,
      id: threadId,
      values: { assigneeId: assigneeId ?? null, priority, updatedAt: now },
    });
    await recordAudit(tx, {
      ...actor,
      action: 'request.assigned',
      subjectType: 'request',
      subjectId: threadId,
      detail: {
        from: { assigneeId: thread.assigneeId, priority: thread.priority },
        to: { assigneeId: assigneeId ?? null, priority },
      },
      at: now,
    });
  });
}
