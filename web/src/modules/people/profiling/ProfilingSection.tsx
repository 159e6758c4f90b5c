/** Case-file section: official profiling index and the local estimate (back office). */
export function ProfilingSection(_props: { personId: string }) {
  return null;
}
