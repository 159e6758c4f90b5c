import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from '../../../test/support/testApp.ts';

const ROUTES = [
  '/api/v1/occupations/search',
  '/api/v1/occupations/:occupationCode',
  '/api/v1/sectors/search',
  '/api/v1/skills/search',
  '/api/v1/esco-occupations/search',
  '/api/v1/esco-occupations/:escoOccupationId/skills',
];

/** The routes as mounted by src/app.ts, on the real application. */
describe.each(testEngines())('classification routes on %s', (engine) => {
  let t: TestApp;
  let citizen: Session;
  const get = async (path: string, session: Session | null = citizen) => {
    const response = await fetch(`${t.baseUrl}${path}`, session ? authed(session) : {});
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp(engine); // the demo seed imports the hand-made fixtures (no ../shared/data in tests)
    citizen = await login(t.baseUrl, 'cittadino');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are reference data for any authenticated user, never for anonymous callers', async () => {
    const anonymous = await get('/api/v1/occupations/search?q=cuoco', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
    for (const role of ['operatore.firenze', 'azienda']) {
      const session = await login(t.baseUrl, role);
      expect((await get('/api/v1/skills/search?q=java&lang=en', session)).status).toBe(200);
    }
    const ours = t.routes.filter((r) => ROUTES.includes(r.url));
    expect(ours.map((r) => `${r.method} ${r.url}`).sort()).toEqual(ROUTES.map((url) => `GET ${url}`).sort());
    for (const route of ours) expect(route.policy).toEqual({ access: 'authenticated', scope: 'reference', sensitivity: 'none' });
  });

  it('GET /occupations/search: typo-tolerant, with level, path and kind of match', async () => {
    const { status, body } = await get('/api/v1/occupations/search?q=programatore&limit=2');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({ code: '2.1.1.4.1.3', label: 'Analista programmatore', sourceLabel: 'ANALISTA PROGRAMMATORE', level: 6, match: 'stem' }),
      expect.objectContaining({ code: '3.1.2.1.0.1', label: 'Programmatore informatico', level: 6 }),
    ]);
    const first = (body.items as { path: { code: string }[] }[])[0];
    expect(first?.path.map((p) => p.code)).toEqual(['2', '2.1', '2.1.1', '2.1.1.4', '2.1.1.4.1']);
    const units = await get('/api/v1/occupations/search?q=cuochi&minLevel=5');
    expect((units.body.items as { level: number }[]).every((i) => i.level >= 5)).toBe(true);
  });

  it('validates the query with Italian messages', async () => {
    for (const path of [
      '/api/v1/occupations/search',
      '/api/v1/occupations/search?q=cuoco&limit=51',
      '/api/v1/skills/search?q=java&lang=xx',
      '/api/v1/sectors/search?q=',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.type).toContain('application/problem+json');
    }
  });

  it('GET /occupations/{occupationCode}: parents, children, no invented ESCO link; 404 when unknown', async () => {
    const { status, body } = await get('/api/v1/occupations/3.2.1.1.1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: '3.2.1.1.1', level: 5, levelName: 'unità professionale', esco: { occupations: [] } });
    expect((body.children as { code: string }[]).map((c) => c.code)).toEqual(['3.2.1.1.1.0', '3.2.1.1.1.1', '3.2.1.1.1.2', '3.2.1.1.1.3']);
    expect((await get('/api/v1/occupations/9.9.9')).status).toBe(404);
    expect((await get('/api/v1/occupations/abc')).status).toBe(400);
  });

  it('GET /sectors/search and /skills/search (Italian by default when loaded)', async () => {
    const sectors = await get('/api/v1/sectors/search?q=62.01');
    expect((sectors.body.items as { code: string }[]).map((i) => i.code)).toEqual(['62.01', '62.01.00']);
    const skills = await get('/api/v1/skills/search?q=cucinare');
    expect(skills.body).toMatchObject({
      language: 'it',
      items: [expect.objectContaining({ label: 'preparare i cibi', matchedLabel: 'cucinare', match: 'label' })],
    });
  });

  it('GET /esco-occupations/search and /esco-occupations/{id}/skills', async () => {
    const found = await get('/api/v1/esco-occupations/search?q=pastry%20cook&lang=en');
    const [pastry] = found.body.items as { id: string; label: string }[];
    expect(pastry?.label).toBe('pastry maker');
    const skills = await get(`/api/v1/esco-occupations/${pastry?.id}/skills?lang=en`);
    expect(skills.status).toBe(200);
    expect(skills.body).toMatchObject({
      occupation: { id: pastry?.id, code: '7512.3' },
      essential: [expect.objectContaining({ label: 'bake pastries' }), expect.objectContaining({ label: 'prepare food' })],
      optional: [expect.objectContaining({ label: 'food safety and hygiene', skillType: 'knowledge' })],
    });
    expect((await get('/api/v1/esco-occupations/00000000-0000-0000-0000-000000000000/skills')).status).toBe(404);
  });

  it('appear in the OpenAPI document under the Classificazioni tag', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/v1/docs/json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[]; operationId: string }>>;
    };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => /^\/(occupations|sectors|skills|esco-occupations)\//.test(path))
      .map(([path, item]) => `${item.get?.operationId} ${path} ${item.get?.tags.join()}`);
    expect(operations.sort()).toEqual([
      'getOccupation /occupations/{occupationCode} Classificazioni',
      'listEscoOccupationSkills /esco-occupations/{escoOccupationId}/skills Classificazioni',
      'searchEscoOccupations /esco-occupations/search Classificazioni',
      'searchOccupations /occupations/search Classificazioni',
      'searchSectors /sectors/search Classificazioni',
      'searchSkills /skills/search Classificazioni',
    ]);
  });
});
