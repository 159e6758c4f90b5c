/** Case-file section: the person's UNILAV employment notices (back office). */
export function NoticesSection(_props: { personId: string }) {
  return null;
}
