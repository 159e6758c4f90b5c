import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** Plain function (safe to pass as a callback). A new `step` ends the previous one and starts its own bar. */
  update: (done: number, total: number, step?: string) => void;
  stop: () => void;
}

export interface ProgressReporterOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Default: whether the stream is a terminal. */
  tty?: boolean;
}

interface Step {
  title: string;
  bar: cliProgress.SingleBar | null;
  lastTenth: number;
}

/**
 * Progress of a long command: a bar on a terminal; elsewhere (CI, logs, pipes) one line
 * every 10 %, so the output stays readable.
 */
export function progressReporter(label: string, options: ProgressReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stdout;
  const tty = options.tty ?? stream.isTTY === true;
  let current: Step | null = null;
  let currentKey: string | null = null;

  const finish = () => {
    current?.bar?.stop();
    current = null;
    currentKey = null;
  };

  const start = (step: string, done: number, total: number): Step => {
    const title = step ? `${label} — ${step}` : label;
    const bar = tty
      ? new cliProgress.SingleBar({ format: `${title} [{bar}] {percentage}% | {value}/{total}`, stream, hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(total, done);
    return { title, bar, lastTenth: -1 };
  };

  const update = (done: number, total: number, step = '') => {
    if (current === null || currentKey !== step) {
      finish();
      current = start(step, done, total);
      currentKey = step;
    }
    if (current.bar) {
      current.bar.setTotal(total);
      current.bar.update(done);
      return;
    }
    const tenth = total > 0 ? Math.min(10, Math.floor((done * 10) / total)) : 10;
    if (tenth > current.lastTenth) {
      current.lastTenth = tenth;
      stream.write(`${current.title}: ${tenth * 10}% (${done}/${total})\n`);
    }
  };

  return { update, stop: finish };
}
