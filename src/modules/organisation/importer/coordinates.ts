import { type ColumnIndex, type ColumnSpec, inspectCsvFile, pickCells, readCsvRecords, resolveColumns } from './csvSource.ts';
import { ImportFileError } from './errors.ts';

export interface Coordinates {
  latitude: number | null;
  longitude: number | null;
}

export interface CoordinatesTable {
  sha256: string;
  byIstatCode: Map<string, Coordinates>;
}

const COLUMNS: readonly ColumnSpec<'istatCode' | 'lat' | 'lon'>[] = [
  { key: 'istatCode', aliases: ['codice_istat', 'codice_istat_comune', 'Codice Comune formato alfanumerico'], required: true },
  { key: 'lat', aliases: ['lat', 'latitudine', 'latitude'], required: true },
  { key: 'lon', aliases: ['lon', 'lng', 'longitudine', 'longitude'], required: true },
];

/**
 * Reads the coordinates file (e.g. coordinate_comuni_osm_nominatim.csv) whole: it is small and is joined
 * to the municipalities by ISTAT code. A blank or out-of-range value means "unknown" (null), not an error:
 * the source blanks ambiguous names on purpose.
 */
export async function loadCoordinates(file: string): Promise<CoordinatesTable> {
  const info = await inspectCsvFile(file);
  const records = readCsvRecords(info);
  const byIstatCode = new Map<string, Coordinates>();
  let index: ColumnIndex<'istatCode' | 'lat' | 'lon'> | undefined;
  for await (const record of records) {
    if (!index) {
      index = resolveColumns(record.cells, COLUMNS);
      continue;
    }
    const values = pickCells(record.cells, index);
    if (!/^\d{6}$/.test(values.istatCode)) continue;
    const latitude = parseDegrees(values.lat, 90);
    const longitude = parseDegrees(values.lon, 180);
    const known = latitude !== null && longitude !== null;
    byIstatCode.set(values.istatCode, { latitude: known ? latitude : null, longitude: known ? longitude : null });
  }
  if (!index) throw new ImportFileError(`File delle coordinate vuoto: ${file}`);
  return { sha256: info.sha256, byIstatCode };
}

function parseDegrees(value: string, limit: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  const degrees = Number(value);
  return Math.abs(degrees) <= limit ? degrees : null;
}
