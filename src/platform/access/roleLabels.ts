import type { Role } from './actor.ts';

export const ROLE_LABELS_IT: Record<Role, string> = {
  citizen: 'Cittadino',
  employer: 'Azienda',
  operator: "Operatore del Centro per l'Impiego",
  manager: "Responsabile del Centro per l'Impiego",
  specialist: 'Funzionario specialista',
  provider: 'Ente accreditato',
  social_worker: 'Assistente sociale',
  agency_admin: 'Amministratore ARTI',
  auditor: 'Revisore / DPO',
};
