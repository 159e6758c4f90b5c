import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/testApp.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ponte-openapi-'));

async function lint(document: unknown): Promise<{ ok: boolean; output: string }> {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document, null, 2));
  try {
    const { stdout } = await run('npx', ['spectral', 'lint', file, '--ruleset', '.spectral.yaml', '--fail-severity=warn'], { cwd: process.cwd() });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    const response = await fetch(`${t.baseUrl}/api/v1/docs/json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Record<string, unknown>;
  });
  afterAll(() => t.close());

  it('passes spectral:oas and the project rules for the Italian guidelines, warnings included', async () => {
    const result = await lint(document);
    expect(result.output).toContain('No results');
    expect(result.ok).toBe(true);
  });

  it('declares the production server on https and GET /status', () => {
    expect((document.servers as { url: string }[])[0]?.url).toMatch(/^https:\/\/.+\/api\/v1$/);
    expect((document.paths as Record<string, unknown>)['/status']).toHaveProperty('get');
  });

  it('lists route-specific problems (x-problems) as problem+json responses', () => {
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    const register = paths['/people']?.post?.responses ?? {};
    expect(Object.keys(register)).toEqual(expect.arrayContaining(['201', '409', '422']));
    expect(register['409']?.content).toHaveProperty(['application/problem+json']);
    expect(paths['/people/{personId}/address']?.patch?.responses).toHaveProperty('409');
    expect(JSON.stringify(document)).not.toContain('x-problems');
  });

  it('the project rules do fail a document that breaks them', async () => {
    const broken = structuredClone(document) as { servers: unknown; paths: Record<string, unknown> };
    broken.servers = [{ url: 'http://ponte.example' }];
    broken.paths['/get-things'] = {
      get: {
        operationId: 'getThings',
        summary: 'x',
        description: 'x',
        tags: ['Stato'],
        security: [],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } },
          '400': { description: 'ko', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    };
    const result = await lint(broken);
    expect(result.ok).toBe(false);
    for (const rule of ['ponte-servers-https', 'ponte-errors-problem-json', 'ponte-rate-limit-headers', 'ponte-paths-no-verbs', 'ponte-integer-format']) {
      expect(result.output).toContain(rule);
    }
  });

  it('the reference page is served', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/docs`, { redirect: 'follow' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
