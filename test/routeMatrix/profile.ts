import { ALL_PEOPLE, allowedOr, type Call, DECLARATION_RECORDERS, PEOPLE, PERSON_READERS, type RouteCases, type Who } from '../support/roleMatrix.ts';

/**
 * Route × role cases of the professional profile (SAP): every route of the module, hand-written expectations per role.
 *
 * Staff routes (/people/:personId/profile…): readers are the person readers (PERSON_READERS) within their scope; editors
 * are the caseworkers (DECLARATION_RECORDERS: operators, managers, the agency) within their scope, and for a protected
 * person only the staff named on it — the agency sees that profile but may not edit it (403). Out of scope: 404.
 * Citizen routes (/me/profile…): the citizen only.
 *
 * Writes either fail after the scope check (stale version → 409, unknown row → 404, unknown occupation → 400) or are
 * harmless real writes (an education title, a tiny CV). Cases run role by role in ROLES order, and within a role in
 * this table's order: the CV upload comes before the CV download, so every person a role may read has a CV by then
 * (A-people from operatore.firenze / responsabile.firenze, B-people from operatore.pisa).
 */

const UNKNOWN_ROW = '00000000-0000-7000-8000-000000000000';
const BOUNDARY = 'ponteRouteMatrix';
const CV_BODY = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${BOUNDARY}--\r\n`;

/** Staff may read k's profile: 200; role not admitted: 403; out of scope: 404. */
function readStatus(who: Who, k: string): number {
  if (who === 'anonymous') return 401;
  if (!PERSON_READERS.includes(who)) return 403;
  return PEOPLE[who].visible.includes(k) ? 200 : 404;
}

/** Staff edit of k's profile: `ok` when allowed; 403 for readers who are not caseworkers and for the agency on a protected person. */
function writeStatus(who: Who, k: string, ok: number): number {
  if (who === 'anonymous') return 401;
  if (!DECLARATION_RECORDERS.includes(who)) return 403;
  if (!PEOPLE[who].visible.includes(k)) return 404;
  return PEOPLE[who].location.includes(k) ? ok : 403;
}

const staff = (path: string) => (k: string, ids: { people: Record<string, string> }) => `/api/v1/people/${ids.people[k]}/profile${path}`;

function eachPerson(
  label: string,
  path: (k: string, ids: { people: Record<string, string> }) => string,
  expected: (who: Who, k: string) => number,
  init?: Call['init'],
): RouteCases {
  return (who, ids) => ALL_PEOPLE.map((k) => ({ label: `${label} ${k}`, expected: expected(who, k), path: path(k, ids), ...(init ? { init } : {}) }));
}

const citizenOnly = (who: Who, ok: number) => allowedOr(who, ['cittadino'], ok);

export const PROFILE_ROUTES: Record<string, RouteCases> = {
  'GET /api/v1/profile/reference': (who) => [{ label: 'reference tables', expected: who === 'anonymous' ? 401 : 200, path: '/api/v1/profile/reference' }],

  // ——— staff ———
  'GET /api/v1/people/:personId/profile': eachPerson('profile of', staff(''), readStatus),
  'PUT /api/v1/people/:personId/profile/skills': eachPerson('skills of (stale version)', staff('/skills'), (w, k) => writeStatus(w, k, 409), {
    method: 'PUT',
    json: { version: 999, skills: [], languages: [] },
  }),
  'PUT /api/v1/people/:personId/profile/licences': eachPerson('licences of (stale version)', staff('/licences'), (w, k) => writeStatus(w, k, 409), {
    method: 'PUT',
    json: { version: 999, drivingLicences: ['B'], digitalSkills: {} },
  }),
  'PUT /api/v1/people/:personId/profile/availability': eachPerson('availability of (stale version)', staff('/availability'), (w, k) => writeStatus(w, k, 409), {
    method: 'PUT',
    json: { version: 999, wantedOccupations: [], wantedContractTypes: [], workingTime: [] },
  }),
  'POST /api/v1/people/:personId/profile/education': eachPerson('add a title to', staff('/education'), (w, k) => writeStatus(w, k, 201), {
    method: 'POST',
    json: { titleCode: 'upper-secondary', completedYear: 2000 },
  }),
  'PUT /api/v1/people/:personId/profile/education/:educationId': eachPerson(
    'unknown title of',
    staff(`/education/${UNKNOWN_ROW}`),
    (w, k) => writeStatus(w, k, 404),
    { method: 'PUT', json: { version: 1, titleCode: 'phd' } },
  ),
  'DELETE /api/v1/people/:personId/profile/education/:educationId': eachPerson(
    'remove unknown title of',
    staff(`/education/${UNKNOWN_ROW}?version=1`),
    (w, k) => writeStatus(w, k, 404),
    { method: 'DELETE' },
  ),
  'POST /api/v1/people/:personId/profile/experiences': eachPerson(
    'experience with unknown occupation for',
    staff('/experiences'),
    (w, k) => writeStatus(w, k, 400),
    {
      method: 'POST',
      json: { employerName: 'Verifica accessi', occupationCode: '9.9.9.9.9', startedOn: '2020-01-01' },
    },
  ),
  'PUT /api/v1/people/:personId/profile/experiences/:experienceId': eachPerson(
    'unknown experience of',
    staff(`/experiences/${UNKNOWN_ROW}`),
    (w, k) => writeStatus(w, k, 404),
    { method: 'PUT', json: { version: 1, employerName: 'Verifica accessi', occupationCode: '5.2.2.1.0', startedOn: '2020-01-01' } },
  ),
  'DELETE /api/v1/people/:personId/profile/experiences/:experienceId': eachPerson(
    'remove unknown experience of',
    staff(`/experiences/${UNKNOWN_ROW}?version=1`),
    (w, k) => writeStatus(w, k, 404),
    { method: 'DELETE' },
  ),
  'PUT /api/v1/people/:personId/profile/cv': eachPerson('upload a CV for', staff('/cv'), (w, k) => writeStatus(w, k, 200), {
    method: 'PUT',
    body: CV_BODY,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  }),
  // The CV locates a person: the agency reads a protected person's profile but not their CV (403).
  'GET /api/v1/people/:personId/profile/cv': eachPerson('CV of', staff('/cv'), (who, k) => {
    const read = readStatus(who, k);
    return read === 200 && !PEOPLE[who].location.includes(k) ? 403 : read;
  }),

  // ——— the citizen's own ———
  'GET /api/v1/me/profile': (who) => [{ label: 'my profile', expected: citizenOnly(who, 200), path: '/api/v1/me/profile' }],
  'PUT /api/v1/me/profile/skills': (who) => [
    {
      label: 'my skills (stale version)',
      expected: citizenOnly(who, 409),
      path: '/api/v1/me/profile/skills',
      init: { method: 'PUT', json: { version: 999, skills: [], languages: [] } },
    },
  ],
  'PUT /api/v1/me/profile/licences': (who) => [
    {
      label: 'my licences (stale version)',
      expected: citizenOnly(who, 409),
      path: '/api/v1/me/profile/licences',
      init: { method: 'PUT', json: { version: 999, drivingLicences: [], digitalSkills: {} } },
    },
  ],
  'PUT /api/v1/me/profile/availability': (who) => [
    {
      label: 'my availability (stale version)',
      expected: citizenOnly(who, 409),
      path: '/api/v1/me/profile/availability',
      init: { method: 'PUT', json: { version: 999, wantedOccupations: [], wantedContractTypes: [], workingTime: [] } },
    },
  ],
  'PUT /api/v1/me/profile/progress': (who) => [
    { label: 'my progress', expected: citizenOnly(who, 200), path: '/api/v1/me/profile/progress', init: { method: 'PUT', json: { step: 'education' } } },
  ],
  'POST /api/v1/me/profile/education': (who) => [
    { label: 'add my title', expected: citizenOnly(who, 201), path: '/api/v1/me/profile/education', init: { method: 'POST', json: { titleCode: 'bachelor' } } },
  ],
  'PUT /api/v1/me/profile/education/:educationId': (who) => [
    {
      label: 'unknown title of mine',
      expected: citizenOnly(who, 404),
      path: `/api/v1/me/profile/education/${UNKNOWN_ROW}`,
      init: { method: 'PUT', json: { version: 1, titleCode: 'phd' } },
    },
  ],
  'DELETE /api/v1/me/profile/education/:educationId': (who) => [
    {
      label: 'remove unknown title of mine',
      expected: citizenOnly(who, 404),
      path: `/api/v1/me/profile/education/${UNKNOWN_ROW}?version=1`,
      init: { method: 'DELETE' },
    },
  ],
  'POST /api/v1/me/profile/experiences': (who) => [
    {
      label: 'my experience with unknown occupation',
      expected: citizenOnly(who, 400),
      path: '/api/v1/me/profile/experiences',
      init: { method: 'POST', json: { employerName: 'Verifica accessi', occupationCode: '9.9.9.9.9', startedOn: '2020-01-01' } },
    },
  ],
  'PUT /api/v1/me/profile/experiences/:experienceId': (who) => [
    {
      label: 'unknown experience of mine',
      expected: citizenOnly(who, 404),
      path: `/api/v1/me/profile/experiences/${UNKNOWN_ROW}`,
      init: { method: 'PUT', json: { version: 1, employerName: 'Verifica accessi', occupationCode: '5.2.2.1.0', startedOn: '2020-01-01' } },
    },
  ],
  'DELETE /api/v1/me/profile/experiences/:experienceId': (who) => [
    {
      label: 'remove unknown experience of mine',
      expected: citizenOnly(who, 404),
      path: `/api/v1/me/profile/experiences/${UNKNOWN_ROW}?version=1`,
      init: { method: 'DELETE' },
    },
  ],
  'PUT /api/v1/me/profile/cv': (who) => [
    {
      label: 'upload my CV',
      expected: citizenOnly(who, 200),
      path: '/api/v1/me/profile/cv',
      init: { method: 'PUT', body: CV_BODY, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } },
    },
  ],
  'GET /api/v1/me/profile/cv': (who) => [{ label: 'my CV', expected: citizenOnly(who, 200), path: '/api/v1/me/profile/cv' }],
};
