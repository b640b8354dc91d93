import { fileUrl, type SiteFile, typeLabel } from '../../../files/store.ts';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatCalendarDate } from '../../../lib/format.ts';

/** A list of downloadable files: title, type and size; uploaded documents with version and date. */
export function AttachmentList({
  files,
  headingId,
  heading = 'Załączniki',
}: {
  files: SiteFile[];
  headingId: string;
  heading?: string;
}) {
  if (files.length === 0) return null;
  return (
    <section class="attachments" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ul class="file-list">
        {files.map((file) => (
          <li key={file.id}>
            <a href={fileUrl(file)}>{file.title}</a>{' '}
            <span class="meta">
              ({typeLabel(file.contentType)}, {formatFileSize(file.size)}
              {file.version ? `, ${file.version}` : ''}
              {file.documentDate ? `, obowiązuje od ${formatCalendarDate(file.documentDate)}` : ''})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
