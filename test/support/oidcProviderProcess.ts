/**
 * A real OpenID provider (panva/oidc-provider) for tests, run as its own process:
 *
 *   PONTE_TEST_OIDC='{"clientId":…,"clientSecret":…,"redirectUri":…,"taxCode":…}' node test/support/oidcProviderProcess.ts
 *
 * It listens on 127.0.0.1 on a free port and prints "ISSUER <url>" when ready. One client, one
 * account ("utente-di-prova") whose `fiscalNumber` claim is "TINIT-<taxCode>", released by the
 * `profile` scope and by a custom `fiscalNumber` scope. Interactions are non-interactive: the
 * login prompt signs the account in, the consent prompt grants whatever is asked.
 *
 * Control on stdin, one JSON object a line, each answered with "ACK":
 *   {"fiscalNumber": "TINIT-…"}  the value released from now on (null: not released at all).
 * Started by test/support/oidcProvider.ts; never use it outside tests.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

interface Options {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  taxCode: string;
  /** Advertise and honour the OIDC `claims` request parameter (the RP then asks for fiscalNumber in the ID token). */
  claimsParameter?: boolean;
}

// oidc-provider ships no type declarations: the small surface used here.
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}
interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
  params: Record<string, unknown> & { client_id: string };
  session?: { accountId?: string };
  grantId?: string;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => Provider;

const ACCOUNT_ID = 'utente-di-prova';

const raw = process.env.PONTE_TEST_OIDC;
if (!raw) {
  process.stderr.write('PONTE_TEST_OIDC mancante: il processo va avviato da test/support/oidcProvider.ts\n');
  process.exit(2);
}
const options = JSON.parse(raw) as Options;
let fiscalNumber: string | null = `TINIT-${options.taxCode}`;

const { default: Provider } = (await import('oidc-provider' as string)) as { default: ProviderConstructor };

let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
const server = createServer((req, res) => {
  if (!handle) {
    res.statusCode = 503;
    res.end();
    return;
  }
  handle(req, res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: [options.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: 'prova', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'fiscalNumber'],
    fiscalNumber: ['fiscalNumber'],
  },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: options.claimsParameter === true },
  },
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx: unknown, sub: string) {
    if (sub !== ACCOUNT_ID) return undefined;
    return {
      accountId: ACCOUNT_ID,
      async claims() {
        return {
          sub: ACCOUNT_ID,
          name: 'Maria Rossi',
          given_name: 'Maria',
          family_name: 'Rossi',
          ...(fiscalNumber === null ? {} : { fiscalNumber }),
        };
      },
    };
  },
});
provider.on('server_error', (_ctx, error) => {
  process.stderr.write(`oidc-provider server_error: ${error instanceof Error ? error.stack : String(error)}\n`);
});

/** The whole "user interface": sign the test account in, then grant what the client asked for. */
async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT_ID } }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'consent') {
    const grant =
      (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({ accountId: details.session?.accountId ?? ACCOUNT_ID, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    return;
  }
  res.statusCode = 501;
  res.end(`prompt non gestito: ${details.prompt.name}`);
}

const callback = provider.callback();
handle = (req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
    interact(req, res).catch((error: unknown) => {
      process.stderr.write(`interazione non riuscita: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
    return;
  }
  callback(req, res);
};

createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line) as { fiscalNumber?: string | null };
  if ('fiscalNumber' in command) fiscalNumber = command.fiscalNumber ?? null;
  process.stdout.write('ACK\n');
});

function shutdown(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.stdin.on('end', shutdown); // the parent went away

process.stdout.write(`ISSUER ${issuer}\n`);
