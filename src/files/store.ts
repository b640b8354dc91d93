import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/client.ts';
import { AppError, ValidationError } from '../errors.ts';
import { newsItems, siteFiles, siteSections, tenders } from '../features/site/schema.ts';
import { cleanFileName } from '../lib/file-name.ts';
import { describeTooLarge } from '../lib/file-size.ts';

/** Largest file the site accepts. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type SiteFile = Omit<typeof siteFiles.$inferSelect, 'data'>;

/** Columns of a file without its content, for lists. */
const fileColumns = {
  id: siteFiles.id,
  organizationId: siteFiles.organizationId,
  key: siteFiles.key,
  name: siteFiles.name,
  title: siteFiles.title,
  contentType: siteFiles.contentType,
  size: siteFiles.size,
  newsId: siteFiles.newsId,
  sectionId: siteFiles.sectionId,
  tenderId: siteFiles.tenderId,
  version: siteFiles.version,
  documentDate: siteFiles.documentDate,
  position: siteFiles.position,
  private: siteFiles.private,
  createdAt: siteFiles.createdAt,
};

const DOC = 'application/msword';
const XLS = 'application/vnd.ms-excel';

/** Types the site accepts, by the type detected from the content, with their file extensions (the first is used). */
const allowed: Record<string, { label: string; inline: boolean; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', inline: false, extensions: ['pdf'] },
  [DOC]: { label: 'DOC', inline: false, extensions: ['doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    inline: false,
    extensions: ['docx'],
  },
  'application/vnd.oasis.opendocument.text': { label: 'ODT', inline: false, extensions: ['odt'] },
  [XLS]: { label: 'XLS', inline: false, extensions: ['xls'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    inline: false,
    extensions: ['xlsx'],
  },
  'image/jpeg': { label: 'JPG', inline: true, extensions: ['jpg', 'jpeg', 'jpe'] },
  'image/png': { label: 'PNG', inline: true, extensions: ['png'] },
  'image/gif': { label: 'GIF', inline: true, extensions: ['gif'] },
  'image/webp': { label: 'WEBP', inline: true, extensions: ['webp'] },
};

export const ALLOWED_TYPES_TEXT = 'PDF, DOC, DOCX, ODT, XLS, XLSX, JPG, PNG, GIF lub WEBP';

/**
 * The content type of an uploaded file, detected from its bytes; undefined when not allowed.
 * Old Office files (DOC, XLS) share one container format, told apart by the file name.
 */
export async function detectAllowedType(data: Uint8Array, fileName: string): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(data);
  if (!detected) return undefined;
  if (detected.mime === 'application/x-cfb') {
    if (/\.doc$/i.test(fileName)) return DOC;
    if (/\.xls$/i.test(fileName)) return XLS;
    return undefined;
  }
  return detected.mime in allowed ? detected.mime : undefined;
}

/** Whether a type is shown in the browser (images) rather than downloaded (documents). */
export function isInline(contentType: string): boolean {
  return allowed[contentType]?.inline ?? false;
}

/** A short label of the type for lists, `PDF`. */
export function typeLabel(contentType: string): string {
  return allowed[contentType]?.label ?? 'plik';
}

/**
 * The file name with the extension of its detected type, so that a name never claims another
 * type than the one served (`x.html` holding a GIF becomes `x.gif`; `skan.JPEG` stays). A last
 * part that is no extension (`umowa 2024.03`) is kept and the extension added after it.
 */
function withTypeExtension(name: string, contentType: string): string {
  const extensions = allowed[contentType]?.extensions;
  if (!extensions?.[0]) return name;
  const match = /^(.+)\.([A-Za-z][A-Za-z0-9]{0,5})$/.exec(name);
  if (match && extensions.includes(match[2]?.toLowerCase() ?? '')) return name;
  const base = match ? match[1] : name;
  return `${base?.slice(0, 120 - extensions[0].length - 1)}.${extensions[0]}`;
}

export interface FileUpload {
  /** Name as the browser sent it. */
  fileName: string;
  data: Buffer;
  /** Label for lists; the file name when empty. */
  title?: string | undefined;
}

export interface FileOwner {
  newsId?: number;
  sectionId?: number;
  tenderId?: number;
  version?: string | null;
  documentDate?: string | null;
  /** Not for the public site: never served at /pliki (e.g. letters' attachments, scans). */
  private?: boolean;
}

/**
 * Checks an upload (size, type by content) and stores it; throws `invalid_input` with a Polish
 * message on the `file` field otherwise.
 */
export async function storeFile(
  db: Db,
  { organizationId, upload, owner = {} }: { organizationId: number; upload: FileUpload; owner?: FileOwner },
): Promise<SiteFile> {
  if (upload.data.length === 0) {
    throw new ValidationError([{ field: 'file', message: 'Wybierz plik do wysłania.' }]);
  }
  if (upload.data.length > MAX_FILE_BYTES) {
    throw new ValidationError([
      {
        field: 'file',
        message: describeTooLarge(upload.data.length, MAX_FILE_BYTES),
      },
    ]);
  }
  const uploadedName = cleanFileName(upload.fileName);
  const contentType = await detectAllowedType(upload.data, uploadedName);
  if (!contentType) {
    throw new ValidationError([
      { field: 'file', message: `Niedozwolony rodzaj pliku. Dozwolone są pliki ${ALLOWED_TYPES_TEXT}.` },
    ]);
  }
  const name = withTypeExtension(uploadedName, contentType);
  const rows = await db
    .insert(siteFiles)
    .values({
      organizationId,
      key: randomBytes(12).toString('base64url'),
      name,
      title: upload.title?.trim() || name,
      contentType,
      size: upload.data.length,
      data: upload.data,
      newsId: owner.newsId ?? null,
      sectionId: owner.sectionId ?? null,
      tenderId: owner.tenderId ?? null,
      version: owner.version ?? null,
      documentDate: owner.documentDate ?? null,
      private: owner.private ?? false,
    })
    .returning(fileColumns);
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Whether what a file is attached to is on the public site at `now`: a news item published by
 * then, a section that is not hidden (nor its parent), a tender that is not hidden. A file of no
 * news item, section or tender (a gazette issue) is public.
 */
const ownerIsPublic = (now: Date) =>
  and(
    or(
      isNull(siteFiles.newsId),
      sql`exists (select 1 from ${newsItems} n where n.id = ${siteFiles.newsId} and n.published_at <= ${now})`,
    ),
    or(
      isNull(siteFiles.sectionId),
      sql`exists (select 1 from ${siteSections} s left join ${siteSections} p on p.id = s.parent_id
                  where s.id = ${siteFiles.sectionId} and not s.hidden and (p.id is null or not p.hidden))`,
    ),
    or(
      isNull(siteFiles.tenderId),
      sql`exists (select 1 from ${tenders} t where t.id = ${siteFiles.tenderId} and not t.hidden)`,
    ),
  );

/**
 * A stored file with its content, by its key; never a private one. With `publicAt`, only while
 * what it is attached to is public (the /pliki address); without, for the site's editors.
 */
export async function findFileByKey(
  db: Db,
  { organizationId, key, publicAt }: { organizationId: number; key: string; publicAt?: Date },
): Promise<(SiteFile & { data: Buffer }) | undefined> {
  const rows = await db
    .select()
    .from(siteFiles)
    .where(
      and(
        eq(siteFiles.organizationId, organizationId),
        eq(siteFiles.key, key),
        eq(siteFiles.private, false),
        publicAt ? ownerIsPublic(publicAt) : undefined,
      ),
    )
    .limit(1);
  return rows[0];
}

/** Files with their content by id, for the mail worker (attachments sent by reference). */
export async function findFilesByIds(
  db: Db,
  ids: number[],
): Promise<{ id: number; name: string; contentType: string; data: Buffer }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: siteFiles.id, name: siteFiles.name, contentType: siteFiles.contentType, data: siteFiles.data })
    .from(siteFiles)
    .where(inArray(siteFiles.id, ids));
}

