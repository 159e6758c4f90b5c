import type { Db } from '../../../platform/db/database.ts';

/**
 * The citizen's own-data download (GDPR art. 15 access, art. 20 portability) is a list of SECTIONS. Each module that
 * keeps personal data adds its own with `registerExportSection` — from its routes registration or its module file —
 * and the JSON and PDF downloads pick it up: nothing here needs to change.
 *
 * A section's `load` returns plain JSON data (strings, numbers, booleans, null, arrays, objects; calendar dates as
 * 'YYYY-MM-DD', instants as ISO strings). The PDF renders it generically: objects as "label: value" lines, arrays of
 * objects as blocks; `labels` gives the Italian label of each key (keys without one are shown as they are).
 */
export type ExportValue = string | number | boolean | null | ExportValue[] | { [key: string]: ExportValue };

export interface ExportSection {
  /** Stable key (JSON): e.g. 'person', 'professionalProfile', 'notices'. Registering the same key again replaces the section. */
  key: string;
  /** Italian title (PDF heading and JSON). */
  title: string;
  /** Position among the sections (lower first); sections with the same order keep their registration order. */
  order: number;
  /** Italian labels of the data's keys, for the PDF. */
  labels?: Record<string, string>;
  /** Values of a key shown in Italian in the PDF (e.g. { channel: { 'job-centre': 'Centro per l’impiego' } }). */
  valueLabels?: Record<string, Record<string, string>>;
  /** Shown when the section has no data (empty array or null). */
  emptyText?: string;
  load(db: Db, personId: string): Promise<ExportValue>;
}

const sections = new Map<string, ExportSection>();

export function registerExportSection(section: ExportSection): void {
  sections.set(section.key, section);
}

/** The registered sections, in order. */
export function exportSections(): ExportSection[] {
  return [...sections.values()]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
    .map(({ s }) => s);
}
