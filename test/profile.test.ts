import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, romeDateOf } from '../src/platform/dates.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

/**
 * Professional profile (SAP) over real HTTP on each engine: who may read and edit, Italian validation with the field,
 * optimistic versions (409 with currentVersion and changedFields), audit entries naming the person, outbox events,
 * CV checks (PDF by content, size limit), search by occupation.
 */

interface Profile {
  personId: string;
  version: number;
  completion: { percent: number; steps: Record<string, boolean>; nextStep: string | null };
  completedSteps: string[];
  education: { id: string; titleCode: string; eqfLevel: number | null; iscedLevel: number | null; version: number }[];
  experiences: {
    id: string;
    employerName: string | null;
    occupationCode: string;
    occupationLabel: string | null;
    sectorCode: string | null;
    startedOn: string;
    endedOn: string | null;
    version: number;
  }[];
  skills: { id: string; uri: string; label: string }[];
  languages: { language: string; motherTongue: boolean; level: string | null }[];
  drivingLicences: string[];
  digitalSkills: Record<string, number>;
  availability: { wantedOccupations: { code: string; label: string | null }[]; workingTime: string[]; maxDistanceKm: number | null };
  cv: { fileName: string; sizeBytes: number; sha256: string } | null;
  hiddenFields: string[];
}

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  currentVersion?: number;
  changedFields?: string[];
}

async function pdfBytes(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Curriculum vitae — Mario Rossi');
  return doc.save();
}

