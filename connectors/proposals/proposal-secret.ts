// The server secret that signs acceptance links: INSCOPE_PROPOSAL_SECRET when set, else one made on
// first start and kept in the store's settings, so links keep working across restarts. Never logged.
import crypto from 'node:crypto';
import type { Store } from '../store/store.js';

const KEY = 'proposals.secret';

export async function resolveProposalSecret(store: Pick<Store, 'getSetting' | 'putSettingIfAbsent'>, fromEnvironment: string | undefined): Promise<{ secret: string; source: 'environment' | 'store' | 'generated' }> {
  if (fromEnvironment) {
    if (fromEnvironment.length < 16) throw new Error('INSCOPE_PROPOSAL_SECRET must be at least 16 characters');
    return { secret: fromEnvironment, source: 'environment' };
  }
  const stored = await store.getSetting(KEY);
  if (stored) return { secret: stored, source: 'store' };
  // Instances starting together on an empty database: the first writer wins and all use its secret,
  // so an acceptance link made by one instance verifies on every other.
  const secret = await store.putSettingIfAbsent(KEY, crypto.randomBytes(32).toString('base64url'));
  return { secret, source: 'generated' };
}
