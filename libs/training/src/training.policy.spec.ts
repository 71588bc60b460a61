import { Actor, OrganizationType } from '@app/core';
import { completionReadAccess, completionWriteAccess } from './training.policy';

const actorOf = (organizationType: OrganizationType, roles: Actor['roles'] = []): Actor => ({
  kind: 'user',
  id: 'u',
  organizationId: `${organizationType}-1`,
  organizationType,
  roles,
});

describe('training access policy', () => {
  it('an academy records completions for itself', () => {
    expect(completionWriteAccess(actorOf('academy'))).toEqual({ granted: true, scope: { academyId: 'academy-1' } });
  });

  // Was 403 TRAINING.ACADEMY_ONLY (and 422 HIRING.AGENCY_ONLY in hiring for the same refusal): now the role guard's 403.
  it.each<OrganizationType>(['agency', 'commission'])('refuses a %s with the one 403 of the role guard', (type) => {
    const decision = completionWriteAccess(actorOf(type));
    expect(decision.granted).toBe(false);
    if (!decision.granted) expect({ kind: decision.refusal.kind, code: decision.refusal.code }).toEqual({ kind: 'forbidden', code: 'AUTH.FORBIDDEN' });
  });

  it.each([
    ['an academy: its own completions of any officer', actorOf('academy'), { recordedBy: 'academy-1', officers: { everyOfficer: true } }],
    ['an agency: every completion of the officers it employs or employed', actorOf('agency'), { recordedBy: null, officers: { employedBy: 'agency-1' } }],
    ['the commission: every completion of every officer', actorOf('commission', ['commission_admin']), { recordedBy: null, officers: { everyOfficer: true } }],
  ])('reads, for %s', (_label, actor, scope) => {
    expect(completionReadAccess(actor)).toEqual({ granted: true, scope });
  });
});
