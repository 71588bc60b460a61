/** An expected failure (unknown email, broken audit chain, bad argument): one line on stderr, exit status 1. */
export class CommandFailure extends Error {}

/**
 * The one line a failure prints: its message (a CommandFailure's, a service's DomainError, a
 * bad environment variable, an unreachable database), never a stack trace: the operator
 * needs the cause, not our frames.
 */
export function failureLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
