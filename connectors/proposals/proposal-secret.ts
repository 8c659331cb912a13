// The server secret that signs acceptance links: INSCOPE_PROPOSAL_SECRET when set, else one made on
// first start and kept in the store's settings, so links keep working across restarts. Never logged.
import crypto from 'node:crypto';
import type { Store } from '../store/store.js';

const KEY = 'proposals.secret';

export async function resolveProposalSecret(store: Pick<Store, 'getSetting' | 'putSetting'>, fromEnvironment: string | undefined): Promise<{ secret: string; source: 'environment' | 'store' | 'generated' }> {
  if (fromEnvironment) {
    if (fromEnvironment.length < 16) throw new Error('INSCOPE_PROPOSAL_SECRET must be at least 16 characters');
    return { secret: fromEnvironment, source: 'environment' };
  }
  const stored = await store.getSetting(KEY);
  if (stored) return { secret: stored, source: 'store' };
  const secret = crypto.randomBytes(32).toString('base64url');
  await store.putSetting(KEY, secret);
  // Two instances starting together: whichever wrote last wins, and both use that one.
  return { secret: (await store.getSetting(KEY)) ?? secret, source: 'generated' };
}
