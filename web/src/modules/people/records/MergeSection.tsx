/** Case-file section: merge a duplicate record into this one, and revert a merge (back office). */
export function MergeSection(_props: { personId: string }) {
  return null;
}
