import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { TCustomerSurvey } from '@kefu/shared';
import { SurveyCard } from './SurveyCard';

const survey: TCustomerSurvey = {
  id: '00000000-0000-4000-8000-000000000001',
  conversationId: '00000000-0000-4000-8000-000000000002',
  siteName: 'Shop',
  question: { 'zh-CN': '您对本次服务满意吗？', en: 'How satisfied are you?' },
  rating: null,
  comment: null,
  answeredAt: null,
  editableUntil: null,
};

describe('SurveyCard', () => {
  it('sends the chosen rating with the comment and thanks the customer', async () => {
    const onAnswer = vi.fn(async () => true);
    render(<SurveyCard survey={survey} locale="zh-CN" onAnswer={onAnswer} onDismiss={() => {}} />);
    expect(screen.getByText('您对本次服务满意吗？')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '请选择一个评分。');
    expect(onAnswer).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('radio', { name: '2 不满意' }));
    fireEvent.input(screen.getByRole('textbox'), { target: { value: '等太久了' } });
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(onAnswer).toHaveBeenCalledWith(2, '等太久了'));
  });

  it('shows the given answer with a way to change it while the window is open, and none after', () => {
    const answered = { ...survey, rating: 4, comment: null, answeredAt: '2026-11-23T10:00:00Z', editableUntil: '2026-11-24T10:00:00Z' };
    const { unmount } = render(<SurveyCard survey={answered} locale="en" onAnswer={async () => true} onDismiss={() => {}} now={() => new Date('2026-11-23T12:00:00Z')} />);
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change my answer' }));
    expect(screen.getByRole('radio', { name: '4 Satisfied' }).getAttribute('aria-checked')).toBe('true');
    unmount();
    render(<SurveyCard survey={answered} locale="en" onAnswer={async () => true} onDismiss={() => {}} now={() => new Date('2026-11-25T12:00:00Z')} />);
    expect(screen.queryByRole('button', { name: 'Change my answer' })).toBeNull();
  });
});
