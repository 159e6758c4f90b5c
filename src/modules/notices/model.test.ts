/**
 * Notices → status events, written from the rules text (rules reference §1.2 and §11, ANPAL circ. 1/2019):
 * AVV/PRO/TRA/CES, rectification and cancellation, pay from the notice or declared, order of arrival irrelevant.
 * Dates in 2022–2024, where the income limits are configured (2023: 8,173.91 €).
 */
import { describe, expect, it } from 'vitest';
import type { StatusEvent } from '../people/status/events.ts';
import { statusOn } from '../people/status/query.ts';
import { computeTimeline } from '../people/status/timeline.ts';
import { noticeEffect, noticesToEvents, type StoredNotice } from './model.ts';
import { checkNoticeRecord, type NoticeRecord } from './rows.ts';

const EMPLOYER = '05432100481';
let seq = 0;
function notice(o: Partial<StoredNotice> & Pick<StoredNotice, 'eventType' | 'jobStart'>): StoredNotice {
  seq++;
  return {
    id: `id-${seq}`,
    communicationCode: o.communicationCode ?? `C${String(seq).padStart(4, '0')}`,
    previousCode: null,
    communicationType: 'INVIO',
    sentOn: o.jobStart,
    employerTaxCode: EMPLOYER,
    workerTaxCode: 'RSSMRA85D12D612X',
    plannedEnd: null,
    contractType: o.eventType === 'AVV' ? 'A.02.00' : null,
    annualPay: null,
    extensionEnd: null,
    conversionDate: null,
    terminationDate: null,
    supersededBy: null,
    ...o,
  };
}
const did: StatusEvent = { kind: 'declaration', date: '2023-01-10', channel: 'job-centre' };
const timelineOf = (notices: StoredNotice[], declared: number | null = null) => computeTimeline([did, ...noticesToEvents(notices, declared)]);
const on = (notices: StoredNotice[], date: string, declared: number | null = null) => {
  const s = statusOn(timelineOf(notices, declared), date);
  return `${s.state}/${s.ruleId}`;
};

describe('mapping of UNILAV events (§11: AVV hire, PRO extension, TRA conversion, CES termination)', () => {
  it('AVV → jobStart with the notice pay; PRO → jobExtension the day after the previous end; TRA → jobConversion; CES → jobEnd', () => {
    const avv = notice({ eventType: 'AVV', jobStart: '2023-03-01', plannedEnd: '2023-05-31', annualPay: 15000 });
    const pro = notice({ eventType: 'PRO', jobStart: '2023-03-01', extensionEnd: '2023-08-31', sentOn: '2023-05-20', annualPay: 16000 });
    const tra = notice({ eventType: 'TRA', jobStart: '2023-03-01', conversionDate: '2023-07-01', contractType: 'A.01.00' });
    const ces = notice({ eventType: 'CES', jobStart: '2023-03-01', terminationDate: '2023-09-15' });
    const events = noticesToEvents([ces, tra, pro, avv], null);
    const job = `${EMPLOYER}/2023-03-01`;
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'jobStart', id: job, date: '2023-03-01', plannedEnd: '2023-05-31', contractType: 'A.02.00', annualPay: 15000, paySource: 'notice' },
        { kind: 'jobExtension', jobId: job, date: '2023-06-01', newPlannedEnd: '2023-08-31', annualPay: 16000 },
        { kind: 'jobConversion', jobId: job, date: '2023-07-01', contractType: 'A.01.00' },
        { kind: 'jobEnd', jobId: job, date: '2023-09-15' },
      ]),
    );
    expect(events).toHaveLength(4);
  });

  it('a PRO with no known previous end takes effect on its sending date, never before the start', () => {
    const pro = notice({ eventType: 'PRO', jobStart: '2023-03-01', extensionEnd: '2023-08-31', sentOn: '2023-02-20', contractType: 'A.02.00' });
    const events = noticesToEvents([pro], null);
    expect(events.find((e) => e.kind === 'jobExtension')).toMatchObject({ date: '2023-03-01' });
    // The extension proves the job: its hire is taken from the notice (start, contract type).
    expect(events.find((e) => e.kind === 'jobStart')).toMatchObject({ date: '2023-03-01', contractType: 'A.02.00', paySource: 'none' });
  });

  it('pay: from the notice (notice), else the income the person declared (declared), else none', () => {
    const withPay = noticesToEvents([notice({ eventType: 'AVV', jobStart: '2023-03-01', annualPay: 9000 })], 7000)[0];
    expect(withPay).toMatchObject({ annualPay: 9000, paySource: 'notice' });
    const declared = noticesToEvents([notice({ eventType: 'AVV', jobStart: '2023-03-01' })], 7000)[0];
    expect(declared).toMatchObject({ annualPay: 7000, paySource: 'declared' });
    const none = noticesToEvents([notice({ eventType: 'AVV', jobStart: '2023-03-01' })], null)[0];
    expect(none).toMatchObject({ paySource: 'none' });
    expect(none).not.toHaveProperty('annualPay');
  });
});

