/**
 * Forms of the editor that are not one feature function's input: files with their labels, a new
 * section as the tree page's form sends it, the confirmation of hiding a section.
 */
import { z } from 'zod';
import { uploadField } from '../../http/uploads.ts';
import { gazetteInput } from './gazette.ts';
import { addableSectionKinds, sectionInput } from './sections.ts';

/** A file for a news item or a tender, with its label on the list (empty: the file name). */
export const attachmentForm = z.object({
  fileTitle: z.string().max(200, 'Opis pliku: najwyżej 200 znaków.').optional(),
  file: uploadField(),
});

/** A file for a section; with a version and a date it is an uploaded document (statute, rules). */
export const sectionAttachmentForm = attachmentForm.extend({
  version: z.string().max(50, 'Wersja: najwyżej 50 znaków.').optional(),
  documentDate: z.string().max(20, 'Podaj datę w formacie DD.MM.RRRR, np. 20.06.2024.').optional(),
});

/** A new section or sub-page: an unknown kind is a page, a place that is no section's id the menu. */
export const newSectionForm = sectionInput
  .pick({ title: true, slug: true })
  .extend({
    kind: z.enum(addableSectionKinds).catch('page'),
    parentId: z
      .string()
      .optional()
      .transform((id) => (id && /^\d{1,15}$/.test(id) ? Number(id) : null))
      .pipe(z.number().int().positive().nullable()),
  })
  .transform((form) => ({ ...form, body: '' }));

/** Hiding a section with visible sub-pages needs `potwierdzam=1` from the confirmation page. */
export const hideSectionForm = z.object({ potwierdzam: z.string().optional() });

/** A new gazette issue and its PDF. */
export const gazetteForm = gazetteInput.extend({ file: uploadField() });

/** A form of buttons only. */
export const noFields = z.object({});
