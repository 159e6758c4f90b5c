import type { Actor } from '../../platform/access/actor.ts';

/** Which job centres an actor works on: their own (operator, manager), a territory (specialists), or the region. */
export type JobCentreScope = { kind: 'region' } | { kind: 'jobCentre'; jobCentreId: string } | { kind: 'provinces'; provinces: string[] };

export function jobCentreScopeOf(actor: Actor): JobCentreScope {
  if ((actor.role === 'operator' || actor.role === 'manager') && actor.jobCentreId) {
    return { kind: 'jobCentre', jobCentreId: actor.jobCentreId };
  }
  if (actor.role === 'specialist' && actor.territoryProvinces.length > 0) {
    return { kind: 'provinces', provinces: actor.territoryProvinces };
  }
  // Job centres, their sites and territories are public information for everybody else.
  return { kind: 'region' };
}