describe('effect on the state of unemployment (§1.2, §11; ANPAL circ. 1/2019)', () => {
  it('a short hire above the limit suspends the state (art. 19 c.3); its termination restores it the next day', () => {
    const notices = [
      notice({ eventType: 'AVV', jobStart: '2023-03-01', plannedEnd: '2023-06-30', annualPay: 15000 }),
      notice({ eventType: 'CES', jobStart: '2023-03-01', terminationDate: '2023-04-14' }),
    ];
    expect(on(notices, '2023-02-28')).toBe('unemployed/DID_START');
    expect(on(notices, '2023-03-01')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(on(notices, '2023-04-14')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(on(notices, '2023-04-15')).toBe('unemployed/TERMINATION_RESUMES');
  });

  it('a hire within the limit keeps the state (art. 4 c.15-quater DL 4/2019): 8,173.91 € in 2023 is within, 8,173.92 € is not', () => {
    expect(on([notice({ eventType: 'AVV', jobStart: '2023-03-01', annualPay: 8173.91 })], '2023-03-01')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect(on([notice({ eventType: 'AVV', jobStart: '2023-03-01', annualPay: 8173.92 })], '2023-03-01')).toBe('suspended/SUSPEND_UP_TO_180');
  });

  it('a hire above the limit that lasts more than 180 days ends the state on day 181', () => {
    const notices = [notice({ eventType: 'AVV', jobStart: '2023-03-01', contractType: 'A.01.00', annualPay: 20000 })];
    expect(on(notices, '2023-08-27')).toBe('suspended/SUSPEND_UP_TO_180'); // day 180
    expect(on(notices, '2023-08-28')).toBe('lost/LOST_AFTER_180_ABOVE_LIMIT'); // day 181
  });

  it('a traineeship (C.01.00) keeps the state', () => {
    expect(on([notice({ eventType: 'AVV', jobStart: '2023-03-01', contractType: 'C.01.00', annualPay: 9000 })], '2023-03-10')).toBe(
      'unemployed/TRAINEESHIP_KEEPS',
    );
  });

  it('declared income is used when the notice has none, and the decision says so', () => {
    const timeline = timelineOf([notice({ eventType: 'AVV', jobStart: '2023-03-01' })], 6000);
    expect(statusOn(timeline, '2023-03-02')).toMatchObject({ state: 'employed-keeping', paySource: 'declared' });
  });
});

describe('rectification and cancellation (previous communication code), whatever the order of arrival', () => {
  const hire = () => notice({ eventType: 'AVV', jobStart: '2023-03-01', annualPay: 20000, communicationCode: 'A1' });

  it('a RETTIFICA replaces the notice it names', () => {
    const original = { ...hire(), supersededBy: { code: 'R1', type: 'RETTIFICA' as const } };
    const rectification = notice({
      eventType: 'AVV',
      jobStart: '2023-03-01',
      annualPay: 6000,
      communicationCode: 'R1',
      communicationType: 'RETTIFICA',
      previousCode: 'A1',
    });
    expect(noticeEffect(original)).toBe('rectified');
    expect(noticeEffect(rectification)).toBe('effective');
    expect(on([rectification, original], '2023-03-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
  });

  it('an ANNULLAMENTO leaves the notice it names without effect and has none itself', () => {
    const original = { ...hire(), supersededBy: { code: 'X1', type: 'ANNULLAMENTO' as const } };
    const cancellation = notice({ eventType: 'AVV', jobStart: '2023-03-01', communicationCode: 'X1', communicationType: 'ANNULLAMENTO', previousCode: 'A1' });
    expect(noticeEffect(original)).toBe('cancelled');
    expect(noticeEffect(cancellation)).toBe('cancellation');
    expect(noticesToEvents([original, cancellation], null)).toEqual([]);
    expect(on([original, cancellation], '2023-03-10')).toBe('unemployed/DID_START');
  });

  it('any order of the notices gives the same timeline', () => {
    const notices = [
      notice({ eventType: 'AVV', jobStart: '2023-03-01', plannedEnd: '2023-05-31', annualPay: 15000 }),
      notice({ eventType: 'PRO', jobStart: '2023-03-01', extensionEnd: '2023-10-31', sentOn: '2023-05-25' }),
      notice({ eventType: 'AVV', jobStart: '2024-02-01', plannedEnd: '2024-03-31', annualPay: 5000, employerTaxCode: '01987650502' }),
      notice({ eventType: 'CES', jobStart: '2023-03-01', terminationDate: '2023-07-31' }),
    ];
    const reference = timelineOf(notices);
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      expect(timelineOf(order.map((i) => notices[i] as StoredNotice))).toEqual(reference);
    }
  });
});

describe('CSV record check (agreed format)', () => {
  const base: NoticeRecord = {
    codice_comunicazione: 'TOS2023000001',
    codice_comunicazione_precedente: '',
    tipo_comunicazione: 'INVIO',
    tipo_evento: 'AVV',
    data_invio: '28/02/2023',
    cf_datore: '05432100481',
    denominazione_datore: 'Officine Fiorentine S.r.l.',
    ateco_datore: '25.62.00',
    comune_sede_lavoro: '048017',
    cf_lavoratore: 'RSSMRA85D12D612P',
    cognome_lavoratore: 'Rossi',
    nome_lavoratore: 'Mario',
    sesso: 'M',
    data_nascita: '1985-04-12',
    comune_nascita: 'D612',
    cittadinanza: 'IT',
    data_inizio: '2023-03-01',
    data_fine: '2023-06-30',
    tipologia_contrattuale: 'A.02.00',
    ccnl: '',
    qualifica_istat: '2.1.1.4.1',
    tipo_orario: 'F',
    ore_settimanali_medie: '40',
    retribuzione_annua_lorda: '15000,50',
    data_proroga: '',
    data_trasformazione: '',
    codice_trasformazione: '',
    data_cessazione: '',
    codice_causa_cessazione: '',
  };
  const check = (o: Partial<NoticeRecord>) => checkNoticeRecord({ ...base, ...o }, '2026-01-01');

  it('normalises dates and amounts; the same content written differently has the same hash', () => {
    const a = check({});
    const b = check({ data_invio: '2023-02-28', retribuzione_annua_lorda: '15000.50' });
    if (!('row' in a) || !('row' in b)) throw new Error('rejected');
    expect(a.row).toMatchObject({ sentOn: '2023-02-28', annualPay: 15000.5, weeklyHours: 40, workerTaxCode: 'RSSMRA85D12D612P' });
    expect(a.hash).toBe(b.hash);
  });

  it('rejects with an Italian reason naming each problem', () => {
    const r = check({ cf_lavoratore: 'RSSMRA85D12D612X', data_inizio: '31/02/2023', tipo_evento: 'XXX' });
    expect(r).toHaveProperty('reject');
    const reason = (r as { reject: string }).reject;
    expect(reason).toMatch(/cf_lavoratore non valido: Carattere di controllo errato/);
    expect(reason).toMatch(/data_inizio non valida: «31\/02\/2023»/);
    expect(reason).toMatch(/tipo_evento sconosciuto/);
  });

  it('requires what each event needs, and a previous code exactly for RETTIFICA and ANNULLAMENTO', () => {
    expect((check({ tipo_evento: 'PRO' }) as { reject: string }).reject).toMatch(/data_proroga mancante/);
    expect((check({ tipo_evento: 'CES' }) as { reject: string }).reject).toMatch(/data_cessazione mancante/);
    expect((check({ tipo_evento: 'TRA', tipologia_contrattuale: '' }) as { reject: string }).reject).toMatch(
      /data_trasformazione mancante.*tipologia_contrattuale obbligatoria|tipologia_contrattuale obbligatoria.*data_trasformazione mancante/,
    );
    expect((check({ tipo_comunicazione: 'RETTIFICA' }) as { reject: string }).reject).toMatch(/codice_comunicazione_precedente obbligatorio/);
    expect((check({ codice_comunicazione_precedente: 'X1' }) as { reject: string }).reject).toMatch(/ammesso solo con RETTIFICA/);
    expect((check({ data_fine: '2023-02-01' }) as { reject: string }).reject).toMatch(/data_fine 2023-02-01 precedente a data_inizio/);
    expect((check({ data_invio: '2026-01-02' }) as { reject: string }).reject).toMatch(/data_invio nel futuro/);
  });
});
