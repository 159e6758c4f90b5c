import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { rolesPolicy } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { problems } from '../../platform/http/problems.ts';
import type { App, AppDeps } from '../../platform/http/server.ts';

const NOBODY = '00000000-0000-0000-0000-000000000000';

const EmployerSchema = z.object({
  id: z.string(),
  name: z.string(),
  taxCode: z.string(),
  municipalityName: z.string().nullable(),
  address: z.string().nullable(),
  atecoCode: z.string().nullable(),
  jobCentreId: z.string(),
});

/** Employer accounts see their own companies; job-centre staff those of their centre; the agency the region. */
function scopeEmployers<O>(query: SelectQueryBuilder<Database, 'employers', O>, actor: Actor) {
  switch (actor.role) {
    case 'employer':
      return query.where('employers.id', 'in', actor.employerIds.length ? actor.employerIds : [NOBODY]);
    case 'operator':
    case 'manager':
      return query.where('employers.job_centre_id', '=', actor.jobCentreId ?? NOBODY);
    case 'specialist':
      return actor.territoryProvinces.length
        ? query.where('employers.job_centre_id', 'in', (eb) => eb.selectFrom('job_centres').select('id').where('province_code', 'in', actor.territoryProvinces))
        : query;
    case 'agency_admin':
      return query;
    default:
      return query.where('employers.id', '=', NOBODY);
  }
}

function employersQuery(db: Db) {
  return db
    .selectFrom('employers')
    .leftJoin('municipalities as m', 'm.istat_code', 'employers.municipality_istat_code')
    .select([
      'employers.id',
      'employers.name',
      'employers.tax_code as taxCode',
      'm.name as municipalityName',
      'employers.address',
      'employers.ateco_code as atecoCode',
      'employers.job_centre_id as jobCentreId',
    ]);
}

export async function registerEmployerRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  app.get('/api/v1/employers/:employerId', {
    config: { policy: rolesPolicy(['employer', 'operator', 'manager', 'specialist', 'agency_admin'], 'scoped', 'ordinary') },
    schema: {
      tags: ['Aziende'],
      summary: 'Scheda di un datore di lavoro',
      operationId: 'getEmployer',
      params: z.object({ employerId: z.uuid({ message: 'identificativo non valido' }) }),
      response: { 200: EmployerSchema },
    },
    handler: async (request) => {
      const row = await scopeEmployers(employersQuery(db), request.actor as Actor)
        .where('employers.id', '=', request.params.employerId)
        .executeTakeFirst();
      if (!row) throw problems.notFound();
      return row;
    },
  });

  app.get('/api/v1/me/employers', {
    config: { policy: rolesPolicy(['employer'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'Le mie aziende',
      operationId: 'listMyEmployers',
      response: { 200: z.object({ items: z.array(EmployerSchema) }) },
    },
    handler: async (request) => ({
      items: await scopeEmployers(employersQuery(db), request.actor as Actor)
        .orderBy('employers.name')
        .execute(),
    }),
  });
}
