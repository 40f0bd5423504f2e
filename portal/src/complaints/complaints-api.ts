import type {
  TAssignComplaintBody,
  TComplaint,
  TComplaintBoard,
  TComplaintDetail,
  TComplaintPatchBody,
  TComplaintReplyBody,
  TConvertComplaintBody,
  TJudgeComplaintBody,
  TPhoneComplaintBody,
} from '@kefu/shared';
import { ApiError, request } from '../api/api-client';

const q = encodeURIComponent;
type Filed = { complaint: TComplaint; trackingUrl: string };

/** REST calls of docs/api.md "Complaints". */
export const complaintsApi = {
  board: (params: Record<string, string>) => request<TComplaintBoard>('GET', `/api/complaints?${new URLSearchParams(params)}`),
  detail: (id: string) => request<TComplaintDetail>('GET', `/api/complaints/${q(id)}`),
  registerPhone: (body: TPhoneComplaintBody) => request<Filed>('POST', '/api/complaints', body),
  convert: (body: TConvertComplaintBody) => request<Filed>('POST', '/api/complaints/from-conversation', body),
  judge: (id: string, body: TJudgeComplaintBody) => request<{ complaint: TComplaint }>('POST', `/api/complaints/${q(id)}/judge`, body),
  assign: (id: string, body: TAssignComplaintBody) => request<{ complaint: TComplaint }>('POST', `/api/complaints/${q(id)}/assign`, body),
  reply: (id: string, body: TComplaintReplyBody) => request<{ complaint: TComplaint }>('POST', `/api/complaints/${q(id)}/replies`, body),
  resolve: (id: string, resolution: string) => request<{ complaint: TComplaint }>('POST', `/api/complaints/${q(id)}/resolve`, { resolution }),
  close: (id: string, reason: string) => request<{ complaint: TComplaint }>('POST', `/api/complaints/${q(id)}/close`, { reason }),
  /** Uploads a file as the raw body (the server sniffs its type). */
  async attach(id: string, file: File): Promise<void> {
    const res = await fetch(`/api/complaints/${q(id)}/attachments?name=${q(file.name)}`, { method: 'POST', credentials: 'same-origin', body: file }).catch(() => null);
    if (!res) throw new ApiError('network', 'network error', 0, [], true);
    if (!res.ok) {
      const e = ((await res.json().catch(() => null)) ?? {}) as { code?: 'bad_request'; message?: string };
      throw new ApiError(e.code ?? 'internal', e.message ?? `HTTP ${res.status}`, res.status);
    }
  },
  attachmentUrl: (id: string, attachmentId: string) => `/api/complaints/${q(id)}/attachments/${q(attachmentId)}`,
  patch: (id: string, body: TComplaintPatchBody) => request<{ complaint: TComplaint }>('PATCH', `/api/complaints/${q(id)}`, body),
};
