/** Citizen area: download of one's own data (JSON and PDF). */
export function MyDataDownload() {
  return null;
}
