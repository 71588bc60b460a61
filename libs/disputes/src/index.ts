/**
 * @app/disputes: an officer's disputes of their own record (API.md "Officers' own accounts").
 * Low in the layers (eslint.config.mjs LAYERS, right after auth) so that every context that shows
 * a record to agencies and the commission can mark it `disputed` (DisputeMarks, one query a read);
 * the officer's portal above checks that a disputed record is the officer's own before opening.
 */
export * from './disputes.module';
export * from './disputes.service';
export * from './dispute-marks';
export * from './disputes.policy';
export * from './domain/dispute';
export * from './domain/disputes.errors';
export { reassignOfficerDisputes } from './persistence/dispute.queries';
