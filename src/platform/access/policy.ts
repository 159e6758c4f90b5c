import type { Actor, Role } from './actor.ts';

/**
 * Every route declares who may call it. The server refuses to start if an /api route has none,
 * and the route × role test fails if a route is missing from its hand-written table.
 * Scope (territory, own records) and sensitivity are then enforced by the scoped stores.
 */
export type RoutePolicy = { access: 'public' } | { access: 'authenticated' } | { access: 'roles'; roles: readonly Role[] };

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

export const rolesPolicy = (...roles: Role[]): RoutePolicy => ({ access: 'roles', roles });
export const PUBLIC: RoutePolicy = { access: 'public' };
export const AUTHENTICATED: RoutePolicy = { access: 'authenticated' };
