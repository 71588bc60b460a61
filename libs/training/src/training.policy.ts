import { AccessDecision, accessForbidden, Actor, grantAccess, hasAnyRole, refuseAccess } from '@app/core';
import { officerRecordAccess, OfficerRecordScope } from '@app/officers';

/** Training is the academies' record: an academy records completions for itself, and nobody else records any. */
export function completionWriteAccess(actor: Actor): AccessDecision<{ academyId: string }> {
  return actor.organizationType === 'academy' && actor.organizationId ? grantAccess({ academyId: actor.organizationId }) : refuseAccess(accessForbidden());
}

/**
 * An officer's completions: an academy reads those it recorded, of any officer; everyone else
 * reads all of them, for the officers whose record it may read (`officerRecordAccess`).
 */
export interface CompletionReadScope {
  /** The academy whose completions alone are listed; null: every academy's. */
  readonly recordedBy: string | null;
  readonly officers: OfficerRecordScope;
}

export function completionReadAccess(actor: Actor): AccessDecision<CompletionReadScope> {
  if (actor.organizationType === 'academy' && actor.organizationId) return grantAccess({ recordedBy: actor.organizationId, officers: { everyOfficer: true } });
  const officers = officerRecordAccess(actor);
  return officers.granted ? grantAccess({ recordedBy: null, officers: officers.scope }) : officers;
}

/**
 * Voiding a completion recorded in error: the academy that recorded it (`recordedBy`), or the
 * commission's administrator (any completion, `recordedBy: null`). Nobody else.
 */
export function completionVoidAccess(actor: Actor): AccessDecision<{ recordedBy: string | null }> {
  if (hasAnyRole(actor, ['commission_admin'])) return grantAccess({ recordedBy: null });
  if (actor.organizationType === 'academy' && actor.organizationId && hasAnyRole(actor, ['academy_registrar']))
    return grantAccess({ recordedBy: actor.organizationId });
  return refuseAccess(accessForbidden());
}

/** An academy's own list of what it recorded: its registrars, of their academy alone. */
export function academyCompletionsAccess(actor: Actor): AccessDecision<{ academyId: string }> {
  return actor.organizationType === 'academy' && actor.organizationId && hasAnyRole(actor, ['academy_registrar'])
    ? grantAccess({ academyId: actor.organizationId })
    : refuseAccess(accessForbidden());
}
