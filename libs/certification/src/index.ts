export * from './domain';
export * from './certification.module';
export * from './certification.service';
export * from './certification-settlement.job';
export { CERTIFICATION_RULES } from './certification-rules';
export type { CertificationRules } from './certification-rules';
export { CERTIFICATION_TRANSITION_ACTIONS, MAX_DISCLOSURES_LENGTH } from './certification-adjudication';
export type { CertificationTransitionAction, CertifyRequest, TransitionRequest } from './certification-adjudication';
export type { CaseNumberResolver, CertificationHistoryView, CertificationView } from './certification-view';
