/**
 * @app/workspace: the commission's workspace (API.md "Commission workspace", issue 23): the work
 * queue, the dashboard's figures and an officer's whole audit trail. Reads every context's tables
 * through SQL, owns only registry_tally (the figures' counts, kept by triggers), and sits at the
 * top of LAYERS.
 */
export * from './workspace.module';
export * from './workspace.service';
export { WORK_ITEM_KINDS, EXPIRING_WITHIN_DAYS, LATE_REPORT_WINDOW_DAYS } from './domain/work-queue';
export type { WorkItem, WorkItemKind, WorkItemReason } from './domain/work-queue';
export { MAX_RANGE_MONTHS } from './domain/stats';
export type { StatsOverview } from './domain/stats';
