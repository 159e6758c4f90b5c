/** Citizen area: the professional profile and availability, completed in steps. */
export function CitizenProfileCard() {
  return null;
}
