/** COPY's text format (pure: also used by worker threads that prepare rows for copyRows/copyFormatted in copy.ts). */
export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: \N for null, backslash escapes for the four characters that need them. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : text;
}

/** Rows in COPY's text format (tab-separated fields, one line per row). */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += i === 0 ? copyField(row[i]) : `\t${copyField(row[i])}`;
    out += `${line}\n`;
  }
  return out;
}
