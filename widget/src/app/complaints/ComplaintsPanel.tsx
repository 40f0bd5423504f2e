import { complaintsEn } from '@kefu/shared/i18n/widget.complaints.en';
import { complaintsZhCN } from '@kefu/shared/i18n/widget.complaints.zh-CN';
import type { TLocale } from '@kefu/shared';
import { complaintsApi, type TComplaintsApi } from './complaints-api';
import { ComplaintForm } from './ComplaintForm';
import { MyComplaints } from './MyComplaints';
import './complaints.css';

export type TComplaintsPanelProps = { view: 'complaint' | 'mine'; locale: TLocale; initialEmail?: string; api?: TComplaintsApi };

/** The widget's complaint tabs (loaded on first use, in their own chunk). */
export default function ComplaintsPanel({ view, locale, initialEmail = '', api = complaintsApi }: TComplaintsPanelProps) {
  const t = locale === 'en' ? complaintsEn : complaintsZhCN;
  return (
    <div class="kf-complaints">
      {view === 'complaint' ? <ComplaintForm t={t} locale={locale} api={api} initialEmail={initialEmail} /> : <MyComplaints t={t} locale={locale} api={api} />}
    </div>
  );
}
