import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../src/modules/organisation/index.ts';

const CLI = join(import.meta.dirname, '../src/cli/ponte.ts');

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, CI: '' }, encoding: 'utf8', timeout: 120_000 });
}

describe('command line on the embedded database', () => {
  it('imports the official ISTAT format with progress and a per-row report, then verifies the audit trail', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ponte-cli-')), 'data');
    const env = { PONTE_DATA_DIR: dataDir };
    const first = cli(['import', 'municipalities', join(FIXTURE_DIR, 'comuni_with_errors.csv')], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Importazione: 100%/);
    expect(first.stdout).toMatch(/riga \d+: /);
    const again = cli(['import', 'municipalities', join(FIXTURE_DIR, 'comuni_with_errors.csv')], env);
    expect(again.stdout).toContain('già importato');
    const verify = cli(['audit', 'verify'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Integro');
  });

  it('refuses to open a data folder another process holds, with a clear message', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ponte-lock-')), 'data');
    // A server-like holder: opens the database and waits.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { openDatabase } from ${JSON.stringify(join(import.meta.dirname, '../src/platform/db/database.ts'))};
         await openDatabase({ engine: 'pglite', dataDir: ${JSON.stringify(dataDir)} }); console.log('PRONTO'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk) => String(chunk).includes('PRONTO') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const refused = cli(['migrate'], { PONTE_DATA_DIR: dataDir });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/già in uso dal processo \d+/);
    } finally {
      if (holder.exitCode === null && holder.signalCode === null) {
        const exited = new Promise((r) => holder.once('exit', r));
        holder.kill('SIGKILL');
        await exited; // reaped: its pid no longer exists
      }
    }
    // A lock left by a killed process is stale and does not block the next start.
    const after = cli(['migrate'], { PONTE_DATA_DIR: dataDir });
    expect(after.status, after.stderr).toBe(0);
  });
});
