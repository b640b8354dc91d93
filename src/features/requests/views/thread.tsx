/** The posts of a thread with their files, as the member and staff read them. */
import type { FieldError } from '../../../errors.ts';
import { CsrfField, FileField, TextArea } from '../../../http/forms.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { Post, ThreadFile } from '../queries.ts';
import { statusLabels } from '../rules/status.ts';

export function ThreadPosts({
  posts,
  files,
  fileBase,
  staffNames,
  forStaff,
}: {
  posts: Post[];
  files: ThreadFile[];
  /** `/ebok/zgloszenia/12/pliki`: a file's address is `${fileBase}/${id}`. */
  fileBase: string;
  /** Staff names by account id (for staff pages; members read "Spółdzielnia"). */
  staffNames?: Map<number, string>;
  forStaff: boolean;
}) {
  return (
    <ol class="thread">
      {posts.map((post) => {
        const own = files.filter((f) => f.postId === post.id);
        const author =
          post.authorKind === 'member'
            ? forStaff
              ? 'Członek'
              : 'Ty'
            : forStaff
              ? (staffNames?.get(post.authorId ?? 0) ?? 'Pracownik')
              : 'Spółdzielnia';
        return (
          <li key={post.id} class={post.internal ? 'post internal' : `post from-${post.authorKind}`}>
            <p class="meta">
              <strong>{author}</strong>, {formatDateTime(post.createdAt)}
              {post.internal ? ' — notatka wewnętrzna (członek jej nie widzi)' : ''}
            </p>
            {post.statusChange ? <p>Zmiana statusu: {statusLabels[post.statusChange]}.</p> : null}
            {post.body
              ? post.body.split(/\r?\n\r?\n/).map((paragraph) => (
                  <p key={paragraph} class="post-text">
                    {paragraph}
                  </p>
                ))
              : null}
            {own.length > 0 ? (
              <ul class="files">
                {own.map((file) => (
                  <li key={file.id}>
                    {file.contentType.startsWith('image/') ? (
                      <a href={`${fileBase}/${file.id}`}>
                        <img src={`${fileBase}/${file.id}`} alt={`Zdjęcie: ${file.name}`} width={160} loading="lazy" />
                      </a>
                    ) : (
                      <a href={`${fileBase}/${file.id}`}>
                        {file.name} ({formatFileSize(file.size)})
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The member's reply form under a thread. */
export function MemberReplyForm({
  action,
  csrfToken,
  errors,
  values,
  filesLabel,
  accept,
}: {
  action: string;
  csrfToken: string;
  errors: FieldError[];
  values: Record<string, string>;
  filesLabel: string;
  accept: string;
}) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" noValidate>
      <CsrfField token={csrfToken} />
      <TextArea name="body" label="Twoja wiadomość" value={values.body} errors={errors} rows={5} required />
      <FileField
        name="attachments"
        label={filesLabel}
        hint="Najwyżej 5 plików, każdy do 10 MB."
        errors={errors}
        accept={accept}
        required={false}
        multiple
      />
      <button type="submit">Wyślij</button>
    </form>
  );
}