/** Deletes a stored file by id (a scan purged after its purpose ended). */
export async function deleteFileById(db: Db, { organizationId, fileId }: { organizationId: number; fileId: number }) {
  await db.delete(siteFiles).where(and(eq(siteFiles.organizationId, organizationId), eq(siteFiles.id, fileId)));
}

/** Files attached to one owner (a news item, a section or a tender), in order. */
export async function listFiles(
  db: Db,
  organizationId: number,
  owner: { newsId: number } | { sectionId: number } | { tenderId: number },
): Promise<SiteFile[]> {
  const ownerCondition =
    'newsId' in owner
      ? eq(siteFiles.newsId, owner.newsId)
      : 'sectionId' in owner
        ? eq(siteFiles.sectionId, owner.sectionId)
        : eq(siteFiles.tenderId, owner.tenderId);
  return db
    .select(fileColumns)
    .from(siteFiles)
    .where(and(eq(siteFiles.organizationId, organizationId), ownerCondition))
    .orderBy(asc(siteFiles.position), asc(siteFiles.id));
}

/**
 * Removes a file from its owner (a news item, a section or a tender). Only a file of that owner
 * goes, so a forged id cannot remove a gazette issue or another page's file.
 */
export async function removeFile(
  db: Db,
  {
    organizationId,
    fileId,
    owner,
  }: {
    organizationId: number;
    fileId: number;
    owner: { newsId: number } | { sectionId: number } | { tenderId: number };
  },
): Promise<SiteFile> {
  const ownerCondition =
    'newsId' in owner
      ? eq(siteFiles.newsId, owner.newsId)
      : 'sectionId' in owner
        ? eq(siteFiles.sectionId, owner.sectionId)
        : eq(siteFiles.tenderId, owner.tenderId);
  const rows = await db
    .delete(siteFiles)
    .where(and(eq(siteFiles.organizationId, organizationId), eq(siteFiles.id, fileId), ownerCondition))
    .returning(fileColumns);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such file');
  return row;
}

/** The public address of a file. */
export function fileUrl(file: Pick<SiteFile, 'key' | 'name'>): string {
  return `/pliki/${file.key}/${encodeURIComponent(file.name)}`;
}

/** The address at which the site's editors download a file, public yet or not. */
export function editorFileUrl(file: Pick<SiteFile, 'key' | 'name'>): string {
  return `/panel/strona${fileUrl(file)}`;
}

/** `Content-Disposition` for a file: inline for images, attachment for documents; UTF-8 names per RFC 6266. */
export function contentDisposition(file: Pick<SiteFile, 'name' | 'contentType'>): string {
  const ascii =
    file.name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'plik';
  const encoded = encodeURIComponent(file.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${isInline(file.contentType) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
