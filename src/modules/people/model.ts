export interface PlaceView {
  municipalityName: string | null;
  address: string | null;
}

export interface PersonView {
  id: string;
  /** In bodies only, never in URLs or logs. */
  taxCode: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  residence?: PlaceView | null;
  domicile?: PlaceView | null;
  jobCentre?: { id: string; name: string } | null;
  email: string | null;
  phone: string | null;
  protected: boolean;
  /** For optimistic concurrency on edits. */
  version: number;
  specialCategory?: { notes: string | null } | null;
  /** Sections the caller may not see: the UI shows them as "Dato riservato". */
  hiddenFields: string[];
}

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  jobCentreName: string | null;
  /** Current employment state. */
  status: string;
  flags: string[];
}
