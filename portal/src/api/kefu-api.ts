import type {
  TLocale,
  TMe,
  TCannedReply,
  TConversation,
  TConversationDetail,
  TCreateUserBody,
  TInboxView,
  TPresence,
  TPriority,
  TSite,
  TSiteBody,
  TTeam,
  TTeamBody,
  TTransferBody,
  TUpdateUserBody,
  TUser,
} from '@kefu/shared';
import { request } from './api-client';

const conv = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** The portal's REST API, one typed function per endpoint of docs/api.md. */
export const api = {
  login: (email: string, password: string) =>
    request<{ user: TMe }>('POST', '/api/auth/login', { email, password }).then((r) => r.user),
  logout: () => request<object>('POST', '/api/auth/logout', {}),
  me: () => request<{ user: TMe }>('GET', '/api/me').then((r) => r.user),
  setLocale: (locale: TLocale) => request<{ user: TUser }>('PATCH', '/api/me', { locale }).then((r) => r.user),
  setPresence: (presence: TPresence) =>
    request<{ user: TUser }>('PUT', '/api/me/presence', { presence }).then((r) => r.user),

  conversations: (view: TInboxView) =>
    request<{ conversations: TConversation[] }>('GET', `/api/conversations?view=${view}`).then((r) => r.conversations),
  conversation: (id: string) => request<TConversationDetail>('GET', conv(id)),
  claim: (id: string) => request<{ conversation: TConversation }>('POST', `${conv(id)}/claim`, {}).then((r) => r.conversation),
  resolve: (id: string) => request<{ conversation: TConversation }>('POST', `${conv(id)}/resolve`, {}).then((r) => r.conversation),
  transfer: (id: string, body: TTransferBody) =>
    request<{ conversation: TConversation }>('POST', `${conv(id)}/transfer`, body).then((r) => r.conversation),
  setPriority: (id: string, priority: TPriority) =>
    request<{ conversation: TConversation }>('PATCH', conv(id), { priority }).then((r) => r.conversation),

  cannedReplies: () => request<{ cannedReplies: TCannedReply[] }>('GET', '/api/canned-replies').then((r) => r.cannedReplies),
  createCannedReply: (body: { shortcut: string; title: string; body: string; teamId?: string | null }) =>
    request<{ cannedReply: TCannedReply }>('POST', '/api/canned-replies', body),
  deleteCannedReply: (id: string) => request<object>('DELETE', `/api/canned-replies/${encodeURIComponent(id)}`),

  users: () => request<{ users: TUser[] }>('GET', '/api/users').then((r) => r.users),
  createUser: (body: TCreateUserBody) => request<{ user: TUser }>('POST', '/api/users', body).then((r) => r.user),
  updateUser: (id: string, body: TUpdateUserBody) =>
    request<{ user: TUser }>('PATCH', `/api/users/${encodeURIComponent(id)}`, body).then((r) => r.user),

  teams: () => request<{ teams: TTeam[] }>('GET', '/api/teams').then((r) => r.teams),
  createTeam: (body: TTeamBody) => request<{ team: TTeam }>('POST', '/api/teams', body).then((r) => r.team),
  updateTeam: (id: string, body: Partial<TTeamBody>) =>
    request<{ team: TTeam }>('PATCH', `/api/teams/${encodeURIComponent(id)}`, body).then((r) => r.team),

  sites: () => request<{ sites: TSite[] }>('GET', '/api/sites').then((r) => r.sites),
  createSite: (body: TSiteBody) => request<{ site: TSite }>('POST', '/api/sites', body).then((r) => r.site),
  updateSite: (id: string, body: Partial<TSiteBody>) =>
    request<{ site: TSite }>('PATCH', `/api/sites/${encodeURIComponent(id)}`, body).then((r) => r.site),
};
