import { AccessDecision, accessForbidden, Actor, grantAccess, refuseAccess } from '@app/core';
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
