/**
 * Joins DogStatsD lines into datagrams of at most `maxBytes`, sent when the next line would not fit
 * and on every `flush()`. O(1) per line: hot-shots' own buffer re-measures the whole buffer on each
 * enqueue (≈ 0.8 µs per call at 8 KiB), which is most of its buffered cost.
 */
export class Batcher {
  private payload = '';
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly send: (payload: string) => void,
  ) {}

  /** `lineBytes` is the UTF-8 length of `line`, which the caller has already checked against `maxBytes`. */
  add(line: string, lineBytes: number): void {
    if (this.bytes === 0) {
      this.payload = line;
      this.bytes = lineBytes;
      return;
    }
    if (this.bytes + 1 + lineBytes > this.maxBytes) {
      this.flush();
      this.payload = line;
      this.bytes = lineBytes;
      return;
    }
    this.payload += `\n${line}`;
    this.bytes += 1 + lineBytes;
  }

  flush(): void {
    if (this.bytes === 0) return;
    const payload = this.payload;
    this.payload = '';
    this.bytes = 0;
    this.send(payload);
  }
}
