import { isValidIsoDate, IsoDate } from '@app/core';
import { CertificationEffect } from './case-commands';
import { CaseState } from './case-state';
import { CaseAction } from './case-status';
import { caseInvalidInput, CaseRefusalReason, caseRuleRefused } from './discipline.errors';

/** What an action handler produces; transitionCase adds the version and the timeline event. */
export interface ActionOutcome {
  next: CaseState;
  effects: CertificationEffect[];
}

/** Collects every unmet rule of one action, so the refusal lists them all at once. */
export class Refusals {
  private readonly reasons: CaseRefusalReason[] = [];
  private readonly details: Record<string, unknown> = {};

  constructor(private readonly action: CaseAction) {}

  add(reason: CaseRefusalReason, details: Record<string, unknown> = {}): void {
    this.reasons.push(reason);
    Object.assign(this.details, details);
  }

  when(condition: boolean, reason: CaseRefusalReason, details: Record<string, unknown> = {}): void {
    if (condition) this.add(reason, details);
  }

  throwIfAny(): void {
    if (this.reasons.length > 0) throw caseRuleRefused(this.action, this.reasons, this.details);
  }
}

/**
 * Dates are compared as `YYYY-MM-DD` strings, which order like the calendar, so a malformed
 * one must never reach a comparison: the request DTO rejects it first, this is the backstop.
 */
export function requireValidDates(required: Record<string, unknown>, optional: Record<string, unknown> = {}): void {
  const invalid = [
    ...Object.entries(required).filter(([, value]) => !isValidIsoDate(value)),
    ...Object.entries(optional).filter(([, value]) => value !== undefined && !isValidIsoDate(value)),
  ];
  if (invalid.length > 0) {
    throw caseInvalidInput(invalid.map(([field]) => ({ field, message: 'must be a calendar date YYYY-MM-DD' })));
  }
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}
