import type { Response } from 'express';
import type { AuditActor } from '../audit/audit-log.js';

/** What a signed-in person may do: office (its offices' tickets), hr (reminders), curator (review), admin (everything). */
export const ROLES = ['admin', 'office', 'hr', 'curator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling an admin route: the bearer-token holder, or a console session. */
export interface Principal {
  /** Stable id: "admin-token", "local-operator", or the OIDC subject. */
  id: string;
  /** Shown in the console and written as "by" on answers and transfers. */
  name: string;
  roles: Role[];
  /** The offices (route ids) an `office` role may see and act for. */
  offices: string[];
  via: 'bearer' | 'session';
}

export const ADMIN_PRINCIPAL: Principal = { id: 'admin-token', name: 'admin API', roles: ['admin'], offices: [], via: 'bearer' };

/** The principal the auth guard put on the response (admin when a route is used without the guard, e.g. in tests). */
export const principalOf = (res: Response): Principal => (res.locals['principal'] as Principal | undefined) ?? ADMIN_PRINCIPAL;

export const hasRole = (p: Principal, ...roles: Role[]): boolean => p.roles.includes('admin') || roles.some((r) => p.roles.includes(r));

/** The offices whose tickets the principal may see: null for all (admin), else its offices (maybe none). */
export const officeScope = (p: Principal): string[] | null => (p.roles.includes('admin') ? null : p.roles.includes('office') ? p.offices : []);

/** How the audit log names the principal. */
export const auditActorOf = (p: Principal): AuditActor => (p.via === 'bearer' ? { admin: true } : { platform: 'console', userId: p.id });
