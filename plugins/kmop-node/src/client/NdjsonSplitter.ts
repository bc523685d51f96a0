import { StringDecoder } from 'node:string_decoder';

/** Splits a byte stream into lines, keeping a partial last line for the next chunk. */
export class NdjsonSplitter {
  // A decoder keeps multi-byte characters split across chunks intact.
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  push(chunk: Buffer): string[] {
    this.pending += this.decoder.write(chunk);
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.map(line => line.trim()).filter(line => line.length > 0);
  }
}