describe.each(testEngines())('professional profile on %s', (engine) => {
  let t: TestApp;
  let citizen: Session;
  let operator: Session;
  let pisa: Session;
  let provider: Session;
  let manager: Session;
  let citizenId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { PONTE_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    citizen = await login(t.baseUrl, 'cittadino');
    operator = await login(t.baseUrl, 'operatore.firenze');
    manager = await login(t.baseUrl, 'responsabile.firenze');
    pisa = await login(t.baseUrl, 'operatore.pisa');
    provider = await login(t.baseUrl, 'ente.accreditato');
    citizenId = t.demo.people.citizen as string;
  });
  afterAll(() => t?.close());

  async function call<T>(session: Session, method: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${t.baseUrl}${path}`, authed(session, { method, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }));
    const text = await response.text();
    if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const ok = async (session: Session, method: string, path: string, json?: unknown): Promise<Profile> => {
    const r = await call<Profile>(session, method, path, json);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };
  async function upload(session: Session, path: string, bytes: Uint8Array, name: string, type: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await fetch(`${t.baseUrl}${path}`, {
      method: 'PUT',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: form,
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Profile & ProblemBody };
  }
  async function auditOf(recordType: string) {
    return t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'record_type', 'record_ids', 'subject_person_ids', 'fields', 'actor_role'])
      .where('record_type', '=', recordType)
      .orderBy('at', 'desc')
      .execute();
  }

  it('the citizen starts from an empty profile and completes it section by section', async () => {
    const empty = await ok(citizen, 'GET', '/api/v1/me/profile');
    expect(empty).toMatchObject({
      personId: citizenId,
      version: 0,
      education: [],
      experiences: [],
      cv: null,
      completion: { percent: 0, nextStep: 'education' },
    });

    const withTitle = await ok(citizen, 'POST', '/api/v1/me/profile/education', {
      titleCode: 'upper-secondary',
      fieldOfStudy: 'Ragioneria',
      institution: 'ITC Firenze',
      completedYear: 2004,
      country: 'IT',
    });
    expect(withTitle.education).toEqual([expect.objectContaining({ titleCode: 'upper-secondary', eqfLevel: 4, iscedLevel: 3, version: 1 })]);
    const stepped = await ok(citizen, 'PUT', '/api/v1/me/profile/progress', { step: 'education' });
    expect(stepped.completedSteps).toEqual(['education']);
    expect(stepped.completion.nextStep).toBe('experiences');
    expect(stepped.version).toBe(0); // progress is not data: the sections' version does not move

    const withJob = await ok(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Ristorante Da Gino',
      occupationCode: '5.2.2.1.0.14', // a job title (6th level): kept as its unit
      sectorCode: '56.10.11',
      startedOn: '2010-03-01',
      endedOn: '2020-02-29',
      contractType: 'A.02.00',
    });
    expect(withJob.experiences).toEqual([
      expect.objectContaining({ occupationCode: '5.2.2.1.0', sectorCode: '56.10.11', occupationLabel: expect.stringMatching(/cuochi/i) }),
    ]);

    const skills = await ok(citizen, 'PUT', '/api/v1/me/profile/skills', {
      version: 0,
      skills: ['f1c0b002-0000-4000-8000-000000000004'],
      languages: [
        { language: 'it', motherTongue: true },
        { language: 'en', level: 'B1' },
      ],
    });
    expect(skills.version).toBe(1);
    expect(skills.skills).toEqual([expect.objectContaining({ id: 'f1c0b002-0000-4000-8000-000000000004', uri: expect.stringContaining('/skill/') })]);
    expect(skills.languages).toEqual([
      { language: 'it', motherTongue: true, level: null },
      { language: 'en', motherTongue: false, level: 'B1' },
    ]);
    const licences = await ok(citizen, 'PUT', '/api/v1/me/profile/licences', {
      version: 1,
      drivingLicences: ['B', 'AM'],
      digitalSkills: { information: 3, safety: 2 },
    });
    expect(licences).toMatchObject({ version: 2, drivingLicences: ['B', 'AM'], digitalSkills: { information: 3, safety: 2 } });
    const availability = await ok(citizen, 'PUT', '/api/v1/me/profile/availability', {
      version: 2,
      wantedOccupations: ['5.2.2.1.0'],
      wantedContractTypes: ['A.01.00'],
      workingTime: ['full-time'],
      maxDistanceKm: 25,
      ownVehicle: true,
      availableFrom: romeDateOf(),
    });
    expect(availability).toMatchObject({ version: 3, availability: { wantedOccupations: [{ code: '5.2.2.1.0' }], maxDistanceKm: 25 } });
    expect(availability.completion.steps).toMatchObject({ education: true, experiences: true, skills: true, licences: true, availability: true, cv: false });
  });

  it('refuses invalid data with Italian messages naming the field', async () => {
    const tomorrow = addDays(romeDateOf(), 1);
    const future = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Bar Centrale',
      occupationCode: '5.2.2.1.0',
      startedOn: tomorrow,
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toContainEqual({ field: 'startedOn', message: 'la data non può essere nel futuro' });

    const backwards = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Bar Centrale',
      occupationCode: '5.2.2.1.0',
      startedOn: '2020-05-01',
      endedOn: '2020-04-30',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toContainEqual({ field: 'endedOn', message: 'la data di fine non può precedere quella di inizio' });

    const unknown = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Bar Centrale',
      occupationCode: '9.9.9.9.9',
      startedOn: '2020-05-01',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'occupationCode', message: 'la professione 9.9.9.9.9 non esiste nella classificazione ISTAT CP2011' }]);

    const tooGeneral = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Bar',
      occupationCode: '5.2',
      startedOn: '2020-05-01',
    });
    expect(tooGeneral.body.errors?.[0]?.field).toBe('occupationCode');

    const sector = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/experiences', {
      employerName: 'Bar Centrale',
      occupationCode: '5.2.2.1.0',
      sectorCode: '99.99.99',
      startedOn: '2020-05-01',
    });
    expect(sector.body.errors).toEqual([{ field: 'sectorCode', message: 'il settore 99.99.99 non esiste nella classificazione ATECO 2007' }]);

    const title = await call<ProblemBody>(citizen, 'POST', '/api/v1/me/profile/education', { titleCode: 'diploma-di-mago' });
    expect(title.body.errors).toEqual([{ field: 'titleCode', message: 'scegliete un titolo di studio dall’elenco' }]);

    const profile = await ok(citizen, 'GET', '/api/v1/me/profile');
    const level = await call<ProblemBody>(citizen, 'PUT', '/api/v1/me/profile/skills', {
      version: profile.version,
      skills: [],
      languages: [{ language: 'en', level: 'D1' }],
    });
    expect(level.body.errors?.[0]).toMatchObject({ field: 'languages.0.level' });
    const skill = await call<ProblemBody>(citizen, 'PUT', '/api/v1/me/profile/skills', { version: profile.version, skills: ['non-esiste'], languages: [] });
    expect(skill.body.errors).toEqual([{ field: 'skills.0', message: 'competenza non presente nella classificazione ESCO' }]);
    const digital = await call<ProblemBody>(citizen, 'PUT', '/api/v1/me/profile/licences', {
      version: profile.version,
      drivingLicences: ['B'],
      digitalSkills: { safety: 9 },
    });
    expect(digital.body.errors?.[0]).toMatchObject({ field: 'digitalSkills.safety', message: 'livello da 1 a 8' });
    // nothing written by the refused requests
    expect((await ok(citizen, 'GET', '/api/v1/me/profile')).version).toBe(profile.version);
  });

  it('a caseworker of the job centre corrects an experience; a stale version is a 409 naming the fields changed', async () => {
    const seen = await ok(operator, 'GET', `/api/v1/people/${citizenId}/profile`);
    const job = seen.experiences[0];
    if (!job) throw new Error('no experience');
    const corrected = await ok(operator, 'PUT', `/api/v1/people/${citizenId}/profile/experiences/${job.id}`, {
      version: job.version,
      employerName: 'Ristorante Da Gino S.n.c.',
      occupationCode: job.occupationCode,
      sectorCode: job.sectorCode,
      startedOn: job.startedOn,
      endedOn: '2019-12-31',
      contractType: 'A.02.00',
    });
    expect(corrected.experiences[0]).toMatchObject({ employerName: 'Ristorante Da Gino S.n.c.', endedOn: '2019-12-31', version: job.version + 1 });

    // The citizen, still holding the old version, saves: 409 with the current version and the fields the operator changed.
    const stale = await call<ProblemBody>(citizen, 'PUT', `/api/v1/me/profile/experiences/${job.id}`, {
      version: job.version,
      employerName: 'Da Gino',
      occupationCode: job.occupationCode,
      startedOn: job.startedOn,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: job.version + 1, changedFields: ['employerName', 'endedOn'] });

    // Profile-level sections: the operator's licences change makes the citizen's availability save stale.
    const before = await ok(citizen, 'GET', '/api/v1/me/profile');
    await ok(manager, 'PUT', `/api/v1/people/${citizenId}/profile/licences`, { version: before.version, drivingLicences: ['B', 'C'], digitalSkills: {} });
    const staleProfile = await call<ProblemBody>(citizen, 'PUT', '/api/v1/me/profile/availability', {
      version: before.version,
      wantedOccupations: [],
      wantedContractTypes: [],
      workingTime: [],
    });
    expect(staleProfile.status).toBe(409);
    expect(staleProfile.body).toMatchObject({ currentVersion: before.version + 1, changedFields: ['digitalSkills', 'drivingLicences'] });

    const writes = await auditOf('person_experience');
    expect(writes[0]).toMatchObject({ action: 'write', actor_role: 'operator', record_ids: [job.id], subject_person_ids: [citizenId] });
    expect(writes[0]?.fields).toEqual(expect.arrayContaining(['experiences.employerName', 'experiences.endedOn']));
    const reads = await auditOf('person_profile');
    expect(reads.some((r) => r.action === 'read' && r.actor_role === 'operator' && r.subject_person_ids.includes(citizenId))).toBe(true);
    const events = await t.database.db
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('aggregate_id', '=', citizenId)
      .where('topic', 'like', 'people.profile.%')
      .execute();
    expect(events.map((e) => e.topic)).toEqual(
      expect.arrayContaining([
        'people.profile.education.added',
        'people.profile.experience.added',
        'people.profile.experience.updated',
        'people.profile.updated',
      ]),
    );
  });

  it('scope: other job centres do not see the profile, readers who are not caseworkers cannot edit it', async () => {
    expect((await call(pisa, 'GET', `/api/v1/people/${citizenId}/profile`)).status).toBe(404);
    expect((await call(pisa, 'POST', `/api/v1/people/${citizenId}/profile/education`, { titleCode: 'phd' })).status).toBe(404);
    const assigned = t.demo.people.assigned as string;
    expect((await call(provider, 'GET', `/api/v1/people/${assigned}/profile`)).status).toBe(200);
    expect((await call(provider, 'POST', `/api/v1/people/${assigned}/profile/education`, { titleCode: 'phd' })).status).toBe(403);
    expect((await call(citizen, 'GET', `/api/v1/people/${citizenId}/profile`)).status).toBe(403);
    // The protected person: named staff only; an administrator sees the profile without what locates the person.
    const protectedId = t.demo.people.protected as string;
    expect((await call(operator, 'GET', `/api/v1/people/${protectedId}/profile`)).status).toBe(404);
    expect(
      (
        await call(manager, 'POST', `/api/v1/people/${protectedId}/profile/experiences`, {
          employerName: 'Rifugio',
          occupationCode: '5.2.2.1.0',
          startedOn: '2021-01-01',
        })
      ).status,
    ).toBe(201);
    const admin = await login(t.baseUrl, 'admin.arti');
    const adminView = await ok(admin, 'GET', `/api/v1/people/${protectedId}/profile`);
    expect(adminView.experiences[0]?.employerName).toBeNull();
    expect(adminView.hiddenFields).toEqual(['experiences.employer', 'cv']);
    expect((await call(admin, 'POST', `/api/v1/people/${protectedId}/profile/education`, { titleCode: 'phd' })).status).toBe(403);
  });

  it('CV: a PDF is stored and downloaded by those who may read the profile; a renamed non-PDF is 415, an oversized file 413', async () => {
    const pdf = await pdfBytes();
    const stored = await upload(citizen, '/api/v1/me/profile/cv', pdf, 'curriculum.pdf', 'application/pdf');
    expect(stored.status).toBe(200);
    expect(stored.body.cv).toMatchObject({ fileName: 'curriculum.pdf', sizeBytes: pdf.length });
    expect(stored.body.completion.steps.cv).toBe(true);

    const fake = await upload(citizen, '/api/v1/me/profile/cv', new TextEncoder().encode('MZ\u0090 not a pdf at all'), 'virus.pdf', 'application/pdf');
    expect(fake.status).toBe(415);
    expect(fake.type).toMatch(/problem\+json/);
    expect(fake.body.detail).toMatch(/PDF/);
    const declared = await upload(citizen, '/api/v1/me/profile/cv', pdf, 'cv.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(declared.status).toBe(415);
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const tooBig = await upload(citizen, '/api/v1/me/profile/cv', big, 'enorme.pdf', 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toMatch(/5 MB/);
    const json = await call<ProblemBody>(citizen, 'PUT', '/api/v1/me/profile/cv', { file: 'x' });
    expect(json.status).toBe(415);

    const download = await fetch(`${t.baseUrl}/api/v1/people/${citizenId}/profile/cv`, authed(operator));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="curriculum.pdf"/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    expect((await fetch(`${t.baseUrl}/api/v1/people/${citizenId}/profile/cv`, authed(pisa))).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/v1/me/profile/cv`, authed(citizen))).status).toBe(200);
    const cvReads = await auditOf('person_cv');
    expect(cvReads.some((r) => r.action === 'read' && r.actor_role === 'operator')).toBe(true);
  });

  it('search by occupation: experiences and wanted occupations, a code prefix matching its sub-codes, within scope', async () => {
    const search = async (session: Session, body: unknown) => call<{ items: { id: string }[] }>(session, 'POST', '/api/v1/people/search', body);
    const cooks = await search(operator, { occupation: '5.2.2.1.0' });
    expect(cooks.status).toBe(200);
    const ids = cooks.body.items.map((i) => i.id);
    expect(ids).toContain(citizenId);
    expect(ids).toContain(t.demo.people.p2); // demo cook in Florence
    expect(ids).not.toContain(t.demo.people.p3); // a cook of the Pisa centre
    expect(ids).not.toContain(t.demo.people.p0); // a software analyst
    const group = await search(operator, { occupation: '5.2' });
    expect(group.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([citizenId, t.demo.people.p2]));
    expect((await search(operator, { occupation: '5.2.2.1.0.14' })).body.items.map((i) => i.id)).toContain(citizenId);
    expect((await search(operator, { occupation: '2.1.1.4.1' })).body.items.map((i) => i.id)).toEqual([t.demo.people.p0]);
    const combined = await search(operator, { occupation: '5.2.2.1.0', text: 'Rossi' });
    expect(combined.body.items.map((i) => i.id)).toEqual([citizenId]);
    expect((await search(pisa, { occupation: '5.2.2.1.0' })).body.items.map((i) => i.id)).toContain(t.demo.people.p3);
    const bad = await call<ProblemBody>(operator, 'POST', '/api/v1/people/search', { occupation: 'cuoco' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe('occupation');
  });

  it('removing rows checks their version', async () => {
    const profile = await ok(citizen, 'GET', '/api/v1/me/profile');
    const title = profile.education[0];
    if (!title) throw new Error('no title');
    expect((await call<ProblemBody>(citizen, 'DELETE', `/api/v1/me/profile/education/${title.id}?version=${title.version + 5}`)).status).toBe(409);
    const after = await ok(citizen, 'DELETE', `/api/v1/me/profile/education/${title.id}?version=${title.version}`);
    expect(after.education.find((e) => e.id === title.id)).toBeUndefined();
    const reference = await call<{ educationTitles: { items: { code: string; eqfLevel: number | null; confidence: string }[] } }>(
      citizen,
      'GET',
      '/api/v1/profile/reference',
    );
    expect(reference.body.educationTitles.items.find((i) => i.code === 'phd')).toMatchObject({ eqfLevel: 8, confidence: 'V' });
  });
});
