import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type BuiltApp, buildApp } from '../../src/app.ts';
import { DEMO_PASSWORD, type DemoInfo, seedDemo } from '../../src/demo/seed.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/log.ts';
import { type EngineName, freshDatabase } from './databases.ts';

export interface TestApp extends BuiltApp {
  baseUrl: string;
  database: DatabaseHandle;
  demo: DemoInfo;
  auditHeadsFile: string;
  logLines: string[];
  close(): Promise<void>;
}

/** The real application over a fresh database seeded with demo data (fixture geography), listening on a real port. */
export async function startTestApp(engine: EngineName, env: Record<string, string> = {}, extraRoutes?: Parameters<typeof buildApp>[3]): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-test-'));
  const auditHeadsFile = join(dir, 'audit-heads.jsonl');
  const config = loadConfig({
    PONTE_DEMO: 'true',
    PONTE_AUDIT_HEADS_FILE: auditHeadsFile,
    PORT: '0',
    PONTE_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'info',
    ...env,
  });
  const database = await freshDatabase(engine);
  const demo = await seedDemo(database.db, { sharedDataDir: null, log: () => {} });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const built = await buildApp(config, database, createLogger(config.logLevel, sink), extraRoutes);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...built,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    demo,
    auditHeadsFile,
    logLines,
    close: async () => {
      await built.app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  account: { id: string; role: string; username: string };
}

export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string; account: Session['account'] };
  return { cookie, csrfToken: body.csrfToken, account: body.account };
}

export function authed(session: Session, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  headers.set('x-csrf-token', session.csrfToken);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...init, headers };
}
