import type { IsoDate } from '@app/core';
import type { ConditionRequest } from './domain';

/** The adjudicator's transitions outside cases (API.md `…/certification/transitions`). */
export const CERTIFICATION_TRANSITION_ACTIONS = ['inactivate', 'reactivate', 'admin_suspend', 'lift_admin_suspension', 'accept_relinquishment'] as const;
export type CertificationTransitionAction = (typeof CERTIFICATION_TRANSITION_ACTIONS)[number];

export const MAX_DISCLOSURES_LENGTH = 10_000;

export interface CertifyRequest {
  effectiveOn?: IsoDate;
  /** The commission's own findings (DOMAIN.md): recorded in the audit entry, not computed. */
  backgroundCheckAttested?: boolean;
  fitnessAttested?: boolean;
  /** A conditional certification (555 CMR 7.04, 9.10): what is still due, by when, and why. */
  conditions?: ConditionRequest[];
}

export interface TransitionRequest {
  action: CertificationTransitionAction;
  /** `admin_suspend`: `in_service_training` | `failure_to_report`; otherwise the stated reason. */
  reason?: string;
  effectiveOn?: IsoDate;
  /** `accept_relinquishment` only; restricted: stored apart, never returned, logged or audited. */
  disclosures?: string;
}
