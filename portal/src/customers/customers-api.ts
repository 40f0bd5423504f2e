import type { TCustomer, TCustomerNote, TCustomerProfile, TCustomerUpdateBody, TErasureCounts, TPermission, TRevealField } from '@kefu/shared';
import { request } from '../api/api-client';

const q = encodeURIComponent;

/** REST calls of docs/api.md "Customers". */
export const customersApi = {
  search: (params: Record<string, string>) => request<{ customers: TCustomer[] }>('GET', `/api/customers?${new URLSearchParams(params)}`),
  profile: (id: string) => request<{ profile: TCustomerProfile }>('GET', `/api/customers/${q(id)}`),
  profileOfVisitor: (visitorId: string) => request<{ profile: TCustomerProfile }>('GET', `/api/customers/by-visitor/${q(visitorId)}`),
  update: (id: string, body: TCustomerUpdateBody) => request<{ customer: TCustomer }>('PATCH', `/api/customers/${q(id)}`, body),
  addNote: (id: string, body: string) => request<{ notes: TCustomerNote[] }>('POST', `/api/customers/${q(id)}/notes`, { body }),
  reveal: (id: string, field: TRevealField) => request<{ value: string | null }>('POST', `/api/customers/${q(id)}/reveal`, { field }),
  exportData: (id: string) => request<{ export: unknown }>('POST', `/api/customers/${q(id)}/export`, {}),
  erase: (id: string) => request<{ erased: TErasureCounts }>('DELETE', `/api/customers/${q(id)}`),
  myPermissions: () => request<{ user: { permissions?: TPermission[] } }>('GET', '/api/me'),
};
