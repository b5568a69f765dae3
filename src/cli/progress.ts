// A progress line on standard error for long batch runs, only when stderr is a terminal: it
// appears after `delayMs` (short runs never flicker), is redrawn at most every `intervalMs`, is
// cleared before an error line is printed (and redrawn after it), and is erased at the end.
// Nothing of it ever goes to standard output.

export interface ProgressOptions {
  /** Number of articles, when known (files); unknown for JSON Lines on stdin. */
  total?: number;
  /** Terminal width; the line never reaches the last column (no wrap). */
  columns?: number;
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

const CLEAR = '\r\x1b[K';

export class Progress {
  private done = 0;
  private failed = 0;
  private shown = false;
  private lastDraw = -Infinity;
  private readonly started: number;
  private readonly now: () => number;

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  /** One more article done (`ok` false: it could not be annotated). */
  tick(ok = true): void {
    this.done++;
    if (!ok) this.failed++;
    const t = this.now();
    if (t - this.started < (this.options.delayMs ?? 1000)) return;
    if (this.shown && t - this.lastDraw < (this.options.intervalMs ?? 100)) return;
    this.draw(t);
  }

  /** Writes a whole line (an error) without mixing it into the bar. */
  print(line: string): void {
    if (!this.shown) {
      this.write(line);
      return;
    }
    this.write(CLEAR + line);
    this.draw(this.now());
  }

  /** Erases the bar; the terminal is left as if it had never been there. */
  finish(): void {
    if (this.shown) this.write(CLEAR);
    this.shown = false;
  }

  /** The text of the bar at time `t` (no control characters), fitted to the terminal. */
  line(t: number): string {
    const seconds = Math.max((t - this.started) / 1000, 1e-3);
    const rate = this.done / seconds;
    const parts: string[] = [];
    const total = this.options.total;
    const failed = this.failed > 0 ? ` · ${this.failed} failed` : '';
    const width = Math.max((this.options.columns ?? 80) - 1, 20);
    if (total !== undefined && total > 0) {
      const fraction = Math.min(this.done / total, 1);
      const left = rate > 0 ? Math.ceil((total - this.done) / rate) : undefined;
      const count = `${this.done}/${total}`;
      const tail = ` ${Math.floor(fraction * 100)}% · ${rate.toFixed(1)} articles/s${left === undefined ? '' : ` · ${formatSeconds(left)} left`}${failed}`;
      const barWidth = Math.min(30, width - count.length - tail.length - 3);
      if (barWidth >= 5) {
        const full = Math.round(fraction * barWidth);
        parts.push(`${count} [${'#'.repeat(full)}${'.'.repeat(barWidth - full)}]${tail}`);
      } else {
        parts.push(count + tail);
      }
    } else {
      parts.push(`${this.done} articles · ${rate.toFixed(1)} articles/s${failed}`);
    }
    return parts.join('').slice(0, width);
  }

  private draw(t: number): void {
    this.write(CLEAR + this.line(t));
    this.shown = true;
    this.lastDraw = t;
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
