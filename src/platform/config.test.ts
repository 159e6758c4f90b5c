import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('embedded default runs in demo mode; PostgreSQL without the flag never does', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({}).database.engine).toBe('pglite');
    const production = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ponte' });
    expect(production.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ponte', PONTE_DEMO: 'true' }).demo).toBe(true);
  });

  it('reports every wrong setting with its own message', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'ottanta', PONTE_DEMO: 'forse', PONTE_OIDC_ISSUER: 'https://idp.example' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of ['DATABASE_URL', 'PORT', 'PONTE_DEMO', 'PONTE_OIDC_CLIENT_ID', 'PONTE_OIDC_CLIENT_SECRET']) expect(problems).toContain(key);
    }
  });

  it('cookies are Secure when the public URL is https', () => {
    expect(loadConfig({ PONTE_PUBLIC_URL: 'https://ponte.arti.toscana.it' }).secureCookies).toBe(true);
    expect(loadConfig({}).secureCookies).toBe(false);
  });
});
