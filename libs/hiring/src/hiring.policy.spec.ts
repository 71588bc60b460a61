import { Actor, NotFoundError, OrganizationType } from '@app/core';
import { hiringAccess, rosterAccess } from './hiring.policy';

const actorOf = (organizationType: OrganizationType): Actor => ({
  kind: 'user',
  id: 'u',
  organizationId: `${organizationType}-1`,
  organizationType,
  roles: [],
});

describe('hiringAccess', () => {
  it('grants an agency its own checks and hires', () => {
    expect(hiringAccess(actorOf('agency'))).toEqual({ granted: true, scope: { agencyId: 'agency-1' } });
  });

  // Was a 422 HIRING.AGENCY_ONLY here and a 403 TRAINING.ACADEMY_ONLY in training: now the role guard's 403.
  it.each<OrganizationType>(['academy', 'commission'])('refuses a %s with the one 403 of the role guard', (type) => {
    const decision = hiringAccess(actorOf(type));
    expect(decision.granted).toBe(false);
    if (!decision.granted) expect({ kind: decision.refusal.kind, code: decision.refusal.code }).toEqual({ kind: 'forbidden', code: 'AUTH.FORBIDDEN' });
  });
});

describe('rosterAccess', () => {
  const notFound = () => new NotFoundError('ROSTER.NOT_FOUND', 'No such agency roster.');
  it.each<[OrganizationType, string, boolean]>([
    ['agency', 'agency-1', true],
    ['agency', 'agency-2', false],
    ['commission', 'agency-2', true],
    ['academy', 'academy-1', false],
  ])('a %s user asking for %s: granted %s, otherwise the 404 of an unknown agency', (type, agencyId, granted) => {
    const decision = rosterAccess(actorOf(type), agencyId, notFound);
    expect(decision.granted).toBe(granted);
    if (decision.granted) expect(decision.scope).toEqual({ agencyId });
    else expect(decision.refusal.kind).toBe('not_found');
  });
});
