/** Case-file section: the professional profile (SAP), editable by caseworkers (back office). */
export function ProfileSection(_props: { personId: string }) {
  return null;
}
