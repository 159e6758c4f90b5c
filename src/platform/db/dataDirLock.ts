import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `La cartella dati ${dir} è già in uso dal processo ${pid} (un server Ponte già avviato?). ` +
        'Un solo processo può aprire il database incorporato: fermate quel processo, oppure usate i comandi ' +
        'attraverso il server in esecuzione. / The data folder is in use by another process.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes an exclusive lock on a PGlite data folder; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'ponte.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(pid) && alive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(file, { force: true }); // stale lock left by a process that died
    }
  }
  throw new Error(`Impossibile acquisire il lock su ${dir}`);
}
