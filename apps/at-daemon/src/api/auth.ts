import { createHash, timingSafeEqual } from 'node:crypto';
import type { DaemonConfig, Role } from '../types.js';

export type AuthResult = { ok: true; role: Role } | { ok: false; status: 401 | 403; reason: string };

const rank: Record<Role, number> = { viewer: 1, admin: 2 };
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks an `Authorization: Bearer <token>` header against the role tokens. Tokens are compared
 * as SHA-256 digests (equal length) with timingSafeEqual, and every role is checked on every call,
 * so timing reveals neither the token nor which role matched.
 */
export function createAuthorizer(tokens: DaemonConfig['tokens']) {
  const known = (['admin', 'viewer'] as const).map((role) => ({ role, digest: digest(tokens[role].token) }));
  return (header: string | undefined, needed: Role): AuthResult => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return { ok: false, status: 401, reason: header ? 'Authorization header must be "Bearer <token>"' : 'missing bearer token' };
    const presented = digest(match[1]!);
    let role: Role | undefined;
    for (const candidate of known) if (timingSafeEqual(presented, candidate.digest) && !role) role = candidate.role;
    if (!role) return { ok: false, status: 401, reason: 'invalid token' };
    if (rank[role] < rank[needed]) return { ok: false, status: 403, reason: `requires the ${needed} role; this token has the ${role} role` };
    return { ok: true, role };
  };
}
