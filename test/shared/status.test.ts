import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterCustomerMessage, afterShopMessage, canReopen, deriveStatus } from '../../shared/status.ts';

test('the customer wrote last and nothing is completed: 返信が必要', () => {
  assert.equal(deriveStatus({ completed: false, lastSender: 'customer' }), 'needs-reply');
});

test('the shop wrote last: 返信済み', () => {
  assert.equal(deriveStatus({ completed: false, lastSender: 'shop' }), 'replied');
});

test('completed wins whoever wrote last: 対応完了', () => {
  assert.equal(deriveStatus({ completed: true, lastSender: 'shop' }), 'completed');
  assert.equal(deriveStatus({ completed: true, lastSender: 'customer' }), 'completed');
});

test('a customer follow-up on a replied inquiry needs a reply again, on both malls', () => {
  for (const mall of ['rakuten', 'yahoo'] as const) {
    const next = afterCustomerMessage(mall, { completed: false, lastSender: 'shop' });
    assert.equal(deriveStatus(next), 'needs-reply');
  }
});

test('a customer follow-up reopens a completed Rakuten inquiry', () => {
  assert.equal(deriveStatus(afterCustomerMessage('rakuten', { completed: true, lastSender: 'shop' })), 'needs-reply');
});

test('a completed Yahoo! inquiry never leaves 対応完了, even when the customer writes again', () => {
  assert.equal(deriveStatus(afterCustomerMessage('yahoo', { completed: true, lastSender: 'shop' })), 'completed');
});

test('a shop reply neither completes nor reopens', () => {
  assert.equal(deriveStatus(afterShopMessage({ completed: false, lastSender: 'customer' })), 'replied');
  assert.equal(deriveStatus(afterShopMessage({ completed: true, lastSender: 'customer' })), 'completed');
});

test('only a completed Rakuten inquiry can be reopened', () => {
  assert.equal(canReopen('rakuten', true), true);
  assert.equal(canReopen('rakuten', false), false);
  assert.equal(canReopen('yahoo', true), false);
});
