/**
 * Rule catalogue of the employment-status timeline. Every period and decision names one of these rules,
 * so the UI can show its title and legal basis. Confidence marks follow ../shared/docs/rules-reference.md:
 * V verified, P partly verified, U unverified. Where the source is ambiguous or unverified the choice is a
 * parameter (STATUS_PARAMETERS) carrying its source: an agency can override it, never silently.
 */
import type { Confidence } from './events.ts';

export type RuleId =
  | 'NOT_REGISTERED'
  | 'DID_START'
  | 'DID_ALREADY_ACTIVE'
  | 'AT_RISK'
  | 'AT_RISK_ENDS'
  | 'KEEP_BELOW_LIMIT'
  | 'SUSPEND_UP_TO_180'
  | 'LOST_AFTER_180_ABOVE_LIMIT'
  | 'LOST_LONG_CONTRACT_ABOVE_LIMIT'
  | 'TRAINEESHIP_KEEPS'
  | 'EXTENSION_REEVALUATES'
  | 'CONVERSION_REEVALUATES'
  | 'TERMINATION_RESUMES'
  | 'REVOCATION'
  | 'SANCTION_LOSS'
  | 'REREGISTRATION_BAN'
  | 'INCOME_LIMIT_MISSING'
  | 'PAY_MISSING'
  | 'EMPLOYED_AT_DECLARATION'
  | 'CONTRACT_TYPE_UNCLASSIFIED';

export interface Parameter<T> {
  value: T;
  source: string;
  confidence: Confidence;
  alternatives?: readonly T[];
}

export type LongContractMode = 'suspend-then-lose' | 'lose-from-start';
export type ConversionMode = 'lose-at-conversion' | 'follow-suspension-clock';
export type MissingPayMode = 'suspend-then-pending' | 'pending';
export type LimitDateMode = 'day' | 'last-job-event';
export type RepeatedDeclarationMode = 'keep-first' | 'restart';

export interface StatusParameters {
  maxSuspensionDays: Parameter<number>;
  longContract: Parameter<LongContractMode>;
  conversionToOpenEnded: Parameter<ConversionMode>;
  missingPay: Parameter<MissingPayMode>;
  limitDate: Parameter<LimitDateMode>;
  plannedEndClosesJob: Parameter<boolean>;
  subordinateContractPrefixes: Parameter<readonly string[]>;
  noEffectContractTypes: Parameter<readonly string[]>;
  openEndedContractTypes: Parameter<readonly string[]>;
  reRegistrationBan: Parameter<{ enabled: boolean; months: number }>;
  repeatedDeclaration: Parameter<RepeatedDeclarationMode>;
}

const CIRC_1_2019 = 'ANPAL circ. n. 1 del 23/7/2019';

