/** A progress bar on stderr, shown only for large inputs on a terminal (never in pipes, logs or CI). */
export const PROGRESS_MIN_ROWS = 50_000;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class Progress {
  private readonly on: boolean;
  private last = "";
  constructor(private readonly stream: ProgressStream, rows: number, private readonly total: number) {
    this.on = Boolean(stream.isTTY) && rows > PROGRESS_MIN_ROWS;
  }
  step(done: number, label: string): void {
    if (!this.on) return;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - label.length - 20));
    const filled = Math.round((done / this.total) * width);
    const line = `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round((done / this.total) * 100)).padStart(3)}% ${label}`;
    if (line !== this.last) this.stream.write(line);
    this.last = line;
  }
  done(): void {
    if (this.on && this.last) this.stream.write("\n");
  }
}
