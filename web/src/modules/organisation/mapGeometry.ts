import type { JobCentre, Municipality } from '../../app/types.ts';

/**
 * Colours for job centres: dark enough for a 3:1 contrast with the white map background
 * (WCAG 1.4.11, non-text contrast), and distinct from each other.
 */
export const PALETTE = [
  '#0066cc', // blue
  '#c62828', // red
  '#2e7d32', // green
  '#6a1b9a', // purple
  '#b35900', // orange
  '#00838f', // teal
  '#ad1457', // magenta
  '#5d6d00', // olive
  '#4e342e', // dark brown
  '#283593', // indigo
  '#37474f', // slate
  '#8a6d00', // ochre
] as const;

/** Municipalities with no competent job centre are drawn hollow (white fill, dark outline). */
export const UNASSIGNED_COLOUR = '#ffffff';
export const UNASSIGNED_STROKE = '#33383d';

export interface Point {
  x: number;
  y: number;
}

export interface Projection {
  width: number;
  height: number;
  project: (lat: number, lon: number) => Point;
}

/**
 * Equirectangular projection with the cos(latitude) correction at the mean latitude,
 * fitted into a `width`-wide box with `pad` pixels of margin.
 */
export function fitProjection(coords: { lat: number; lon: number }[], width = 640, pad = 24): Projection | null {
  if (coords.length === 0) return null;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const c of coords) {
    minLat = Math.min(minLat, c.lat);
    maxLat = Math.max(maxLat, c.lat);
    minLon = Math.min(minLon, c.lon);
    maxLon = Math.max(maxLon, c.lon);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const inner = width - 2 * pad;
  const scale = inner / spanX;
  // Keep very tall or very flat areas readable: cap the height at 1.4× the width.
  const rawHeight = spanY * scale + 2 * pad;
  const height = Math.min(Math.max(rawHeight, 200), width * 1.4);
  const s = Math.min(scale, (height - 2 * pad) / spanY);
  const offsetX = (width - spanX * s) / 2;
  const offsetY = (height - spanY * s) / 2;
  return {
    width,
    height: Math.round(height),
    project: (lat, lon) => ({
      x: offsetX + (lon - minLon) * k * s,
      y: offsetY + (maxLat - lat) * s,
    }),
  };
}

/** Great-circle distance in km (haversine). */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = 6371;
  const dLat = ((bLat - aLat) * Math.PI) / 180;
  const dLon = ((bLon - aLon) * Math.PI) / 180;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos((aLat * Math.PI) / 180) * Math.cos((bLat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

/**
 * Gives each job centre a palette colour so that neighbouring territories differ: two job centres are
 * neighbours when they are in the same province or any of their municipalities are closer than `nearKm`;
 * colours are then assigned
 * greedily, most-connected first. Computed on the whole region so colours stay the same in every view.
 */
export function assignColours(jobCentres: JobCentre[], municipalities: Municipality[], nearKm = 12): Map<string, string> {
  const ids = [...jobCentres].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name)).map((j) => j.id);
  const located = municipalities.filter(
    (m): m is Municipality & { latitude: number; longitude: number; jobCentreId: string } =>
      m.latitude !== null && m.longitude !== null && m.jobCentreId !== null,
  );
  const neighbours = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  // Job centres of the same province always differ, so a province view never repeats a colour.
  for (const a of jobCentres) {
    for (const b of jobCentres) {
      if (a.id !== b.id && a.provinceCode === b.provinceCode) neighbours.get(a.id)?.add(b.id);
    }
  }
  for (let i = 0; i < located.length; i++) {
    const a = located[i];
    if (!a) continue;
    for (let j = i + 1; j < located.length; j++) {
      const b = located[j];
      if (!b || a.jobCentreId === b.jobCentreId) continue;
      if (distanceKm(a.latitude, a.longitude, b.latitude, b.longitude) < nearKm) {
        neighbours.get(a.jobCentreId)?.add(b.jobCentreId);
        neighbours.get(b.jobCentreId)?.add(a.jobCentreId);
      }
    }
  }
  const order = [...ids].sort((a, b) => (neighbours.get(b)?.size ?? 0) - (neighbours.get(a)?.size ?? 0));
  const colourIndex = new Map<string, number>();
  for (const id of order) {
    const used = new Set<number>();
    for (const n of neighbours.get(id) ?? []) {
      const c = colourIndex.get(n);
      if (c !== undefined) used.add(c);
    }
    // Prefer the least-used free colour so the palette is spread evenly.
    let best = -1;
    let bestCount = Infinity;
    for (let c = 0; c < PALETTE.length; c++) {
      if (used.has(c)) continue;
      let count = 0;
      for (const v of colourIndex.values()) if (v === c) count++;
      if (count < bestCount) {
        best = c;
        bestCount = count;
      }
    }
    colourIndex.set(id, best === -1 ? ids.indexOf(id) % PALETTE.length : best);
  }
  const out = new Map<string, string>();
  for (const [id, c] of colourIndex) out.set(id, PALETTE[c] ?? UNASSIGNED_COLOUR);
  return out;
}
