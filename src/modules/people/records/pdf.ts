import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { DataExport } from './dataExport.ts';
import type { ExportValue } from './exportSections.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BODY = 10;
const LINE = 14;

/**
 * Text the standard fonts (WinAnsi) cannot draw is transliterated: accents stay (à è é ì ò ù are in WinAnsi), letters
 * outside it lose their diacritics (ł → l, ő → o), anything else becomes '?'. The JSON download keeps the exact text.
 */
/** Letters with no Unicode decomposition into a base letter plus accent. */
const TRANSLITERATE: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', '≤': '<=', '≥': '>=', '→': '->' };

function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.replace(/\r?\n/g, ' ').replace(/\t/g, ' ')) {
    const code = ch.codePointAt(0) ?? 63;
    if (supported.has(code)) out += ch;
    else {
      const base = TRANSLITERATE[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += [...base].every((c) => supported.has(c.codePointAt(0) ?? 63)) && base ? base : '?';
    }
  }
  return out;
}

class Writer {
  readonly #doc: PDFDocument;
  readonly #regular: PDFFont;
  readonly #bold: PDFFont;
  #page!: PDFPage;
  #y = 0;
  readonly #footer: string;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont, footer: string) {
    this.#doc = doc;
    this.#regular = regular;
    this.#bold = bold;
    this.#footer = footer;
    this.newPage();
  }

  newPage(): void {
    this.#page = this.#doc.addPage(A4);
    this.#y = A4[1] - MARGIN;
    const text = drawable(this.#regular, this.#footer);
    this.#page.drawText(text, { x: MARGIN, y: MARGIN / 2, size: 8, font: this.#regular, color: rgb(0.35, 0.35, 0.35) });
  }

  #ensure(height: number): void {
    if (this.#y - height < MARGIN) this.newPage();
  }

  #wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const word of drawable(font, text).split(' ')) {
      const last = lines.at(-1);
      const candidate = last === undefined ? word : `${last} ${word}`;
      if (last !== undefined && font.widthOfTextAtSize(candidate, size) > width) lines.push(word);
      else if (last === undefined) lines.push(word);
      else lines[lines.length - 1] = candidate;
    }
    // Words longer than a line are cut.
    return lines.flatMap((line) => {
      if (font.widthOfTextAtSize(line, size) <= width) return [line];
      const parts: string[] = [];
      let current = '';
      for (const ch of line) {
        if (font.widthOfTextAtSize(current + ch, size) > width) {
          parts.push(current);
          current = ch;
        } else current += ch;
      }
      return [...parts, current];
    });
  }

  text(text: string, options: { bold?: boolean; size?: number; indent?: number; gapBefore?: number; color?: [number, number, number] } = {}): void {
    const size = options.size ?? BODY;
    const font = options.bold ? this.#bold : this.#regular;
    const indent = options.indent ?? 0;
    const lineHeight = Math.max(LINE, size * 1.35);
    if (options.gapBefore) this.#y -= options.gapBefore;
    for (const line of this.#wrap(text, font, size, A4[0] - 2 * MARGIN - indent)) {
      this.#ensure(lineHeight);
      this.#y -= lineHeight;
      this.#page.drawText(line, { x: MARGIN + indent, y: this.#y, size, font, color: rgb(...(options.color ?? [0.1, 0.1, 0.1])) });
    }
  }

  gap(points: number): void {
    this.#y -= points;
  }
}

function scalar(value: ExportValue, key: string, valueLabels: Record<string, Record<string, string>>): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'number') return value.toLocaleString('it-IT', { maximumFractionDigits: 6 });
  if (typeof value === 'string') {
    const mapped = valueLabels[key]?.[value];
    if (mapped) return mapped;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value))
      return new Date(value).toLocaleString('it-IT', {
        timeZone: 'Europe/Rome',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
    return value;
  }
  return '';
}

function isScalar(value: ExportValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** The same content as the JSON download, as a readable A4 PDF in Italian (standard fonts, no embedded files). */
export async function renderDataExportPdf(data: DataExport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const name = `${data.subject.givenName} ${data.subject.familyName}`;
  doc.setTitle(`Dati personali di ${name}`);
  doc.setSubject('Copia dei dati personali (Reg. UE 2016/679, artt. 15 e 20)');
  doc.setAuthor('Ponte — ARTI Toscana');
  doc.setProducer('Ponte');
  doc.setLanguage('it-IT');
  doc.setCreationDate(new Date(data.generatedAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const generated = scalar(data.generatedAt, 'generatedAt', {});
  const w = new Writer(doc, regular, bold, `Ponte — dati personali di ${name} — generato il ${generated}`);

  w.text('I miei dati personali', { bold: true, size: 18 });
  w.text(name, { bold: true, size: 13, gapBefore: 4 });
  w.text(`Documento generato il ${generated}. ${data.legalNote}`, { gapBefore: 6, color: [0.3, 0.3, 0.3] });

  for (const section of data.sections) {
    w.text(section.title, { bold: true, size: 13, gapBefore: 16 });
    const labels = section.labels ?? {};
    const valueLabels = section.valueLabels ?? {};
    const label = (key: string) => labels[key] ?? key;
    const render = (value: ExportValue, indent: number, key: string): void => {
      if (isScalar(value)) {
        w.text(scalar(value, key, valueLabels), { indent });
        return;
      }
      if (Array.isArray(value)) {
        if (value.length === 0) {
          w.text('nessuno', { indent, color: [0.35, 0.35, 0.35] });
          return;
        }
        if (value.every(isScalar)) {
          w.text(value.map((v) => scalar(v, key, valueLabels)).join(', '), { indent });
          return;
        }
        value.forEach((item, i) => {
          if (i > 0) w.gap(6);
          render(item, indent, key);
        });
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        if (isScalar(v) || (Array.isArray(v) && v.every(isScalar))) {
          const text = Array.isArray(v) ? (v.length ? v.map((x) => scalar(x, k, valueLabels)).join(', ') : '—') : scalar(v, k, valueLabels);
          w.text(`${label(k)}: ${text}`, { indent });
        } else {
          w.text(`${label(k)}:`, { indent, bold: true });
          if (v === null || (Array.isArray(v) && v.length === 0)) w.text('nessuno', { indent: indent + 14, color: [0.35, 0.35, 0.35] });
          else render(v, indent + 14, k);
        }
      }
    };
    const empty = section.data === null || (Array.isArray(section.data) && section.data.length === 0);
    if (empty) w.text(section.emptyText ?? 'Nessun dato.', { color: [0.35, 0.35, 0.35] });
    else render(section.data, 0, section.key);
  }
  return doc.save({ useObjectStreams: false });
}
