import { NOTICE_CHANNELS, NOTICE_KINDS, NOTICE_STATUSES } from '@app/notifications';
import type { NoticeChannel, NoticeKind, NoticeStatus, NoticeView } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto';

export class ListNoticesQueryDto extends PageQueryDto {
  /** `true`: only notices not sent by their `dueBy` (the commission's to chase); `false`: the others. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: "overdue must be 'true' or 'false'" })
  overdue?: boolean;
}

export class NoticeSubjectResponse {
  /** `misconduct_report`, `employment` (a separation), `case`, … */
  type: string;
  id: string;
}

export class OfficerNoticeResponse {
  id: string;
  /** The officer the notice is to. */
  postId: string;
  @ApiProperty({ enum: NOTICE_KINDS })
  kind: NoticeKind;
  /** The record the notice is about. */
  subject: NoticeSubjectResponse;
  createdAt: string;
  /** `YYYY-MM-DD`: 10 calendar days after the submission (555 CMR 12.00). */
  dueBy: string;
  /** When the mail server took it; null until then, and for a notice kept for the portal. */
  sentAt: string | null;
  @ApiProperty({ enum: NOTICE_CHANNELS })
  channel: NoticeChannel;
  @ApiProperty({ enum: NOTICE_STATUSES })
  status: NoticeStatus;
  /** Not sent by the end of `dueBy`. */
  overdue: boolean;
}

export class NoticePageResponse {
  /** Newest first. */
  items: OfficerNoticeResponse[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

export const toNoticeResponse = (n: NoticeView): OfficerNoticeResponse => ({
  id: n.id,
  postId: n.postId,
  kind: n.kind,
  subject: { type: n.subject.type, id: n.subject.id },
  createdAt: n.createdAt.toISOString(),
  dueBy: n.dueBy,
  sentAt: n.sentAt ? n.sentAt.toISOString() : null,
  channel: n.channel,
  status: n.status,
  overdue: n.overdue,
});

export const toNoticePageResponse = (page: { items: NoticeView[]; nextCursor: string | null }): NoticePageResponse => ({
  items: page.items.map(toNoticeResponse),
  nextCursor: page.nextCursor,
});
