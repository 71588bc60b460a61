import { ROLES, Role } from '@app/core';
import { CaseCommand } from './case-commands';
import { openCase } from './case-state';
import { actingRole, CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus } from './case-status';
import { transitionCase } from './case-workflow';
import { CASE_ERROR_CODES } from './discipline.errors';
import { caseIn, context, DISCRETIONARY, errorOf, MANDATORY, stateFor, TODAY, VALID_COMMANDS } from './testing/case-fixtures';

/**
 * The whole state machine, written out by hand from DOMAIN.md "Cases": for each status, the
 * actions it allows and the status each one leads to. Every pair not listed must be refused.
 */
const EXPECTED: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  open: {
    interim_suspend: 'open',
    record_interim_hearing: 'open',
    issue_notice: 'notice_issued',
    dismiss: 'dismissed',
  },
  notice_issued: {
    interim_suspend: 'notice_issued',
    record_interim_hearing: 'notice_issued',
    record_response: 'notice_issued',
    schedule_hearing: 'hearing_scheduled',
    decide: 'decided',
    dismiss: 'dismissed',
  },
  hearing_scheduled: {
    interim_suspend: 'hearing_scheduled',
    record_interim_hearing: 'hearing_scheduled',
    record_hearing: 'heard',
    dismiss: 'dismissed',
  },
  heard: { record_interim_hearing: 'heard', decide: 'decided', dismiss: 'dismissed' },
  decided: { appeal: 'appealed', finalize: 'final' },
  appealed: { resolve_appeal: 'final' },
  final: {},
  reversed: {},
  dismissed: {},
};

const PAIRS = CASE_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action] as const));

