/**
 * A small streaming zip writer on node's native zlib (about 3× faster than fflate's deflate).
 * Each pushed piece is deflated on its own with a sync flush; such pieces concatenate into one
 * valid deflate stream once a final empty block closes it (as pigz does), so data can be
 * compressed as it is produced without holding it all.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const FINAL_EMPTY_BLOCK = new Uint8Array([0x03, 0x00]);

export class ZipWriter {
  private readonly parts: Uint8Array[] = [];
  private offset = 0;
  private readonly central: Uint8Array[] = [];
  private count = 0;

  constructor(private readonly level: number = 6) {}

  /** Starts an entry; push its data, then `end()` it before starting the next. */
  entry(name: string): { push(data: Uint8Array): void; end(): void } {
    const chunks: Uint8Array[] = [];
    let crc = 0;
    let size = 0;
    let compressed = 0;
    return {
      push: (data) => {
        if (data.length === 0) return;
        crc = crc32(data, crc);
        size += data.length;
        const piece = deflateRawSync(data, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH });
        chunks.push(piece);
        compressed += piece.length;
      },
      end: () => {
        chunks.push(FINAL_EMPTY_BLOCK);
        compressed += FINAL_EMPTY_BLOCK.length;
        this.add(name, crc, size, compressed, chunks);
      },
    };
  }

  /** Takes an entry of another zip over as it is, without inflating it. */
  copy(name: string, entry: { method: number; crc32: number; uncompressedSize: number }, compressed: Uint8Array): void {
    this.add(name, entry.crc32, entry.uncompressedSize, compressed.length, [compressed], entry.method);
  }

  file(name: string, data: Uint8Array): void {
    const entry = this.entry(name);
    entry.push(data);
    entry.end();
  }

  private add(name: string, crc: number, size: number, compressedSize: number, chunks: Uint8Array[], method = 8): void {
    const nameBytes = new TextEncoder().encode(name);
    const local = new Uint8Array(30 + nameBytes.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true); // version needed
    view.setUint16(6, 0x0800, true); // UTF-8 names
    view.setUint16(8, method, true); // 8 deflate, 0 stored
    view.setUint32(14, crc >>> 0, true);
    view.setUint32(18, compressedSize, true);
    view.setUint32(22, size, true);
    view.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);

    const header = new Uint8Array(46 + nameBytes.length);
    const cd = new DataView(header.buffer);
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x0800, true);
    cd.setUint16(10, method, true);
    cd.setUint32(16, crc >>> 0, true);
    cd.setUint32(20, compressedSize, true);
    cd.setUint32(24, size, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint32(42, this.offset, true);
    header.set(nameBytes, 46);

    this.parts.push(local, ...chunks);
    this.offset += local.length + compressedSize;
    this.central.push(header);
    this.count++;
  }

  finish(): Uint8Array {
    const centralSize = this.central.reduce((sum, part) => sum + part.length, 0);
    const end = new Uint8Array(22);
    const view = new DataView(end.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, this.count, true);
    view.setUint16(10, this.count, true);
    view.setUint32(12, centralSize, true);
    view.setUint32(16, this.offset, true);
    const all = [...this.parts, ...this.central, end];
    const bytes = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of all) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }
}
