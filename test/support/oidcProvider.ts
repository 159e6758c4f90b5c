import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestOidcProviderOptions {
  clientId: string;
  clientSecret: string;
  /** Must be exactly the relying party's redirect URI. */
  redirectUri: string;
  /** Released as fiscalNumber "TINIT-<taxCode>". */
  taxCode: string;
  /** Advertise the OIDC `claims` parameter (default false: the tax code then only comes from userinfo). */
  claimsParameter?: boolean;
  /** How long to wait for the process to be ready. Default 20 s. */
  startTimeoutMs?: number;
}

export interface TestOidcProvider {
  /** e.g. http://127.0.0.1:41234 */
  issuer: string;
  /** Release "TINIT-<taxCode>" from now on. */
  setTaxCode(taxCode: string): Promise<void>;
  /** Release this exact fiscalNumber value from now on; null: release none. */
  setFiscalNumber(value: string | null): Promise<void>;
  /** What the process wrote on stderr so far (for failing-test diagnostics). */
  stderr(): string;
  stop(): Promise<void>;
}

const PROCESS_SCRIPT = join(import.meta.dirname, 'oidcProviderProcess.ts');

/** Starts test/support/oidcProviderProcess.ts in a child process and waits until it prints its issuer. */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const { startTimeoutMs = 20_000, ...childOptions } = options;
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', PROCESS_SCRIPT], {
    env: { ...process.env, PONTE_TEST_OIDC: JSON.stringify(childOptions) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const { stdin, stdout, stderr } = child;
  if (!stdin || !stdout || !stderr) throw new Error('spawn senza pipe standard');
  let errorOutput = '';
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => {
    errorOutput += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const acks: Array<() => void> = [];
  let onIssuer: ((issuer: string) => void) | null = null;
  createInterface({ input: stdout }).on('line', (line) => {
    if (line.startsWith('ISSUER ')) onIssuer?.(line.slice('ISSUER '.length).trim());
    else if (line === 'ACK') acks.shift()?.();
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    const issuer = await Promise.race([
      new Promise<string>((resolve) => {
        onIssuer = resolve;
      }),
      exited.then((code) => {
        throw new Error(`Il provider OIDC di prova è terminato (codice ${code}) prima di essere pronto:\n${errorOutput}`);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Il provider OIDC di prova non è pronto dopo ${startTimeoutMs} ms:\n${errorOutput}`)), startTimeoutMs);
      }),
    ]);

    const send = (command: Record<string, unknown>) =>
      new Promise<void>((resolve, reject) => {
        if (child.exitCode !== null) {
          reject(new Error('Il provider OIDC di prova non è più in esecuzione'));
          return;
        }
        acks.push(resolve);
        stdin.write(`${JSON.stringify(command)}\n`);
      });

    return {
      issuer,
      setTaxCode: (taxCode) => send({ fiscalNumber: `TINIT-${taxCode}` }),
      setFiscalNumber: (value) => send({ fiscalNumber: value }),
      stderr: () => errorOutput,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killTimer);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
