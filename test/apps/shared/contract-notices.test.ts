// Contract warnings from an injected today: not applying (its state) or expiring within 30 days.
import { describe, expect, it } from 'vitest';
import { contractNotices } from '../../../apps/shared/contract-notices.js';
import type { ContractDetails } from '../../../apps/shared/sidebar-data.js';

const contract = (over: Partial<ContractDetails>): ContractDetails => ({
  id: 'C-2026-001', name: 'Bakkerij Jansen', level: 'gold', state: 'active', validFrom: '2026-01-01', validUntil: '2026-12-31',
  timeZone: 'Europe/Amsterdam', products: ['finance'], matchedBy: 'organizationId', coveredProducts: [{ product: 'finance', versions: ['>=9.0'] }], autoApprove: false,
  hourlyRate: 125, currency: 'EUR', monthlyBudget: null, ...over,
});

describe('contractNotices', () => {
  it.each([
    { today: '2026-11-30', validUntil: '2026-12-31', expected: [] },
    { today: '2026-12-01', validUntil: '2026-12-31', expected: [{ kind: 'expires', days: 30, date: '2026-12-31' }] },
    { today: '2026-12-31', validUntil: '2026-12-31', expected: [{ kind: 'expires', days: 0, date: '2026-12-31' }] },
    { today: '2026-06-01', validUntil: undefined, expected: [] },
  ])('warns about expiry on $today for a contract valid until $validUntil: $expected.length notices', ({ today, validUntil, expected }) => {
    const { validUntil: _drop, ...rest } = contract({});
    expect(contractNotices(validUntil ? { ...rest, validUntil } : rest, today)).toEqual(expected);
  });

  it.each(['expired', 'not-yet-active', 'product-not-covered', 'module-not-covered', 'version-out-of-support'] as const)('warns that a %s contract does not apply', (state) => {
    expect(contractNotices(contract({ state, validUntil: '2030-01-01' }), '2026-11-27')).toEqual([{ kind: 'state', state }]);
  });

  it('does not also count down the days of an expired contract', () => {
    expect(contractNotices(contract({ state: 'expired', validUntil: '2026-11-30' }), '2026-11-27')).toEqual([{ kind: 'state', state: 'expired' }]);
  });
});
