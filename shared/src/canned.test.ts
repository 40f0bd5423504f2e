import { describe, expect, it } from 'vitest';
import { fillCannedReply } from './canned';

describe('fillCannedReply', () => {
  const ctx = { customer: { name: '王女士', email: 'wang@example.com' }, agent: { name: '小李' } };

  it('fills the customer and agent variables', () => {
    expect(fillCannedReply('{customer.name}您好，我是{agent.name}。邮件已发到 {customer.email}', ctx)).toBe('王女士您好，我是小李。邮件已发到 wang@example.com');
  });

  it('uses the fallback for an anonymous visitor and keeps unknown variables as typed', () => {
    const anon = { customer: { name: null, email: null }, agent: { name: 'Li' } };
    expect(fillCannedReply('Hi {customer.name}, {order.id}', anon, 'there')).toBe('Hi there, {order.id}');
  });
});
