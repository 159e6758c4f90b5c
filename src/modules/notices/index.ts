/** The notices module's face: UNILAV employment notices, their import, and their effect on employment status. */
export {
  DEFAULT_NOTICE_BATCH_SIZE,
  importNoticesFile,
  NOTICES_IMPORT_KIND,
  type NoticeImportDeps,
  type NoticeImportOptions,
  type NoticeImportSource,
  type NoticeImportSummary,
  type NoticeRejection,
  noticeImportSummary,
} from './importer.ts';
export { jobIdOf, type KnownNotices, type NoticeEffect, type NoticeFacts, noticeEffect, noticesToEvents, type StoredNotice } from './model.ts';
export { registerNoticeRoutes } from './routes.ts';
export { checkNoticeRecord, NOTICE_COLUMNS, type NoticeRecord, type NoticeRow } from './rows.ts';
export { insertNotices, linkWaitingNotices, type NoticeToInsert, noticeStatusEvents, noticesOfPerson, noticeToInsert, relinkNotices } from './store.ts';
