/** The file cannot be imported at all (unreadable, wrong header, missing prerequisite): nothing was written. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/**
 * The import was stopped (signal aborted) after a committed batch. The run stays open:
 * running the same import on the same file resumes after `lastLine`.
 */
export class ImportInterruptedError extends Error {
  override name = 'ImportInterruptedError';
  readonly lastLine: number;
  constructor(lastLine: number) {
    super(`Importazione interrotta dopo la riga ${lastLine}: rilanciarla sullo stesso file per riprendere da lì`);
    this.lastLine = lastLine;
  }
}
