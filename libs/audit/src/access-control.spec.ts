import { accessForbidden, Actor, grantAccess, NotFoundError, refuseAccess, RuleViolationError } from '@app/core';
import { AccessControl, ACCESS_REFUSED } from './access-control';
import { AuditRecord, AuditService } from './audit.service';

const actor: Actor = { kind: 'user', id: 'u-1', organizationId: 'org-1', organizationType: 'agency', roles: ['agency_admin'] };
const attempt = { action: 'hiring_check.read', entityType: 'hiring_check', entityId: 'check-1' };

/** Refusal entries only (committed on their own): a refusal must never ride on the refused request's transaction. */
function auditSpy() {
  const standalone: { actor: Actor | null; record: AuditRecord }[] = [];
  const audit = {
    recordRefusal: (who: Actor | null, record: AuditRecord) => {
      standalone.push({ actor: who, record });
      return Promise.resolve();
    },
    record: () => {
      throw new Error('a refusal is recorded in a transaction of its own');
    },
    recordStandalone: () => {
      throw new Error('a refusal does not take the chain lock: it is recorded as pending');
    },
  } as unknown as AuditService;
  return { access: new AccessControl(audit), standalone };
}

const rejectionOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('AccessControl', () => {
  it('require: the granted scope, and nothing audited', async () => {
    const { access, standalone } = auditSpy();
    await expect(access.require(actor, attempt, grantAccess({ agencyId: 'org-1' }))).resolves.toEqual({ agencyId: 'org-1' });
    expect(standalone).toEqual([]);
  });

  it('require: a refused policy throws its refusal, audited as access.refused with the attempt and the code', async () => {
    const { access, standalone } = auditSpy();
    const refusal = accessForbidden();
    expect(await rejectionOf(access.require(actor, attempt, refuseAccess(refusal)))).toBe(refusal);
    expect(standalone).toEqual([
      {
        actor,
        record: { action: ACCESS_REFUSED, entityType: 'hiring_check', entityId: 'check-1', details: { attempt: 'hiring_check.read', code: 'AUTH.FORBIDDEN' } },
      },
    ]);
  });

  it('refuse: a record the scoped query did not find, with the attempt details kept', async () => {
    const { access, standalone } = auditSpy();
    const notFound = new NotFoundError('OFFICER.NOT_FOUND', 'No officer.');
    const probe = { action: 'officer.read', entityType: 'officer', details: { postId: 'MA-000001' } };
    expect(await rejectionOf(access.refuse(actor, probe, notFound))).toBe(notFound);
    expect(standalone.map((entry) => entry.record)).toEqual([
      { action: ACCESS_REFUSED, entityType: 'officer', entityId: null, details: { attempt: 'officer.read', code: 'OFFICER.NOT_FOUND', postId: 'MA-000001' } },
    ]);
  });

  it('refuseIfDenied: a 403 or 404 thrown inside a transaction is a refusal; any other error passes through unaudited', async () => {
    const { access, standalone } = auditSpy();
    const notFound = new NotFoundError('REPORT.NOT_FOUND', 'No report.');
    expect(await rejectionOf(access.refuseIfDenied(actor, attempt, notFound))).toBe(notFound);
    const forbidden = accessForbidden();
    expect(await rejectionOf(access.refuseIfDenied(actor, attempt, forbidden))).toBe(forbidden);
    const rule = new RuleViolationError('EMPLOYMENT.NOT_HIREABLE', 'No.', []);
    expect(await rejectionOf(access.refuseIfDenied(actor, attempt, rule))).toBe(rule);
    const crash = new Error('connection lost');
    expect(await rejectionOf(access.refuseIfDenied(actor, attempt, crash))).toBe(crash);
    expect(standalone.map((entry) => entry.record.details?.code)).toEqual(['REPORT.NOT_FOUND', 'AUTH.FORBIDDEN']);
  });
});
