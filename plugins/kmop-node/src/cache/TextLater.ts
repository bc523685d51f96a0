/** What {@link TextLater} keeps of one object: its fields, then their text. */
export interface Held {
  /** The fields as parsed, from the object's arrival until they are written as text. */
  fields?: unknown;
  /** The fields as JSON text: about half the heap of the parsed fields (issue #17). */
  json?: string;
}

/** Options of {@link TextLater}. */
export interface TextLaterOptions {
  /** Write once no object has come for this long; default 1 s. */
  quietMs?: number;
  /** Write at the latest this long after the first waiting object; default 10 s. */
  latestMs?: number;
  /** Objects written per turn of the event loop; default 2,000. */
  perTurn?: number;
}

/**
 * Turns the fields a cache holds of each object into JSON text, once the objects stop
 * coming rather than as each arrives: writing the text was a fifth of the CPU of a cold
 * sync's indexing, and a first list is what every view waits for. Until then the parsed
 * fields are held (more heap for a few seconds); the text is written a slice per turn of
 * the event loop, so requests are served between slices.
 */
export class TextLater {
  private readonly quietMs: number;
  private readonly latestMs: number;
  private readonly perTurn: number;
  private readonly waiting = new Set<Held>();
  private firstAt?: number;
  private lastAt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private turn?: ReturnType<typeof setImmediate>;

  constructor(options: TextLaterOptions = {}) {
    this.quietMs = options.quietMs ?? 1_000;
    this.latestMs = options.latestMs ?? 10_000;
    this.perTurn = options.perTurn ?? 2_000;
  }

  /** Objects whose fields are not text yet. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Holds `fields` for `held`, to be written as text later. */
  hold(held: Held, fields: unknown): void {
    held.fields = fields;
    held.json = undefined;
    this.waiting.add(held);
    this.lastAt = Date.now();
    this.firstAt ??= this.lastAt;
    if (!this.timer && !this.turn) this.arm(this.quietMs);
  }

  /** The fields, parsed again from the text if written; and forgets them. */
  take(held: Held): unknown {
    const fields = held.fields ?? JSON.parse(held.json ?? '{}');
    this.forget(held);
    return fields;
  }

  /** Forgets what is held for `held` (its object was removed or replaced). */
  forget(held: Held): void {
    held.fields = undefined;
    held.json = undefined;
    this.waiting.delete(held);
  }

  /** Stops writing; what is waiting stays parsed. */
  stop(): void {
    clearTimeout(this.timer);
    if (this.turn) clearImmediate(this.turn);
    this.timer = undefined;
    this.turn = undefined;
  }

  private arm(ms: number) {
    this.timer = setTimeout(() => this.onTimer(), ms);
    this.timer.unref?.();
  }

  private onTimer() {
    this.timer = undefined;
    const now = Date.now();
    const quietFor = now - this.lastAt;
    const latestIn = this.firstAt! + this.latestMs - now;
    if (quietFor < this.quietMs && latestIn > 0) {
      this.arm(Math.min(this.quietMs - quietFor, latestIn));
      return;
    }
    this.writeSlice();
  }

  private writeSlice() {
    this.turn = undefined;
    let written = 0;
    for (const held of this.waiting) {
      held.json = JSON.stringify(held.fields);
      held.fields = undefined;
      this.waiting.delete(held);
      if (++written === this.perTurn && this.waiting.size > 0) {
        this.turn = setImmediate(() => this.writeSlice());
        return;
      }
    }
    this.firstAt = undefined;
  }
}
