import { registerExportSection } from '../people/index.ts';
import { noticesOfPerson } from './store.ts';

const EVENT = { AVV: 'Assunzione', PRO: 'Proroga', TRA: 'Trasformazione', CES: 'Cessazione' };
const TYPE = { INVIO: 'Invio', RETTIFICA: 'Rettifica', ANNULLAMENTO: 'Annullamento' };

/** The person's employment notices in their own-data download (GDPR art. 15/20), with what superseded each. */
export function registerNoticesExportSection(): void {
  registerExportSection({
    key: 'notices',
    title: 'Comunicazioni obbligatorie (UNILAV)',
    order: 90,
    labels: {
      communicationCode: 'Codice comunicazione',
      communicationType: 'Tipo di comunicazione',
      eventType: 'Evento',
      sentOn: 'Inviata il',
      employer: 'Datore di lavoro',
      jobStart: 'Inizio del rapporto',
      plannedEnd: 'Fine prevista',
      contractType: 'Tipologia contrattuale',
      annualPay: 'Retribuzione annua lorda (€)',
      extensionEnd: 'Prorogato fino al',
      conversionDate: 'Trasformato il',
      terminationDate: 'Cessato il',
      supersededBy: 'Sostituita o annullata da',
    },
    valueLabels: { eventType: EVENT, communicationType: TYPE },
    emptyText: 'Nessuna comunicazione obbligatoria.',
    load: async (db, personId) =>
      (await noticesOfPerson(db, personId)).map((n) => ({
        communicationCode: n.communication_code,
        communicationType: n.communication_type,
        eventType: n.event_type,
        sentOn: n.sent_on,
        employer: `${n.employer_name} (${n.employer_tax_code})`,
        jobStart: n.job_start,
        plannedEnd: n.planned_end,
        contractType: n.contract_type,
        annualPay: n.annual_pay === null ? null : Number(n.annual_pay),
        extensionEnd: n.extension_end,
        conversionDate: n.conversion_date,
        terminationDate: n.termination_date,
        supersededBy: n.superseded_code,
      })),
  });
}
