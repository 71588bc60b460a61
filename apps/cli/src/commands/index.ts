import { CreateAdminCommand } from './create-admin.command';
import { ExportCommand, PublicCsvExportCommand } from './export.command';
import { ImportCommand } from './import.command';
import { ResetPasswordCommand } from './reset-password.command';
import { UnlockUserCommand } from './unlock-user.command';
import { VerifyAuditCommand } from './verify-audit.command';

/**
 * Every command and sub-command of `post-registry`: a new command is a class here (and, if it
 * needs another context, that context's module in CliModule). nest-commander finds them by
 * their @Command/@SubCommand decorator among the providers.
 */
export const CLI_COMMANDS = [
  CreateAdminCommand,
  ResetPasswordCommand,
  UnlockUserCommand,
  VerifyAuditCommand,
  ExportCommand,
  PublicCsvExportCommand,
  ImportCommand,
];
