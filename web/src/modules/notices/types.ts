/** Shapes of the notices API (src/modules/notices/routes.ts). */
export interface EmploymentNotice {
  id: string;
  communicationCode: string;
  previousCode: string | null;
  communicationType: 'INVIO' | 'RETTIFICA' | 'ANNULLAMENTO';
  eventType: 'AVV' | 'PRO' | 'TRA' | 'CES';
  sentOn: string;
  employer: { taxCode: string; name: string } | null;
  jobStart: string;
  plannedEnd: string | null;
  contractType: string | null;
  workingTime: string | null;
  annualPay: number | null;
  extensionEnd: string | null;
  conversionDate: string | null;
  conversionCode: string | null;
  terminationDate: string | null;
  terminationCause: string | null;
  occupationCode: string | null;
  effect: 'effective' | 'rectified' | 'cancelled' | 'cancellation';
  supersededBy: string | null;
}

export interface EmploymentNotices {
  items: EmploymentNotice[];
  note: string;
  hiddenFields: string[];
}

export interface NoticeImportSummary {
  runId: string;
  status: 'completed' | 'already-imported' | 'running';
  source: string;
  total: number;
  applied: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  peopleRecomputed: number;
}
