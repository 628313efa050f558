type LogUpdate = typeof import('log-update');

/** What the progress line needs of stderr: whether a person watches it, and where to write. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(text: string): boolean;
}

/** Only a person at a terminal reads a progress line: none when stderr is piped or in CI. */
export function wantsProgress(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && !env.CI;
}

/**
 * One line on stderr while a scan is slow (`agent-warden: 1,204 / 6,300 files · 3.1 s`): nothing for the first
 * second, so quick scans print nothing; rewritten in place, at most ten times a second; gone when the scan ends.
 */
export class ScanProgress {
  private readonly started: number;
  private readonly render: ReturnType<LogUpdate['createLogUpdate']>;
  private lastDrawn = 0;
  private shown = false;

  constructor(
    stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    // A terminal that reports no size (0 columns: a pseudo-terminal nobody sized) still gets a line.
    const sized = {
      isTTY: stream.isTTY,
      get columns() {
        return stream.columns || 80;
      },
      get rows() {
        return stream.rows || 24;
      },
      write: (text: string) => stream.write(text),
    };
    // Loaded only for a terminal: its text-width tables cost every other run ~25 ms at start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load; see above
    const { createLogUpdate } = require('log-update') as LogUpdate;
    this.render = createLogUpdate(sized as unknown as NodeJS.WriteStream, { showCursor: true });
  }

  update(done: number, total: number): void {
    const t = this.now();
    if (t - this.started < 1000 || (this.shown && t - this.lastDrawn < 100 && done < total)) return;
    this.lastDrawn = t;
    this.shown = true;
    const n = (x: number) => x.toLocaleString('en-US');
    this.render(`agent-warden: ${n(done)} / ${n(total)} files · ${((t - this.started) / 1000).toFixed(1)} s`);
  }

  done(): void {
    if (this.shown) this.render.clear();
    this.render.done();
  }
}
