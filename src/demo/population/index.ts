/**
 * Synthetic population for demos, tests and benchmarks: a seeded, deterministic generator of people, professional
 * profiles and UNILAV notices (generate.ts), writers (write.ts), and a bulk seeding loader (load.ts).
 */
export {
  NOTICE_COLUMNS,
  type NoticeColumn,
  type NoticeRow,
  PEOPLE_COLUMNS,
  type PersonRecord,
  type ProfileRecord,
} from './formats.ts';
export { DEFAULT_CONTRACT_MIX, generatePopulation, PopulationGenerator, type PopulationItem, type PopulationOptions } from './generate.ts';
export { type LoadOptions, type LoadRejection, type LoadSummary, loadPopulation } from './load.ts';
export { loadReferenceData, type ReferenceData } from './reference.ts';
export { NOTICES_FILE, PEOPLE_FILE, PROFILES_FILE, type WriteOptions, type WriteSummary, writePopulation } from './write.ts';
