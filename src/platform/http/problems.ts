/**
 * The error catalogue. Every API error is application/problem+json (RFC 9457) with a stable
 * `type` and an Italian `title` and `detail`; validation errors list each field.
 */
export const PROBLEM_BASE = 'https://ponte.regione.toscana.it/problemi/';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class Problem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new Problem(400, 'richiesta-non-valida', 'Richiesta non valida', 'Alcuni dati inviati non sono validi: correggete i campi indicati.', { errors }),
  badRequest: (detail: string) => new Problem(400, 'richiesta-non-valida', 'Richiesta non valida', detail),
  unauthenticated: (detail = 'Per questa operazione è necessario accedere.') => new Problem(401, 'accesso-richiesto', 'Accesso richiesto', detail),
  invalidCredentials: () => new Problem(401, 'credenziali-non-valide', 'Credenziali non valide', 'Nome utente o password non corretti.'),
  csrf: () =>
    new Problem(
      403,
      'token-csrf-non-valido',
      'Richiesta non autorizzata',
      'Il token di sicurezza della sessione manca o non è valido: ricaricate la pagina e riprovate.',
    ),
  forbidden: (detail = 'Il vostro ruolo non consente questa operazione.') => new Problem(403, 'operazione-non-consentita', 'Operazione non consentita', detail),
  notFound: (detail = 'La risorsa richiesta non esiste o non è visibile con il vostro profilo.') =>
    new Problem(404, 'risorsa-non-trovata', 'Risorsa non trovata', detail),
  routeNotFound: (method: string, url: string) =>
    new Problem(404, 'percorso-non-trovato', 'Percorso non trovato', `Nessuna operazione ${method} risponde all'indirizzo ${url}.`),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new Problem(405, 'metodo-non-consentito', 'Metodo non consentito', `Il metodo ${method} non è consentito qui. Metodi ammessi: ${allowed.join(', ')}.`, {
      headers: { Allow: allowed.join(', ') },
    }),
  versionConflict: (currentVersion: number, changedFields: string[]) =>
    new Problem(
      409,
      'conflitto-di-versione',
      'Dati modificati nel frattempo',
      `Il record è stato modificato da un'altra persona (versione attuale ${currentVersion}). Ricaricate i dati e riapplicate le vostre modifiche.`,
      {
        extra: { currentVersion, changedFields },
      },
    ),
  conflict: (detail: string) => new Problem(409, 'conflitto', 'Conflitto', detail),
  payloadTooLarge: (limitBytes: number) =>
    new Problem(
      413,
      'richiesta-troppo-grande',
      'Richiesta troppo grande',
      `Il corpo della richiesta supera il limite di ${Math.round(limitBytes / 1024)} KiB.`,
    ),
  unsupportedMediaType: (contentType: string) =>
    new Problem(415, 'formato-non-supportato', 'Formato non supportato', `Il formato ${contentType || '(assente)'} non è accettato: inviate application/json.`),
  fileTooLarge: (limitBytes: number) =>
    new Problem(
      413,
      'file-troppo-grande',
      'File troppo grande',
      `Il file supera il limite di ${(limitBytes / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 })} MB.`,
      { extra: { limitBytes } },
    ),
  /** A file that cannot be imported at all (empty, unreadable, header without the required columns): nothing was written. */
  fileNotImportable: (detail: string) => new Problem(422, 'file-non-importabile', 'File non importabile', detail),
  unsupportedFileType: (accepted: string) =>
    new Problem(415, 'tipo-di-file-non-ammesso', 'Tipo di file non ammesso', `Il file inviato non è del tipo ammesso: è accettato solo ${accepted}.`),
  locked: (until: Date) =>
    new Problem(
      423,
      'account-bloccato',
      'Account temporaneamente bloccato',
      `Troppi tentativi di accesso non riusciti. Riprovate dopo le ${until.toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' })}.`,
      {
        headers: { 'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
      },
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new Problem(429, 'troppe-richieste', 'Troppe richieste', `Avete superato il numero di richieste consentite. Riprovate tra ${retryAfterSeconds} secondi.`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  internal: () =>
    new Problem(
      500,
      'errore-interno',
      'Errore interno',
      "Si è verificato un errore imprevisto. L'errore è stato registrato: riprovate più tardi o contattate l'assistenza indicando l'identificativo della richiesta.",
    ),
  unavailable: (detail = 'Il servizio non è al momento disponibile.') =>
    new Problem(503, 'servizio-non-disponibile', 'Servizio non disponibile', detail, { headers: { 'Retry-After': '30' } }),
};
