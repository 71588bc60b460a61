import { DomainError, ForbiddenError } from './domain-error';

/**
 * A context's access policy answers, without I/O, whether an actor may act and within what
 * scope (the organization its query is limited to, or everything). The service calls it at
 * the top of the method through `AccessControl.require` (`@app/audit`), which audits a
 * refusal; the scope then goes into the query's WHERE (DESIGN.md rule 8), so a record
 * outside it is not found rather than filtered afterwards.
 */
export type AccessDecision<Scope> = { readonly granted: true; readonly scope: Scope } | { readonly granted: false; readonly refusal: DomainError };

export const grantAccess = <Scope>(scope: Scope): AccessDecision<Scope> => ({ granted: true, scope });
export const refuseAccess = (refusal: DomainError): AccessDecision<never> => ({ granted: false, refusal });

/**
 * The one 403 for "this kind of caller may not do this at all" (API.md: authenticated but
 * not allowed), whether the role guard or a context's policy says it: a client cannot tell
 * the layers apart, and need not.
 */
export const accessForbidden = () => new ForbiddenError('AUTH.FORBIDDEN', 'Your role does not allow this action.');
