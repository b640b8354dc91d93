import { Lexer, Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });
/** Letters keep every line break as typed (a signature on two lines stays on two lines). */
const markedWithBreaks = new Marked({ gfm: true, breaks: true, async: false });

/**
 * Markdown → HTML with nothing executable left: no scripts, handlers, styles or foreign schemes.
 * With `breaks`, a single line break is a line break (letters), not a space (site content).
 */
export function markdownToSafeHtml(markdown: string, { breaks = false }: { breaks?: boolean } = {}): string {
  const html = (breaks ? markedWithBreaks : marked).parse(markdown, { async: false });
  return sanitizeHtml(html, {
    allowedTags: [
      'h2',
      'h3',
      'h4',
      'p',
      'br',
      'hr',
      'ul',
      'ol',
      'li',
      'strong',
      'em',
      'b',
      'i',
      'a',
      'blockquote',
      'code',
      'pre',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'img',
    ],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], th: ['scope'] },
    allowedSchemes: ['https', 'http', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http'] },
    allowProtocolRelative: false,
    transformTags: {
      // Headings inside content start below the page's own <h1>.
      h1: 'h2',
    },
  });
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

/**
 * Markdown → the plain text an e-mail's text part carries, from the same token tree as the HTML:
 * no asterisks or hashes, links as "text (address)", list items with "–", line breaks kept
 * (`breaks`), paragraphs separated by an empty line. HTML in the source is dropped.
 */
export function markdownToText(markdown: string, { breaks = false }: { breaks?: boolean } = {}): string {
  const tokens = new Lexer({ gfm: true, breaks }).lex(markdown.replace(/\r\n/g, '\n'));
  return blocksToText(tokens)
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blocksToText(tokens: Token[], indent = ''): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
      case 'paragraph':
        out.push(indent + inlineToText((token as Tokens.Paragraph).tokens).replace(/\n/g, `\n${indent}`));
        break;
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        out.push(
          list.items
            .map((item, i) => {
              const marker = list.ordered ? `${start + i}. ` : '– ';
              const body = blocksToText(item.tokens, '').join('\n').replace(/\n/g, `\n${indent}   `);
              return `${indent}${marker}${body}`;
            })
            .join('\n'),
        );
        break;
      }
      case 'blockquote':
        out.push(blocksToText((token as Tokens.Blockquote).tokens, `${indent}> `).join('\n'));
        break;
      case 'code':
        out.push((token as Tokens.Code).text);
        break;
      case 'hr':
        out.push('———');
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineToText(c.tokens)).join(' | ');
        out.push([row(table.header), ...table.rows.map(row)].join('\n'));
        break;
      }
      case 'text': {
        const text = token as Tokens.Text;
        out.push(indent + (text.tokens ? inlineToText(text.tokens) : decode(text.text)));
        break;
      }
      default:
        break;
    }
  }
  return out.filter((block) => block.trim() !== '');
}

function inlineToText(tokens: Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
      case 'em':
      case 'del':
        out += inlineToText((token as Tokens.Strong).tokens);
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const shown = inlineToText(link.tokens);
        const address = link.href.replace(/^mailto:/, '');
        out += address && address !== shown ? `${shown} (${address})` : shown;
        break;
      }
      case 'image':
        out += (token as Tokens.Image).text ? `[${(token as Tokens.Image).text}]` : '';
        break;
      case 'br':
        out += '\n';
        break;
      case 'codespan':
        out += decode((token as Tokens.Codespan).text);
        break;
      case 'html':
        break;
      case 'text': {
        const text = token as Tokens.Text;
        out += text.tokens ? inlineToText(text.tokens) : decode(text.text);
        break;
      }
      default:
        out += decode((token as Tokens.Generic).raw ?? '');
    }
  }
  return out;
}

function decode(text: string): string {
  return text.replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole);
}
