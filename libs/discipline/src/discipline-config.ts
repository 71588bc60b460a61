import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CaseClockConfig, ReportDeadlineConfig } from './domain';

/** `dueProcess` of the app configuration (API.md's due-process variables). */
export interface DueProcessSettings {
  noticeMinDays: number;
  appealWindowDays: number;
  interimHearingRequestDays: number;
  interimHearingMaxDays: number;
  reportDeadlineBusinessDays: number;
  holidays: string[];
}

/** The due-process clocks of API.md's environment (`dueProcess.*` in the app config), read once. */
@Injectable()
export class DisciplineConfig {
  readonly caseClocks: CaseClockConfig;
  readonly reportDeadline: ReportDeadlineConfig;

  constructor(config: ConfigService) {
    const dueProcess = config.getOrThrow<DueProcessSettings>('dueProcess');
    this.caseClocks = {
      noticeMinDays: dueProcess.noticeMinDays,
      appealWindowDays: dueProcess.appealWindowDays,
      interimHearingRequestDays: dueProcess.interimHearingRequestDays,
      interimHearingMaxDays: dueProcess.interimHearingMaxDays,
    };
    this.reportDeadline = { deadlineBusinessDays: dueProcess.reportDeadlineBusinessDays, holidays: [...dueProcess.holidays] };
  }
}
