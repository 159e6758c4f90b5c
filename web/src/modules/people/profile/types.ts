/** The professional profile (SAP) as the API answers it (src/modules/people/profile/routes.ts). */

export interface EducationRow {
  id: string;
  titleCode: string;
  title: string;
  eqfLevel: number | null;
  iscedLevel: number | null;
  levelConfidence: string;
  fieldOfStudy: string | null;
  institution: string | null;
  completedYear: number | null;
  country: string | null;
  version: number;
}

export interface ExperienceRow {
  id: string;
  employerName: string | null;
  employerTaxCode: string | null;
  occupationCode: string;
  occupationLabel: string | null;
  sectorCode: string | null;
  sectorLabel: string | null;
  startedOn: string;
  endedOn: string | null;
  contractType: string | null;
  description: string | null;
  version: number;
}

export type StepName = 'education' | 'experiences' | 'skills' | 'licences' | 'availability' | 'cv';
export const STEPS: readonly StepName[] = ['education', 'experiences', 'skills', 'licences', 'availability', 'cv'];

export interface Profile {
  personId: string;
  version: number;
  updatedAt: string | null;
  completedSteps: string[];
  completion: { percent: number; steps: Record<StepName, boolean>; nextStep: StepName | null };
  education: EducationRow[];
  experiences: ExperienceRow[];
  skills: { id: string; uri: string; label: string }[];
  languages: { language: string; motherTongue: boolean; level: string | null }[];
  drivingLicences: string[];
  digitalSkills: Record<string, number>;
  availability: {
    wantedOccupations: { code: string; label: string | null }[];
    wantedContractTypes: string[];
    workingTime: string[];
    maxDistanceKm: number | null;
    ownVehicle: boolean | null;
    availableFrom: string | null;
    notes: string | null;
  };
  cv: { id: string; fileName: string; sizeBytes: number; sha256: string; uploadedAt: string } | null;
  hiddenFields: string[];
}

export interface ProfileReference {
  educationTitles: {
    source: string;
    items: { code: string; label: string; labelEn: string; eqfLevel: number | null; iscedLevel: number; confidence: string }[];
  };
  cefrLevels: { source: string; items: string[] };
  languages: string[];
  drivingLicences: { source: string; items: string[] };
  digitalSkillAreas: { source: string; items: { code: string; number: number; label: string; labelEn: string }[] };
  contractTypes: { code: string; label: string; labelEn: string; confidence: string }[];
  workingTimes: string[];
  steps: string[];
  cvMaxBytes: number;
}

/** The extension members of a 409 from the profile API. */
export interface ConflictInfo {
  currentVersion: number | null;
  changedFields: string[];
  changedBy: { name: string | null; role: string | null; at: string }[];
}
