import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unitOfWork.ts';
import { problems } from '../../../platform/http/problems.ts';
import { scopePeople } from '../access.ts';
import { type ExportValue, exportSections } from './exportSections.ts';

export const LEGAL_NOTE =
  'Copia dei dati personali trattati da ARTI per i servizi per il lavoro, fornita ai sensi degli artt. 15 (diritto di accesso) e 20 (portabilità) del Regolamento (UE) 2016/679. La versione JSON contiene gli stessi dati in formato strutturato e leggibile da dispositivo automatico.';

export interface DataExport {
  format: 'ponte-data-export';
  version: 1;
  generatedAt: string;
  legalNote: string;
  subject: { personId: string; givenName: string; familyName: string };
  sections: {
    key: string;
    title: string;
    data: ExportValue;
    labels?: Record<string, string>;
    valueLabels?: Record<string, Record<string, string>>;
    emptyText?: string;
  }[];
}

/**
 * The citizen's own data, section by section (see exportSections.ts), for the JSON and PDF downloads. Only the
 * signed-in citizen's own record; one audit entry per download naming the sections and the format.
 */
export async function exportOwnData(deps: { db: Db; audit: AuditTrail }, actor: Actor, ctx: RequestContext, format: 'json' | 'pdf'): Promise<DataExport> {
  if (actor.role !== 'citizen') throw problems.forbidden();
  const person = actor.personId
    ? await scopePeople(deps.db.selectFrom('people').select(['people.id', 'people.given_name', 'people.family_name']), actor)
        .where('people.id', '=', actor.personId)
        .executeTakeFirst()
    : undefined;
  if (!person) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
  const sections: DataExport['sections'] = [];
  for (const section of exportSections()) {
    sections.push({
      key: section.key,
      title: section.title,
      data: await section.load(deps.db, person.id),
      ...(section.labels ? { labels: section.labels } : {}),
      ...(section.valueLabels ? { valueLabels: section.valueLabels } : {}),
      ...(section.emptyText ? { emptyText: section.emptyText } : {}),
    });
  }
  await inTransaction(deps.db, (tx) =>
    deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'export',
        recordType: 'person',
        recordIds: [person.id],
        subjectPersonIds: [person.id],
        fields: sections.map((s) => s.key),
        purpose: `copia dei propri dati (artt. 15 e 20 GDPR), formato ${format.toUpperCase()}`,
      },
    ),
  );
  return {
    format: 'ponte-data-export',
    version: 1,
    generatedAt: new Date().toISOString(),
    legalNote: LEGAL_NOTE,
    subject: { personId: person.id, givenName: person.given_name, familyName: person.family_name },
    sections,
  };
}
