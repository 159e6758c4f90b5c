export interface Site {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  municipalityName: string;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
  version: number;
}

export interface JobCentre {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  municipalityIstatCode: string;
  municipalityName: string;
  address: string | null;
  email: string | null;
  sites: Site[];
}

export interface Province {
  code: string;
  name: string;
  jobCentreCount: number;
  municipalityCount: number;
}

export interface MunicipalityPoint {
  istatCode: string;
  name: string;
  provinceCode: string;
  latitude: number | null;
  longitude: number | null;
  jobCentreId: string | null;
}
