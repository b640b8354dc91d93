import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Markdown drawn into a PDF with its structure, as the e-mail and e-BOK show it: headings,
 * paragraphs, bold and italic, lists (nested, numbered), quotes, rules and tables as lines.
 * HTML is dropped (with the content of script and style), links print their address.
 */

interface Style {
  bold: boolean;
  italic: boolean;
}

interface Run extends Style {
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The few HTML entities people type, and numeric ones: the PDF shows characters, not `&amp;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isSafeInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const RAW_TEXT_TAG = /^<(script|style|textarea|template)\b/i;

/** Inline tokens → styled runs of text. */
function runsOf(tokens: Token[] | undefined, style: Style, out: Run[] = []): Run[] {
  let skipping: string | undefined;
  for (const token of tokens ?? []) {
    if (skipping) {
      if (token.type === 'html' && new RegExp(`^</${skipping}\\s*>`, 'i').test(token.raw)) skipping = undefined;
      continue;
    }
    switch (token.type) {
      case 'strong':
        runsOf((token as Tokens.Strong).tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        runsOf((token as Tokens.Em).tokens, { ...style, italic: true }, out);
        break;
      case 'del':
        runsOf((token as Tokens.Del).tokens, style, out);
        break;
      case 'link': {
        const link = token as Tokens.Link;
        runsOf(link.tokens, style, out);
        const shown = link.text.trim();
        const address = link.href.replace(/^mailto:/, '');
        if (address && address !== shown) out.push({ ...style, text: ` (${address})` });
        break;
      }
      case 'image': {
        const alt = (token as Tokens.Image).text;
        if (alt) out.push({ ...style, text: `[${alt}]` });
        break;
      }
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'html': {
        const tag = RAW_TEXT_TAG.exec(token.raw);
        if (tag && !/<\/\w+\s*>\s*$/.test(token.raw)) skipping = tag[1];
        break;
      }
      case 'codespan':
      case 'escape':
        out.push({ ...style, text: decodeEntities((token as Tokens.Codespan).text) });
        break;
      default: {
        const nested = (token as { tokens?: Token[] }).tokens;
        if (nested?.length) runsOf(nested, style, out);
        else if ('text' in token && typeof token.text === 'string')
          out.push({ ...style, text: decodeEntities(token.text) });
      }
    }
  }
  return out;
}

const fontOf = (run: Style) => (run.bold ? (run.italic ? 'bolditalic' : 'bold') : run.italic ? 'italic' : 'regular');

interface Box {
  x: number;
  width: number;
}

/** Styled runs as one flowing paragraph starting at `box.x`, on the current line; false if empty. */
function drawRuns(doc: PDFKit.PDFDocument, runs: Run[], box: Box, y = doc.y): boolean {
  const visible = runs.filter((r) => r.text.length > 0);
  if (visible.length === 0 || visible.every((r) => !r.text.trim())) return false;
  visible.forEach((run, i) => {
    doc.font(fontOf(run));
    const last = i === visible.length - 1;
    if (i === 0) doc.text(run.text, box.x, y, { width: box.width, continued: !last });
    else doc.text(run.text, { continued: !last });
  });
  doc.font('regular');
  return true;
}

function drawBlocks(doc: PDFKit.PDFDocument, tokens: Token[], box: Box, size: number, inList = false): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        doc.moveDown(0.4).fontSize(heading.depth <= 2 ? size + 2 : size + 1);
        drawRuns(doc, runsOf(heading.tokens, { bold: true, italic: false }), box);
        doc.fontSize(size).moveDown(0.3);
        break;
      }
      case 'paragraph':
        drawRuns(doc, runsOf((token as Tokens.Paragraph).tokens, { bold: false, italic: false }), box);
        doc.moveDown(0.6);
        break;
      case 'text': {
        // A tight list item's text.
        const text = token as Tokens.Text;
        drawRuns(doc, text.tokens ? runsOf(text.tokens, { bold: false, italic: false }) : [plain(text.text)], box);
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        const indent = list.ordered ? 22 : 14;
        list.items.forEach((item, i) => {
          const y = doc.y;
          doc.font('regular').text(list.ordered ? `${start + i}.` : '•', box.x, y, {
            width: indent,
            lineBreak: false,
          });
          doc.y = y;
          drawBlocks(doc, item.tokens, { x: box.x + indent, width: box.width - indent }, size, true);
          if (doc.y === y) doc.moveDown();
          if (item.loose) doc.moveDown(0.3);
        });
        doc.x = box.x;
        if (!inList) doc.moveDown(0.6);
        break;
      }
      case 'blockquote':
        drawBlocks(doc, (token as Tokens.Blockquote).tokens, { x: box.x + 16, width: box.width - 16 }, size);
        break;
      case 'code':
        doc.text(decodeEntities((token as Tokens.Code).text), box.x + 8, doc.y, { width: box.width - 8 });
        doc.moveDown(0.6);
        break;
      case 'hr': {
        const y = doc.y + 4;
        doc
          .moveTo(box.x, y)
          .lineTo(box.x + box.width, y)
          .lineWidth(0.5)
          .strokeColor('#777777')
          .stroke();
        doc.y = y + 8;
        break;
      }
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[], bold: boolean) => {
          const runs: Run[] = [];
          cells.forEach((cell, i) => {
            if (i > 0) runs.push({ ...plain(' · '), bold });
            runsOf(cell.tokens, { bold, italic: false }, runs);
          });
          drawRuns(doc, runs, box);
        };
        row(table.header, true);
        for (const cells of table.rows) row(cells, false);
        doc.moveDown(0.6);
        break;
      }
      default:
        // `html` blocks are dropped; `space` is the gap the blocks above already leave.
        break;
    }
  }
}

const plain = (text: string): Run => ({ text: decodeEntities(text), bold: false, italic: false });

/** Draws `markdown` from the current position, wrapped to `width` from `x`. */
export function drawMarkdown(
  doc: PDFKit.PDFDocument,
  markdown: string,
  { x, width, size = 10.5, breaks = false }: { x: number; width: number; size?: number; breaks?: boolean },
): void {
  doc.font('regular').fontSize(size);
  drawBlocks(doc, new Lexer({ gfm: true, breaks }).lex(markdown.replace(/\r\n/g, '\n')), { x, width }, size);
  doc.x = x;
}