export const STATUS_PARAMETERS: StatusParameters = {
  maxSuspensionDays: {
    value: 180,
    source: `${CIRC_1_2019}: sospensione "fino a un massimo di 180 giorni" continuativi, computo in giorni (art. 19 c.3 D.lgs 150/2015 dice "fino a sei mesi")`,
    confidence: 'V',
  },
  longContract: {
    value: 'suspend-then-lose',
    alternatives: ['suspend-then-lose', 'lose-from-start'],
    source:
      `${CIRC_1_2019}: ogni rapporto subordinato, a termine o a tempo indeterminato (apprendistato incluso), sospende lo stato fino a 180 giorni; ` +
      'decorsi i 180 giorni, se il contratto è in corso, decade se la retribuzione prospettica annua supera il limite. ' +
      'Alternativa: lettura letterale dell\'art. 19 c.3 (sospende solo il rapporto "di durata fino a sei mesi"; rif. §11 "contratto più lungo di 6 mesi") → perdita dall\'avviamento.',
    confidence: 'P',
  },
  conversionToOpenEnded: {
    value: 'lose-at-conversion',
    alternatives: ['lose-at-conversion', 'follow-suspension-clock'],
    source:
      'Riferimento §11 TRA [P]: la trasformazione si rivaluta; con reddito sopra il limite lo stato si perde (dalla data della trasformazione). ' +
      `Alternativa: la trasformazione non interrompe la sospensione avviata (${CIRC_1_2019}, 180 giorni dall'inizio del rapporto).`,
    confidence: 'P',
  },
  missingPay: {
    value: 'suspend-then-pending',
    alternatives: ['suspend-then-pending', 'pending'],
    source:
      `Scelta di Ponte [U]: senza retribuzione (né da comunicazione né dichiarata) vale la sospensione automatica all'avvio (${CIRC_1_2019}; art. 19 c.3), ` +
      'che non dipende dal reddito; la conservazione e la decadenza richiedono il reddito, quindi dal 181° giorno la decisione resta in attesa.',
    confidence: 'U',
  },
  limitDate: {
    value: 'day',
    alternatives: ['day', 'last-job-event'],
    source:
      "Scelta di Ponte [U]: il reddito annuo prospettico si confronta con il limite dell'anno solare del giorno valutato (art. 4 c.15-quater DL 4/2019: " +
      "reddito annuo, detrazioni art. 13 TUIR per anno d'imposta). Alternativa (come SIL-ER): limite della data dell'ultimo evento del rapporto.",
    confidence: 'U',
  },
  plannedEndClosesJob: {
    value: true,
    source:
      'Riferimento §11 [U]: un rapporto a termine cessa alla data di fine prevista comunicata (la prosecuzione oltre il termine si comunica come proroga); ' +
      'una cessazione comunicata prevale.',
    confidence: 'U',
  },
  subordinateContractPrefixes: {
    value: ['A.'],
    source: 'Classificazione ministeriale delle tipologie contrattuali (riferimento §11, SIL-ER DeTipoContrattoConstant): A.* lavoro subordinato',
    confidence: 'P',
  },
  noEffectContractTypes: {
    value: ['C.01.00', 'C.02.00', 'LPU'],
    source: `${CIRC_1_2019} (tirocinio extracurricolare e lavori di pubblica utilità non sono lavoro); SIL-ER: C.01.00/C.02.00 lasciano lo stato invariato`,
    confidence: 'V',
  },
  openEndedContractTypes: {
    value: ['A.01.00'],
    source: 'Classificazione ministeriale (riferimento §11): A.01.00 tempo indeterminato',
    confidence: 'V',
  },
  reRegistrationBan: {
    value: { enabled: false, months: 2 },
    source: 'Art. 21 c.10 D.lgs 150/2015 (riferimento §2.1, [U]): dopo la decadenza nessuna nuova registrazione per 2 mesi. Disattivato finché non verificato.',
    confidence: 'U',
  },
  repeatedDeclaration: {
    value: 'keep-first',
    alternatives: ['keep-first', 'restart'],
    source:
      "Scelta di Ponte [U]: una DID (anche la domanda NASpI/DIS-COLL, art. 21 c.1) data mentre un'altra è efficace non sposta la decorrenza dello stato (art. 19 c.1); " +
      "'restart' la tratterebbe come revoca e nuova DID nello stesso giorno.",
    confidence: 'U',
  },
};

export interface Rule {
  id: RuleId;
  title: string;
  legalBasis: string;
  confidence: Confidence;
  /** Names of the STATUS_PARAMETERS this rule depends on. */
  parameters?: readonly (keyof StatusParameters)[];
  note?: string;
}

const r = (rule: Rule): Rule => rule;

