import { Actor, Role } from '@app/core';
import { officerAuditAccess, workspaceAccess } from './workspace.policy';

const actor = (role: Role): Actor => ({
  kind: 'user',
  id: 'u',
  organizationId: 'o',
  organizationType: role.startsWith('commission') ? 'commission' : 'agency',
  roles: [role],
});

describe('workspace policies', () => {
  it.each<[Role, boolean, boolean]>([
    ['commission_admin', true, true],
    ['commission_investigator', true, false],
    ['commission_adjudicator', true, false],
    ['agency_admin', false, false],
    ['agency_hiring', false, false],
  ])('%s: work queue and figures %s, an officer’s audit %s', (role, workspace, audit) => {
    expect(workspaceAccess(actor(role)).granted).toBe(workspace);
    expect(officerAuditAccess(actor(role)).granted).toBe(audit);
  });
});
