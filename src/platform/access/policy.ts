import type { Actor, Role } from './actor.ts';

/**
 * Every route declares who may call it. The server refuses to start if an /api route has none,
 * and the route × role test fails if a route is missing from its hand-written table.
 * Scope (territory, own records) and sensitivity are then enforced by the scoped stores.
 */
/** Which records a route reaches: the caller's own, those of the caller's scope, the whole region, or public reference data. */
export type PolicyScope = 'own' | 'scoped' | 'region' | 'reference';
/** The most sensitive data a route may return (to those allowed to see it): special-category and protected-person data are audited on read. */
export type Sensitivity = 'none' | 'ordinary' | 'special' | 'protected';

export type RoutePolicy =
  | { access: 'public' }
  | { access: 'authenticated'; scope: PolicyScope; sensitivity: Sensitivity }
  | { access: 'roles'; roles: readonly Role[]; scope: PolicyScope; sensitivity: Sensitivity };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function allows(policy: RoutePolicy, actor: Actor | null): 'ok' | 'unauthenticated' | 'forbidden' {
  if (policy.access === 'public') return 'ok';
  if (!actor) return 'unauthenticated';
  if (policy.access === 'authenticated') return 'ok';
  return policy.roles.includes(actor.role) ? 'ok' : 'forbidden';
}

export const rolesPolicy = (roles: readonly Role[], scope: PolicyScope, sensitivity: Sensitivity): RoutePolicy => ({
  access: 'roles',
  roles,
  scope,
  sensitivity,
});
export const PUBLIC: RoutePolicy = { access: 'public' };
export const authenticated = (scope: PolicyScope, sensitivity: Sensitivity): RoutePolicy => ({ access: 'authenticated', scope, sensitivity });

const SCOPE_IT: Record<PolicyScope, string> = {
  own: 'solo i propri dati',
  scoped: "nell'ambito del chiamante (centro per l'impiego, territorio, assegnazioni)",
  region: 'intera regione',
  reference: 'dati di riferimento pubblici',
};
const SENSITIVITY_IT: Record<Sensitivity, string> = {
  none: 'nessun dato personale',
  ordinary: 'dati personali comuni',
  special: 'anche categorie particolari (solo a chi è autorizzato; ogni lettura è registrata)',
  protected: 'anche persone protette (solo al personale nominato)',
};

/** The policy in words, appended to each operation's description in the OpenAPI document. */
export function describePolicy(policy: RoutePolicy): string {
  if (policy.access === 'public') return 'Accesso: pubblico.';
  const who = policy.access === 'authenticated' ? 'qualsiasi utente autenticato' : `ruoli ${policy.roles.join(', ')}`;
  return `Accesso: ${who}; ambito: ${SCOPE_IT[policy.scope]}; dati: ${SENSITIVITY_IT[policy.sensitivity]}.`;
}
