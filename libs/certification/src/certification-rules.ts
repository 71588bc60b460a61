import { ConfigService } from '@nestjs/config';
import type { IsoDate } from '@app/core';
import {
  CertificationContext,
  DEFAULT_CERTIFICATION_TERM_YEARS,
  DEFAULT_EXPIRY_ALIGNMENT,
  DEFAULT_IN_SERVICE_HOURS_PER_YEAR,
  DEFAULT_MIN_AGE,
  ExpiryAlignment,
} from './domain';

/** The certification numbers that differ between states (API.md configuration, DOMAIN.md). */
export interface CertificationRules {
  termYears: number;
  expiryAlignment: ExpiryAlignment;
  inServiceHoursPerYear: number;
  minAge: number;
}

export const CERTIFICATION_RULES = Symbol('CERTIFICATION_RULES');

/** From the validated configuration (`certification.*`); the statutory defaults when absent. */
export function certificationRulesFrom(config: ConfigService): CertificationRules {
  const configured = config.get<Partial<CertificationRules>>('certification') ?? {};
  return {
    termYears: configured.termYears ?? DEFAULT_CERTIFICATION_TERM_YEARS,
    expiryAlignment: configured.expiryAlignment ?? DEFAULT_EXPIRY_ALIGNMENT,
    inServiceHoursPerYear: configured.inServiceHoursPerYear ?? DEFAULT_IN_SERVICE_HOURS_PER_YEAR,
    minAge: configured.minAge ?? DEFAULT_MIN_AGE,
  };
}

/** What the state machine is told about one decision: its date, the configured term, and the officer's birth date (for a birth-month expiry). */
export function certificationContext(rules: CertificationRules, today: IsoDate, dateOfBirth: IsoDate): CertificationContext {
  return { today, termYears: rules.termYears, expiryAlignment: rules.expiryAlignment, dateOfBirth };
}
