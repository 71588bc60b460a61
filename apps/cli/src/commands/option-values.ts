import { passwordPolicyProblem } from '@app/organizations';
import { isEmail } from 'class-validator';
import { CommandFailure } from '../command-failure';

/** The checks of the API's DTOs, so a command refuses what the API would (CreateUserDto, AuditVerifyQueryDto). */

export function emailOption(value: string): string {
  const email = value.trim().toLowerCase();
  if (!isEmail(email) || email.length > 254) throw new CommandFailure(`--email: "${value}" is not an email address.`);
  return email;
}

export function passwordOption(value: string): string {
  const problem = passwordPolicyProblem(value);
  if (problem) throw new CommandFailure(`--password: ${problem}`);
  return value;
}

export function sequenceOption(value: string): number {
  const seq = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new CommandFailure(`--known-seq: "${value}" is not a sequence number (an integer from 1).`);
  return seq;
}

export function hashOption(value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) throw new CommandFailure('--known-hash: must be 64 lower-case hex characters.');
  return value;
}
