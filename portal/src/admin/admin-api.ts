import type { TAuditEntry, TInviteBody, TInviteInfo, TInviteResult, TMe, TRolePermissions, TRolesBody, TSite, TSlaPolicy, TSlaPolicyBody } from '@kefu/shared';
import { request } from '../api/api-client';

/** The administration endpoints of docs/api.md ("Administration"). */
export const adminApi = {
  roles: () => request<{ roles: TRolePermissions[] }>('GET', '/api/roles').then((r) => r.roles),
  saveRoles: (body: TRolesBody) => request<{ roles: TRolePermissions[] }>('PUT', '/api/roles', body).then((r) => r.roles),
  audit: (query: Record<string, string>) =>
    request<{ entries: TAuditEntry[]; nextBefore: string | null }>('GET', `/api/audit?${new URLSearchParams(query).toString()}`),
  invite: (body: TInviteBody) => request<TInviteResult>('POST', '/api/users/invite', body),
  reinvite: (userId: string) => request<TInviteResult>('POST', `/api/users/${encodeURIComponent(userId)}/invite`, {}),
  inviteInfo: (token: string) => request<{ invite: TInviteInfo }>('GET', `/api/invites/${encodeURIComponent(token)}`).then((r) => r.invite),
  acceptInvite: (token: string, password: string) => request<{ user: TMe }>('POST', '/api/invites/accept', { token, password }).then((r) => r.user),
  rotateSiteKey: (siteId: string) => request<{ site: TSite }>('POST', `/api/sites/${encodeURIComponent(siteId)}/rotate-key`, {}).then((r) => r.site),
  slaPolicies: () => request<{ policies: TSlaPolicy[] }>('GET', '/api/complaints/sla-policies').then((r) => r.policies),
  saveSlaPolicy: (body: TSlaPolicyBody) => request<{ policy: TSlaPolicy }>('PUT', '/api/complaints/sla-policies', body).then((r) => r.policy),
};
