import { caseEffectCommand, CaseCertificationEffect } from './certification-case-effect';
import { CertificationState, notCertifiedState } from './certification-status';

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const state = (overrides: Partial<CertificationState>): CertificationState => ({ ...notCertifiedState(), ...overrides, ...runningTerm });
const effect = (type: CaseCertificationEffect['type'], endsOn?: string | null): CaseCertificationEffect => ({
  type,
  endsOn,
  reason: 'decision',
  basis: 'c. 6E §10(b)',
});

const suspendedBy = (caseId: string, endsOn: string | null = null) =>
  state({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionCaseId: caseId, suspensionEndsOn: endsOn });
const revokedBy = (caseId: string, overrides: Partial<CertificationState> = {}) =>
  state({ status: 'revoked', statusBeforeRevocation: 'certified', revocationCaseId: caseId, ...overrides });

describe('caseEffectCommand: a case effect as a state-machine command', () => {
  it('suspend carries the case, the end date (null = interim) and the stated reason', () => {
    expect(caseEffectCommand(state({ status: 'certified' }), 'c1', effect('suspend', '2026-09-01'), '2026-03-01')).toEqual({
      type: 'suspend',
      caseId: 'c1',
      endsOn: '2026-09-01',
      reason: 'decision',
    });
    expect(caseEffectCommand(state({ status: 'certified' }), 'c1', effect('suspend'), '2026-03-01')).toMatchObject({ endsOn: null });
  });

  it('revoke carries the case', () => {
    expect(caseEffectCommand(state({ status: 'relinquished' }), 'c1', effect('revoke'), '2026-03-01')).toEqual({
      type: 'revoke',
      caseId: 'c1',
      reason: 'decision',
    });
  });

  it.each([
    ['lift_suspension', suspendedBy('c1'), { type: 'end_suspension', caseId: 'c1' }],
    ['reverse_decision', suspendedBy('c1', '2026-09-01'), { type: 'end_suspension', caseId: 'c1' }],
    ['reverse_decision', revokedBy('c1'), { type: 'reverse_revocation', caseId: 'c1' }],
    // another case revoked on top of this case's suspension: the suspension ends beneath
    [
      'lift_suspension',
      revokedBy('c2', { statusBeforeRevocation: 'suspended', statusBeforeSuspension: 'certified', suspensionCaseId: 'c1' }),
      { type: 'end_suspension', caseId: 'c1' },
    ],
  ] as const)('%s on the case’s own measure undoes it', (type, start, command) => {
    expect(caseEffectCommand(start, 'c1', effect(type), '2026-03-01')).toMatchObject(command);
  });

  it.each([
    ['lift_suspension', suspendedBy('c2')],
    ['reverse_decision', revokedBy('c2')],
    ['reverse_decision', state({ status: 'certified' })],
    // the decided suspension already ran out on 2026-02-01
    ['reverse_decision', suspendedBy('c1', '2026-02-01')],
    // lift_suspension never reverses a revocation
    ['lift_suspension', revokedBy('c1')],
  ] as const)('%s finds nothing of this case to undo → no command', (type, start) => {
    expect(caseEffectCommand(start, 'c1', effect(type), '2026-03-01')).toBeNull();
  });
});
