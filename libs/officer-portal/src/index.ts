/**
 * @app/officer-portal: the officer's own account and record (API.md "Officers' own accounts",
 * DOMAIN.md "The officer's own record"): invitations, the whole record read through each owning
 * context, and disputes checked against the officer's own record before @app/disputes opens them.
 * High in the layers (after hiring): it only composes the contexts below.
 */
export * from './officer-portal.module';
export * from './officer-accounts.service';
export * from './own-record.service';
export * from './own-disputes.service';
export * from './officer-portal.policy';
export * from './domain/officer-portal.errors';
