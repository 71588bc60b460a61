import { Module } from '@nestjs/common';
import { WorkspaceService } from './workspace.service';

/** Reads only: no other module is imported (its SQL names their tables; see workspace.service.ts). */
@Module({
  providers: [WorkspaceService],
  exports: [WorkspaceService],
})
export class WorkspaceModule {}
