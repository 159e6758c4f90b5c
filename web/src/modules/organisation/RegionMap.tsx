import { useMemo } from 'react';
import type { JobCentre, Municipality } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fitProjection, UNASSIGNED_COLOUR, UNASSIGNED_STROKE } from './mapGeometry.ts';

interface Props {
  /** Name of the area drawn, for the accessible description ("Toscana", "Firenze"…). */
  areaName: string;
  municipalities: Municipality[];
  jobCentres: JobCentre[];
  colours: Map<string, string>;
  /** Every municipality known, to place seats that lie outside the drawn list. */
  allMunicipalities: Municipality[];
}

/**
 * An offline SVG map (no tiles): municipalities as dots coloured by their competent job centre and
 * job-centre seats as larger squares. It is an image for assistive technology (role="img" + label);
 * the same data are offered as a table next to it by the page.
 */
export function RegionMap({ areaName, municipalities, jobCentres, colours, allMunicipalities }: Props) {
  const { t } = useI18n();

  const model = useMemo(() => {
    const byIstat = new Map(allMunicipalities.map((m) => [m.istatCode, m]));
    const jcById = new Map(jobCentres.map((j) => [j.id, j]));
    const located = municipalities.filter((m) => m.latitude !== null && m.longitude !== null);
    const seats = jobCentres
      .map((jc) => {
        const m = jc.municipalityIstatCode ? byIstat.get(jc.municipalityIstatCode) : undefined;
        return m && m.latitude !== null && m.longitude !== null ? { jc, lat: m.latitude, lon: m.longitude } : null;
      })
      .filter((s): s is { jc: JobCentre; lat: number; lon: number } => s !== null);
    const projection = fitProjection([
      ...located.map((m) => ({ lat: m.latitude as number, lon: m.longitude as number })),
      ...seats.map((s) => ({ lat: s.lat, lon: s.lon })),
    ]);
    return { located, seats, projection, jcById, missing: municipalities.length - located.length };
  }, [municipalities, jobCentres, allMunicipalities]);

  const { located, seats, projection, jcById, missing } = model;

  // Legend: the job centres appearing in this view, in name order.
  const legend = useMemo(() => {
    const ids = new Set<string>(jobCentres.map((j) => j.id));
    for (const m of municipalities) if (m.jobCentreId) ids.add(m.jobCentreId);
    const entries = [...ids]
      .map((id) => ({ id, name: jcById.get(id)?.name ?? id, colour: colours.get(id) ?? UNASSIGNED_COLOUR }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it'));
    const unassigned = municipalities.some((m) => !m.jobCentreId);
    return { entries, unassigned };
  }, [jobCentres, municipalities, colours, jcById]);

  if (!projection) return <p>{t('region.mapEmpty')}</p>;

  const label = t('region.mapLabel', { area: areaName, municipalities: located.length, seats: seats.length });
  // Fewer points (a single province) get larger symbols.
  const dense = located.length > 120;
  const dotRadius = dense ? 4 : 6;
  const seatSize = dense ? 12 : 16;

  return (
    <div className="row g-4 ponte-map">
      <div className="col-12 col-lg-8">
        <svg
          role="img"
          aria-label={label}
          data-testid="region-map"
          viewBox={`0 0 ${projection.width} ${projection.height}`}
          className="ponte-map-svg"
          preserveAspectRatio="xMidYMid meet"
        >
          <g className="ponte-map-municipalities">
            {located.map((m) => {
              const p = projection.project(m.latitude as number, m.longitude as number);
              const jc = m.jobCentreId ? jcById.get(m.jobCentreId) : undefined;
              const colour = m.jobCentreId ? (colours.get(m.jobCentreId) ?? UNASSIGNED_COLOUR) : UNASSIGNED_COLOUR;
              return (
                <circle
                  key={m.istatCode}
                  cx={p.x.toFixed(1)}
                  cy={p.y.toFixed(1)}
                  r={dotRadius}
                  fill={colour}
                  className={jc ? undefined : 'ponte-map-unassigned'}
                  style={jc ? undefined : { stroke: UNASSIGNED_STROKE }}
                  data-istat={m.istatCode}
                >
                  <title>{`${m.name} (${m.provinceCode}) — ${jc?.name ?? t('region.unassigned')}`}</title>
                </circle>
              );
            })}
          </g>
          <g className="ponte-map-seats">
            {seats.map(({ jc, lat, lon }) => {
              const p = projection.project(lat, lon);
              return (
                <rect
                  key={jc.id}
                  x={(p.x - seatSize / 2).toFixed(1)}
                  y={(p.y - seatSize / 2).toFixed(1)}
                  width={seatSize}
                  height={seatSize}
                  fill={colours.get(jc.id) ?? UNASSIGNED_COLOUR}
                  stroke="#1a1a1a"
                  strokeWidth={2}
                  data-job-centre-id={jc.id}
                >
                  <title>{`${jc.name} — ${[jc.address, jc.municipalityName].filter(Boolean).join(', ')}`}</title>
                </rect>
              );
            })}
          </g>
        </svg>
        {missing > 0 && <p className="small ponte-muted mt-2">{t('region.noCoords', { count: missing })}</p>}
      </div>
      <div className="col-12 col-lg-4">
        <h3 className="h5" id="region-map-legend">
          {t('region.legend')}
        </h3>
        <ul className="list-unstyled ponte-legend mb-3" aria-labelledby="region-map-legend">
          <li>
            <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" className="me-2">
              <rect x="2" y="2" width="12" height="12" fill="#ffffff" stroke="#1a1a1a" strokeWidth="2" />
            </svg>
            {t('region.legendSeat')}
          </li>
          <li>
            <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" className="me-2">
              <circle cx="8" cy="8" r="5" fill="#5c6f82" />
            </svg>
            {t('region.legendMunicipality')}
          </li>
        </ul>
        <ul className="list-unstyled ponte-legend ponte-legend-entries" data-testid="region-map-legend">
          {legend.entries.map((e) => (
            <li key={e.id}>
              <span className="ponte-swatch" style={{ backgroundColor: e.colour }} aria-hidden="true" />
              {e.name}
            </li>
          ))}
          {legend.unassigned && (
            <li>
              <span className="ponte-swatch ponte-swatch-hollow" aria-hidden="true" />
              {t('region.unassigned')}
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
