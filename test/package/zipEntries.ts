// Lists the entries of a .zip (a .vsix is one) from its central directory, with no unzip program:
// the same code on Linux, macOS and Windows.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  /** Where its local header starts, and how it is stored (0 stored, 8 deflated). */
  readonly offset: number;
  readonly method: number;
  readonly compressedSize: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/** The end-of-central-directory record sits in the last 22 + up to 65,535 (comment) bytes. */
function endOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new Error('not a zip file: no end-of-central-directory record');
}

export function zipEntries(path: string): ZipEntry[] {
  const zip = readFileSync(path);
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`zip central directory broken at entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const offset = zip.readUInt32LE(at + 42);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size, offset, method, compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's contents (stored or deflated, the two methods vsce writes). */
export function zipEntryBytes(path: string, name: string): Buffer {
  const entry = zipEntries(path).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in ${path}`);
  const zip = readFileSync(path);
  const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${name}: zip method ${entry.method} is neither stored nor deflated`);
}
