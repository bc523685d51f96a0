import { ResourceType } from '../types';
import { present } from './present';
import { StoredEntry } from './store';

// An object's JSON as UTF-8, made once per stored version (entries are immutable): list
// pages are then copies of bytes, not a string joined from hundreds of objects and encoded
// again for the socket on every page — which made a simulated cluster's lists cost the
// bench's cold sync as much CPU as the backend reading them (issue #17).
const bytesOf = new WeakMap<StoredEntry, Buffer>();

/** The entry's stored JSON as UTF-8 bytes, kept with the entry. */
export function entryBytes(entry: StoredEntry): Buffer {
  let bytes = bytesOf.get(entry);
  if (!bytes) {
    bytes = Buffer.from(entry.json);
    bytesOf.set(entry, bytes);
  }
  return bytes;
}

/** The entry as read at `version`, as UTF-8 bytes. */
export function presentBytes(
  type: ResourceType,
  entry: StoredEntry,
  version: string,
): Buffer {
  return version === type.storageVersion
    ? entryBytes(entry)
    : Buffer.from(present(type, entry.json, version));
}