describe('transitionCase: every (status, action) pair', () => {
  it('covers all 99 pairs', () => {
    expect(PAIRS).toHaveLength(CASE_STATUSES.length * CASE_ACTIONS.length);
    expect(PAIRS).toHaveLength(99);
  });

  it.each(PAIRS)('%s + %s', (status, action) => {
    const state = stateFor(status, action);
    const expectedNext = EXPECTED[status][action];
    if (expectedNext) {
      const { next } = transitionCase(state, VALID_COMMANDS[action], context());
      expect(next.status).toBe(expectedNext);
    } else {
      const error = errorOf(() => transitionCase(state, VALID_COMMANDS[action], context()));
      expect(error.code).toBe(CASE_ERROR_CODES.illegalAction);
      expect(error.code).toBe('CASE.ILLEGAL_ACTION');
      expect(error.kind).toBe('rule');
      expect(error.extensions).toMatchObject({ caseStatus: status, action, reasons: ['action_not_allowed_in_status'] });
      expect([...(error.extensions.allowedActions as string[])].sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it('refuses an action name it does not know, listing what is allowed', () => {
    const command = { action: 'reopen' } as unknown as CaseCommand;
    const error = errorOf(() => transitionCase(caseIn('decided'), command, context()));
    expect(error.code).toBe('CASE.ILLEGAL_ACTION');
    expect(error.extensions.allowedActions).toEqual(['appeal', 'finalize']);
  });
});

/** DOMAIN.md table: the investigator prosecutes, the adjudicator decides, either records an appeal. */
const ROLES_ALLOWED: Record<CaseAction, Role[]> = {
  interim_suspend: ['commission_adjudicator'],
  record_interim_hearing: ['commission_adjudicator'],
  issue_notice: ['commission_investigator'],
  record_response: ['commission_investigator', 'officer'],
  schedule_hearing: ['commission_investigator'],
  record_hearing: ['commission_investigator'],
  decide: ['commission_adjudicator'],
  appeal: ['commission_investigator', 'commission_adjudicator'],
  resolve_appeal: ['commission_adjudicator'],
  finalize: ['commission_adjudicator'],
  dismiss: ['commission_adjudicator'],
};

/** A status in which the action is legal, so that only the role decides the outcome. */
function legalStatusFor(action: CaseAction): CaseStatus {
  return CASE_STATUSES.find((status) => EXPECTED[status][action] !== undefined)!;
}

describe('transitionCase: roles per action', () => {
  const cases = CASE_ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, ROLES_ALLOWED[action].includes(role)] as const));

  it.each(cases)('%s by %s: allowed=%s', (action, role, allowed) => {
    const legal = stateFor(legalStatusFor(action), action);
    // The officer answers within the response window only (case-procedure.spec.ts): here, on its last day.
    const state = action === 'record_response' && legal.notice ? { ...legal, notice: { ...legal.notice, responseDueOn: TODAY } } : legal;
    const run = () => transitionCase(state, VALID_COMMANDS[action], context({ actorRoles: [role] }));
    if (allowed) {
      expect(run().next.version).toBe(8);
    } else {
      const error = errorOf(run);
      expect(error.code).toBe(CASE_ERROR_CODES.roleNotAllowed);
      expect(error.code).toBe('CASE.ROLE_NOT_ALLOWED');
      expect(error.kind).toBe('forbidden');
    }
  });

  it('refuses an actor with no role at all', () => {
    expect(errorOf(() => transitionCase(caseIn('open'), VALID_COMMANDS.dismiss, context({ actorRoles: [] }))).code).toBe('CASE.ROLE_NOT_ALLOWED');
  });

  it('accepts an actor holding the needed role among others', () => {
    const ctx = context({ actorRoles: ['commission_admin', 'commission_adjudicator'] });
    expect(transitionCase(caseIn('open'), VALID_COMMANDS.dismiss, ctx).next.status).toBe('dismissed');
  });

  it('checks the role before the status: an outsider learns nothing about the case', () => {
    const error = errorOf(() => transitionCase(caseIn('final'), VALID_COMMANDS.decide, context({ actorRoles: ['agency_admin'] })));
    expect(error.code).toBe('CASE.ROLE_NOT_ALLOWED');
  });

  it('does not let the commission administrator take case actions', () => {
    const error = errorOf(() => transitionCase(caseIn('open'), VALID_COMMANDS.dismiss, context({ actorRoles: ['commission_admin'] })));
    expect(error.code).toBe('CASE.ROLE_NOT_ALLOWED');
  });
});

describe('actingRole: the role a step of the timeline was taken in', () => {
  it.each([
    ['open', ['commission_investigator'], 'commission_investigator'],
    ['decide', ['commission_admin', 'commission_adjudicator'], 'commission_adjudicator'],
    ['record_response', ['officer'], 'officer'],
    ['record_response', ['commission_investigator'], 'commission_investigator'],
    // Both sides may record an appeal: the investigator's role comes first.
    ['appeal', ['commission_adjudicator', 'commission_investigator'], 'commission_investigator'],
    ['appeal', ['commission_adjudicator'], 'commission_adjudicator'],
    ['dismiss', ['commission_admin'], null],
    ['open', ['commission_adjudicator'], null],
  ] as [CaseAction | 'open', Role[], Role | null][])('%s by %j: %s', (action, roles, role) => {
    expect(actingRole(action, roles)).toBe(role);
  });
});

describe('transitionCase: version and event', () => {
  it.each(CASE_ACTIONS.map((action) => [action]))('%s raises the version by exactly one', (action) => {
    const state = stateFor(legalStatusFor(action), action);
    expect(transitionCase(state, VALID_COMMANDS[action], context()).next.version).toBe(state.version + 1);
  });

  it('refuses a stale expectedVersion with a 409 before any other rule', () => {
    const error = errorOf(() => transitionCase(caseIn('final'), VALID_COMMANDS.decide, context({ expectedVersion: 6 })));
    expect(error.code).toBe(CASE_ERROR_CODES.versionConflict);
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ expectedVersion: 6, currentVersion: 7 });
  });

  it('accepts the current expectedVersion', () => {
    expect(transitionCase(caseIn('open'), VALID_COMMANDS.dismiss, context({ expectedVersion: 7 })).next.version).toBe(8);
  });

  it('returns the timeline event: action, payload without the action, both statuses, the day', () => {
    const { event } = transitionCase(caseIn('open'), VALID_COMMANDS.issue_notice, context());
    expect(event).toEqual({
      action: 'issue_notice',
      payload: { proposedSanction: 'suspend', responseDueOn: VALID_COMMANDS.issue_notice.responseDueOn },
      fromStatus: 'open',
      toStatus: 'notice_issued',
      occurredOn: TODAY,
    });
  });

  it.each(CASE_ACTIONS.map((action) => [action]))('%s leaves the given state untouched', (action) => {
    const state = deepFreeze(stateFor(legalStatusFor(action), action));
    const before = JSON.stringify(state);
    transitionCase(state, VALID_COMMANDS[action], context());
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('openCase', () => {
  it('starts open at version 1 with its grounds and nothing else', () => {
    const state = openCase([MANDATORY, DISCRETIONARY]);
    expect(state).toMatchObject({ status: 'open', version: 1, grounds: [MANDATORY, DISCRETIONARY] });
    expect([state.interimSuspension, state.notice, state.response, state.hearing, state.decision, state.appeal]).toEqual([null, null, null, null, null, null]);
  });

  it.each([
    ['no ground', [], ['grounds_required']],
    ['a ground listed twice', [DISCRETIONARY, MANDATORY, DISCRETIONARY], ['ground_duplicated']],
  ])('refuses a case with %s', (_label, grounds, reasons) => {
    const error = errorOf(() => openCase(grounds));
    expect(error.code).toBe(CASE_ERROR_CODES.ruleRefused);
    expect(error.extensions.reasons).toEqual(reasons);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
