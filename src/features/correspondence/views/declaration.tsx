import { markdownToSafeHtml } from '../../../lib/markdown.ts';
import type { DocumentText } from '../../documents/texts.ts';

/** What a scan field takes (checked by the feature: PDF, JPEG or PNG of at most 10 MB). */
export const scanHint = 'PDF, JPG lub PNG, do 10 MB.';
export const scanTypes = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The declaration's text, whose light structure (paragraphs, `- ` lists) is Markdown. */
export function Declaration({ text }: { text: DocumentText }) {
  return <div class="prose declaration" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(text.body) }} />;
}
