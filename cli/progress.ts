/** Progress bars on stderr, shown only for large inputs on a terminal (never in pipes, logs or CI). */
export const PROGRESS_MIN_ROWS = 50_000;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/**
 * One bar per phase (reading, computing, writing), each on its own line and redrawn in place as its phase moves,
 * on a terminal only, for inputs large enough to wait for.
 */
export class PhaseProgress {
  private readonly on: boolean;
  private readonly drawn: string[] = [];
  constructor(private readonly stream: ProgressStream, rows: number, private readonly phases: readonly string[]) {
    this.on = Boolean(stream.isTTY) && rows > PROGRESS_MIN_ROWS;
  }

  /** Moves phase `phase`'s bar to `done` of `total`, with a few words of detail after it. */
  update(phase: number, done: number, total: number, detail = ""): void {
    if (!this.on) return;
    const name = this.phases[phase].padEnd(Math.max(...this.phases.map((p) => p.length)));
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - name.length - detail.length - 12));
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    const line = `${name} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${detail}`;
    if (this.drawn[phase] === line) return;
    let out = "";
    while (this.drawn.length <= phase) {
      if (this.drawn.length > 0) out += "\n";
      this.drawn.push("");
    }
    const up = this.drawn.length - 1 - phase;
    out += `${up ? `\x1b[${up}A` : ""}\r${line}\x1b[K${up ? `\x1b[${up}B` : ""}`;
    this.drawn[phase] = line;
    this.stream.write(out);
  }

  /**
   * Runs `print` (lines written to the same stream, ending in a newline) above the bars: they are cleared, the
   * lines go where they stood, and the bars are drawn again under them, so text never lands after a bar on its line.
   */
  above(print: () => void): void {
    if (!this.on || this.drawn.length === 0) return print();
    const up = this.drawn.length - 1;
    this.stream.write(`${up ? `\x1b[${up}A` : ""}\r\x1b[J`);
    print();
    this.stream.write(this.drawn.map((line) => `\r${line}\x1b[K`).join("\n"));
  }

  done(): void {
    if (this.on && this.drawn.length) this.stream.write("\n");
  }
}