export const RULES: Readonly<Record<RuleId, Rule>> = {
  NOT_REGISTERED: r({
    id: 'NOT_REGISTERED',
    title: 'Nessuna dichiarazione di immediata disponibilità',
    legalBasis: 'Art. 19 c.1 D.lgs 150/2015',
    confidence: 'V',
  }),
  DID_START: r({
    id: 'DID_START',
    title: 'Stato di disoccupazione dalla data della DID',
    legalBasis: 'Art. 19 c.1 D.lgs 150/2015; art. 21 c.1 (la domanda NASpI/DIS-COLL vale come DID)',
    confidence: 'V',
  }),
  DID_ALREADY_ACTIVE: r({
    id: 'DID_ALREADY_ACTIVE',
    title: 'DID già attiva: la nuova dichiarazione non cambia la decorrenza',
    legalBasis: 'Art. 19 c.1 D.lgs 150/2015',
    confidence: 'U',
    parameters: ['repeatedDeclaration'],
  }),
  AT_RISK: r({
    id: 'AT_RISK',
    title: 'A rischio di disoccupazione: DID durante il preavviso di licenziamento',
    legalBasis: 'Art. 19 c.4 D.lgs 150/2015 (numero del comma [U])',
    confidence: 'P',
    note: 'Nel periodo di preavviso il rapporto in corso alla data della DID non è valutato.',
  }),
  AT_RISK_ENDS: r({
    id: 'AT_RISK_ENDS',
    title: 'Fine del preavviso: disoccupato senza nuova DID',
    legalBasis: 'Art. 19 c.4 D.lgs 150/2015 (numero del comma [U])',
    confidence: 'P',
  }),
  KEEP_BELOW_LIMIT: r({
    id: 'KEEP_BELOW_LIMIT',
    title: 'Lavoro con reddito entro il limite: stato di disoccupazione conservato',
    legalBasis: `Art. 4 c.15-quater DL 4/2019 (conv. L. 26/2019); ${CIRC_1_2019}`,
    confidence: 'V',
    parameters: ['limitDate'],
    note: 'Retribuzione annua prospettica pari o inferiore al limite; più rapporti contemporanei: retribuzioni sommate.',
  }),
  SUSPEND_UP_TO_180: r({
    id: 'SUSPEND_UP_TO_180',
    title: 'Lavoro subordinato sopra il limite: stato sospeso fino a 180 giorni',
    legalBasis: `Art. 19 c.3 D.lgs 150/2015; ${CIRC_1_2019}`,
    confidence: 'V',
    parameters: ['maxSuspensionDays', 'missingPay'],
    note: 'Il giorno di avvio è il 1° giorno; il giorno iniziale e quello finale del rapporto sono giorni di sospensione.',
  }),
  LOST_AFTER_180_ABOVE_LIMIT: r({
    id: 'LOST_AFTER_180_ABOVE_LIMIT',
    title: 'Rapporto in corso dopo 180 giorni con reddito sopra il limite: stato perso',
    legalBasis: `${CIRC_1_2019}; art. 19 c.3 D.lgs 150/2015`,
    confidence: 'V',
    parameters: ['maxSuspensionDays'],
    note:
      "Si perde il 181° giorno dall'avvio se il rapporto è in corso e la retribuzione prospettica (sommata ai rapporti contemporanei) supera il limite. " +
      'Scelta di Ponte [U] per i rapporti contemporanei: basta un rapporto in corso da oltre 180 giorni nel giorno in cui la somma supera il limite.',
  }),
  LOST_LONG_CONTRACT_ABOVE_LIMIT: r({
    id: 'LOST_LONG_CONTRACT_ABOVE_LIMIT',
    title: "Contratto di durata prevista oltre 180 giorni con reddito sopra il limite: stato perso dall'avvio",
    legalBasis: 'Art. 19 c.3 D.lgs 150/2015 (lettura letterale: sospende solo il rapporto fino a sei mesi); riferimento §11',
    confidence: 'U',
    parameters: ['longContract', 'maxSuspensionDays'],
    note: "Applicata solo con longContract = 'lose-from-start'; di default vale la circolare ANPAL (sospensione, poi perdita al 181° giorno).",
  }),
  TRAINEESHIP_KEEPS: r({
    id: 'TRAINEESHIP_KEEPS',
    title: 'Tirocinio o lavoro di pubblica utilità: stato invariato',
    legalBasis: `${CIRC_1_2019}; codici C.01.00/C.02.00 (SIL-ER)`,
    confidence: 'V',
    parameters: ['noEffectContractTypes'],
  }),
  EXTENSION_REEVALUATES: r({
    id: 'EXTENSION_REEVALUATES',
    title: 'Proroga: durata e reddito rivalutati',
    legalBasis: `${CIRC_1_2019}; riferimento §11 (PRO, SIL-ER)`,
    confidence: 'V',
  }),
  CONVERSION_REEVALUATES: r({
    id: 'CONVERSION_REEVALUATES',
    title: 'Trasformazione: rivalutazione; a tempo indeterminato con reddito sopra il limite lo stato si perde',
    legalBasis: `Riferimento §11 (TRA); ${CIRC_1_2019}`,
    confidence: 'P',
    parameters: ['conversionToOpenEnded', 'openEndedContractTypes'],
  }),
  TERMINATION_RESUMES: r({
    id: 'TERMINATION_RESUMES',
    title: 'Cessazione del rapporto: disoccupato dal giorno dopo, senza nuova DID',
    legalBasis: `Art. 19 c.3 D.lgs 150/2015; ${CIRC_1_2019} (giorno iniziale e finale del rapporto sono di sospensione)`,
    confidence: 'P',
    parameters: ['plannedEndClosesJob'],
  }),
  REVOCATION: r({
    id: 'REVOCATION',
    title: 'Revoca della DID: stato perso dal giorno della revoca',
    legalBasis: `Art. 19 c.1 D.lgs 150/2015 (lo stato richiede la DID); ${CIRC_1_2019} (durata fino al giorno antecedente la revoca)`,
    confidence: 'P',
    note: 'Riferimento §1.2 [U] "loss also follows revocation"; il conteggio fino al giorno prima della revoca è della circolare (fonti secondarie).',
  }),
  SANCTION_LOSS: r({
    id: 'SANCTION_LOSS',
    title: 'Decadenza dallo stato di disoccupazione per sanzione',
    legalBasis: 'Art. 21 c.7 D.lgs 150/2015',
    confidence: 'V',
    parameters: ['reRegistrationBan'],
  }),
  REREGISTRATION_BAN: r({
    id: 'REREGISTRATION_BAN',
    title: 'DID non efficace: divieto di nuova registrazione dopo la decadenza',
    legalBasis: 'Art. 21 c.10 D.lgs 150/2015',
    confidence: 'U',
    parameters: ['reRegistrationBan'],
  }),
  INCOME_LIMIT_MISSING: r({
    id: 'INCOME_LIMIT_MISSING',
    title: "In attesa: limite di reddito dell'anno non configurato",
    legalBasis: 'Art. 4 c.15-quater DL 4/2019 (limite annuale); regola di Ponte: i limiti non si estrapolano',
    confidence: 'V',
  }),
  PAY_MISSING: r({
    id: 'PAY_MISSING',
    title: 'In attesa: retribuzione non disponibile (né da comunicazione né dichiarata)',
    legalBasis: `Art. 4 c.15-quater DL 4/2019; ${CIRC_1_2019}`,
    confidence: 'U',
    parameters: ['missingPay'],
  }),
  EMPLOYED_AT_DECLARATION: r({
    id: 'EMPLOYED_AT_DECLARATION',
    title: 'In attesa: alla DID risulta un rapporto in corso con reddito sopra il limite',
    legalBasis: `Art. 19 c.1 D.lgs 150/2015 ("privi di impiego"); ${CIRC_1_2019} (DID in costanza di rapporto solo entro il limite)`,
    confidence: 'P',
    note: 'Da verificare: cessazione non comunicata o DID non efficace. Si risolve quando arriva la cessazione.',
  }),
  CONTRACT_TYPE_UNCLASSIFIED: r({
    id: 'CONTRACT_TYPE_UNCLASSIFIED',
    title: 'In attesa: tipologia contrattuale senza regola configurata',
    legalBasis: 'Riferimento §11 (tipologie contrattuali); regola di Ponte',
    confidence: 'U',
    parameters: ['subordinateContractPrefixes', 'noEffectContractTypes'],
    note: 'Per esempio co.co.co. (B.*) e lavoro autonomo: effetto da verificare prima di configurarlo.',
  }),
};

export function ruleById(id: string): Rule | undefined {
  return (RULES as Record<string, Rule>)[id];
}

export function legalBasisOf(id: RuleId): string {
  return RULES[id].legalBasis;
}

/** Parameters with overrides applied; an override must bring its own source. */
export function resolveParameters(overrides: Partial<StatusParameters> = {}): StatusParameters {
  return { ...STATUS_PARAMETERS, ...overrides };
}

export type ContractClass = 'subordinate' | 'no-effect' | 'unclassified';

export function classifyContract(contractType: string, params: StatusParameters): ContractClass {
  if (params.noEffectContractTypes.value.includes(contractType)) return 'no-effect';
  if (params.subordinateContractPrefixes.value.some((p) => contractType.startsWith(p))) return 'subordinate';
  return 'unclassified';
}
