import { describe, expect, it } from 'vitest';
import { escoLanguageOf } from './importer/esco.ts';
import { escoIdFromUri, escoOccupationUri, labelRows, looksLikeCode, normalizeSearchText, sentenceCase, splitLabels, wordsOf } from './model.ts';
import { compareDottedCodes } from './store.ts';

describe('normalizeSearchText', () => {
  it('lower-cases, drops accents and punctuation, collapses spaces', () => {
    expect(normalizeSearchText("  ATTIVITÀ d'Ufficio  ")).toBe('attivita d ufficio');
    expect(normalizeSearchText("PROFESSIONI QUALIFICATE NELLE ATTIVITA' COMMERCIALI")).toBe('professioni qualificate nelle attivita commerciali');
    expect(normalizeSearchText('pâtissier')).toBe('patissier');
    expect(normalizeSearchText('CAPO DI 1ª CLASSE')).toBe('capo di 1a classe');
    expect(normalizeSearchText('e-commerce / web')).toBe('e commerce web');
    expect(normalizeSearchText('---')).toBe('');
  });
});

describe('sentenceCase', () => {
  it('keeps the first letter, abbreviations and dotted initials upper case', () => {
    expect(sentenceCase('ANALISTA PROGRAMMATORE EDP')).toBe('Analista programmatore EDP');
    expect(sentenceCase("ISPETTORE DELLA BANCA D'ITALIA")).toBe("Ispettore della banca d'Italia");
    expect(sentenceCase('PRODUZIONE DI VINI DA TAVOLA E V.P.Q.R.D.')).toBe('Produzione di vini da tavola e V.P.Q.R.D.');
    expect(sentenceCase('TECNICO DI APPARECCHI DI DIAGNOSTICA COMPUTERIZZATA (TAC, ECOGRAFIA)')).toBe(
      'Tecnico di apparecchi di diagnostica computerizzata (TAC, ecografia)',
    );
    expect(sentenceCase('1° AVIERE CAPO')).toBe('1° Aviere capo');
    expect(sentenceCase('PROFESSIONI  QUALIFICATE NELLE ATTIVITÀ')).toBe('Professioni qualificate nelle attività');
  });
});

describe('ESCO labels', () => {
  it('splits altLabels on line breaks, trimming and dropping repeats', () => {
    expect(splitLabels('chef\r\n line cook \n\nchef\n')).toEqual(['chef', 'line cook']);
    expect(splitLabels('')).toEqual([]);
  });

  it('has one search row per distinct normalised label, the preferred one winning ties', () => {
    expect(labelRows({ preferredLabel: 'Cook', altLabels: ['cook', 'chef'], hiddenLabels: ['chef', 'cokk'] })).toEqual([
      { kind: 'preferred', label: 'Cook', label_norm: 'cook' },
      { kind: 'alternative', label: 'chef', label_norm: 'chef' },
      { kind: 'hidden', label: 'cokk', label_norm: 'cokk' },
    ]);
  });

  it('keeps words of three letters or more, not plain numbers, for the typo vocabulary', () => {
    expect(wordsOf(['cuoco di bordo', 'capo di 1a classe 2011']).sort()).toEqual(['bordo', 'capo', 'classe', 'cuoco']);
  });

  it('uses the UUID ending the URI as the id', () => {
    const uri = 'http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34';
    expect(escoIdFromUri(uri)).toBe('00030d09-2b3a-4efd-87cc-c4ea39d27c34');
    expect(escoOccupationUri(escoIdFromUri(uri))).toBe(uri);
  });

  it('takes the language from the file name or the option, and refuses a mismatch', () => {
    expect(escoLanguageOf('/x/occupations_it.csv', undefined)).toBe('it');
    expect(escoLanguageOf('/x/skills_EN.csv', undefined)).toBe('en');
    expect(escoLanguageOf('/x/occupazioni.csv', 'it')).toBe('it');
    expect(() => escoLanguageOf('/x/occupations_en.csv', 'it')).toThrow(/non corrisponde al nome del file/);
    expect(() => escoLanguageOf('/x/occupazioni.csv', undefined)).toThrow(/Lingua ESCO non indicata/);
    expect(() => escoLanguageOf('/x/occupazioni.csv', 'xx')).toThrow(/non riconosciuta/);
  });
});

describe('codes', () => {
  it('recognises dotted codes typed into a picker', () => {
    for (const code of ['2', '2.1', '2.1.1.4.', '62.01', '62.01.00']) expect(looksLikeCode(code)).toBe(true);
    for (const text of ['cuoco', '2a', 'A', '123']) expect(looksLikeCode(text)).toBe(false);
  });

  it('orders dotted codes numerically', () => {
    expect(['2.1.10', '2.1.2', '2.1', '10', '2.1.2.0'].sort(compareDottedCodes)).toEqual(['2.1', '2.1.2', '2.1.2.0', '2.1.10', '10']);
  });
});
