import { Foundation1764000000000 } from './1764000000000-Foundation';
import { RegistryCore1764000000100 } from './1764000000100-RegistryCore';
import { Discipline1764000000200 } from './1764000000200-Discipline';
import { Hiring1764000000300 } from './1764000000300-Hiring';
import { CertificationIntegrity1764000000350 } from './1764000000350-CertificationIntegrity';
import { TrainingRecordsAppendOnly1764000000400 } from './1764000000400-TrainingRecordsAppendOnly';
import { OfficerNamePostId1764000000500 } from './1764000000500-OfficerNamePostId';
import { SlidingLoginWindow1764000000600 } from './1764000000600-SlidingLoginWindow';
import { OfficerNameMiddle1764000000700 } from './1764000000700-OfficerNameMiddle';
import { RateLimitCounters1764000000800 } from './1764000000800-RateLimitCounters';
import { TokenVersion1764000000900 } from './1764000000900-TokenVersion';
import { GeneratedSecret1764000001000 } from './1764000001000-GeneratedSecret';
import { SecondFactor1765000000100 } from './1765000000100-SecondFactor';
import { AccountTokens1765000000200 } from './1765000000200-AccountTokens';
import { AuditPending1765000000300 } from './1765000000300-AuditPending';
import { QuietServerLog1765000000310 } from './1765000000310-QuietServerLog';
import { DurableJobs1765000000400 } from './1765000000400-DurableJobs';
import { Imports1765000000500 } from './1765000000500-Imports';
import { Outbox1765000000600 } from './1765000000600-Outbox';
import { Webhooks1765000000610 } from './1765000000610-Webhooks';
import { OfficerNotices1765000000700 } from './1765000000700-OfficerNotices';
import { WebhookDelivery1766000000100 } from './1766000000100-WebhookDelivery';
import { WorkspaceIndexes1766000000200 } from './1766000000200-WorkspaceIndexes';
import { CertificationConditions1766000000500 } from './1766000000500-CertificationConditions';
import { GivenNameVariants1766000000600 } from './1766000000600-GivenNameVariants';
import { OfficerNameSoundKey1766000000610 } from './1766000000610-OfficerNameSoundKey';
import { OfficerAccountsDisputes1766000000700 } from './1766000000700-OfficerAccountsDisputes';
import { IdentityChanges1766000000800 } from './1766000000800-IdentityChanges';
import { WorkQueueCaseClocks1767000050000 } from './1767000050000-WorkQueueCaseClocks';
import { RegistryTallies1767000050100 } from './1767000050100-RegistryTallies';
import { OfficerNameSoundCodes1767000060000 } from './1767000060000-OfficerNameSoundCodes';
import { OfficerNameSoundCover1767000060100 } from './1767000060100-OfficerNameSoundCover';
import { ImportedEffectsDue1767000070000 } from './1767000070000-ImportedEffectsDue';
import { DisputesFollowMerge1767000080000 } from './1767000080000-DisputesFollowMerge';
import { DuplicateSweep1767000080100 } from './1767000080100-DuplicateSweep';
import { StatsTallies1767000100000 } from './1767000100000-StatsTallies';
import { OfficerNameDobTrigram1767000120000 } from './1767000120000-OfficerNameDobTrigram';
import { OfficerNamePostIdSetWise1767000120100 } from './1767000120100-OfficerNamePostIdSetWise';
import { CaseEventActorRole1767000140000 } from './1767000140000-CaseEventActorRole';

/** Every migration, in order. New files are added here (explicit, so the build and Jest load the same list). */
export const MIGRATIONS = [
  Foundation1764000000000,
  RegistryCore1764000000100,
  Discipline1764000000200,
  Hiring1764000000300,
  CertificationIntegrity1764000000350,
  TrainingRecordsAppendOnly1764000000400,
  OfficerNamePostId1764000000500,
  SlidingLoginWindow1764000000600,
  OfficerNameMiddle1764000000700,
  RateLimitCounters1764000000800,
  TokenVersion1764000000900,
  GeneratedSecret1764000001000,
  SecondFactor1765000000100,
  AccountTokens1765000000200,
  AuditPending1765000000300,
  QuietServerLog1765000000310,
  DurableJobs1765000000400,
  Imports1765000000500,
  Outbox1765000000600,
  Webhooks1765000000610,
  OfficerNotices1765000000700,
  WebhookDelivery1766000000100,
  WorkspaceIndexes1766000000200,
  CertificationConditions1766000000500,
  GivenNameVariants1766000000600,
  OfficerNameSoundKey1766000000610,
  OfficerAccountsDisputes1766000000700,
  IdentityChanges1766000000800,
  WorkQueueCaseClocks1767000050000,
  RegistryTallies1767000050100,
  OfficerNameSoundCodes1767000060000,
  OfficerNameSoundCover1767000060100,
  ImportedEffectsDue1767000070000,
  DisputesFollowMerge1767000080000,
  DuplicateSweep1767000080100,
  StatsTallies1767000100000,
  OfficerNameDobTrigram1767000120000,
  OfficerNamePostIdSetWise1767000120100,
  CaseEventActorRole1767000140000,
];
