import { Injectable } from '@nestjs/common';
import { AccessDecision, Actor, DomainError } from '@app/core';
import { AuditRecord, AuditService } from './audit.service';

/** What an actor tried to reach: recorded with the refusal. */
export interface AccessAttempt {
  /** The operation, named as the audit action it writes when allowed (`hiring_check.read`). */
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** The one audit action of every refusal, from the role guard or a context's policy. */
export const ACCESS_REFUSED = 'access.refused';

export function refusalRecord(attempt: AccessAttempt, refusal: DomainError): AuditRecord {
  return {
    action: ACCESS_REFUSED,
    entityType: attempt.entityType,
    entityId: attempt.entityId ?? null,
    details: { attempt: attempt.action, code: refusal.code, ...attempt.details },
  };
}

/**
 * The one access-check idiom (DESIGN.md "Growing the house", in the spirit of immich's
 * `requireAccess`): a context's pure policy decides, `require` returns its scope or refuses,
 * and `refuse` is also what a service calls when its scoped query finds nothing (the 404 of
 * an unknown record). A refusal is audited as `access.refused`, committed on its own before it
 * is answered, so the refused request's rollback does not erase it (DOMAIN.md "Audit"): call both
 * outside the request's transaction (a refusal found inside one is thrown out of it and refused
 * in the `catch`). Anyone can cause refusals at will, so they do not take the audit chain's lock:
 * `AuditService.recordRefusal` writes them to `audit_pending`, and the folder chains them in batches.
 */
@Injectable()
export class AccessControl {
  constructor(private readonly audit: AuditService) {}

  /** The policy's scope; or its refusal, audited and thrown. No query when access is granted. */
  async require<Scope>(actor: Actor, attempt: AccessAttempt, decision: AccessDecision<Scope>): Promise<Scope> {
    if (decision.granted) return decision.scope;
    return this.refuse(actor, attempt, decision.refusal);
  }

  /** Audits the refusal (committed, pending its place in the chain), then throws it. */
  async refuse(actor: Actor, attempt: AccessAttempt, refusal: DomainError): Promise<never> {
    await this.audit.recordRefusal(actor, refusalRecord(attempt, refusal));
    throw refusal;
  }

  /**
   * For the `catch` of a transaction whose scoped lookup threw: a 403 or 404 is refused as
   * above (its entry outlives the rollback); any other error is rethrown as it is.
   */
  async refuseIfDenied(actor: Actor, attempt: AccessAttempt, error: unknown): Promise<never> {
    if (error instanceof DomainError && (error.kind === 'forbidden' || error.kind === 'not_found')) return this.refuse(actor, attempt, error);
    throw error;
  }
}
