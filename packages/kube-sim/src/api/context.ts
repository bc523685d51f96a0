import { Faults } from '../faults/faults';
import { CrdSchemaLookup } from '../discovery/openapi';
import { Operations } from '../writes/operations';
import { ResourceRegistry } from '../discovery/registry';
import { ObjectStore } from '../storage/store';
import { WatchHub } from '../storage/watch';

/** Everything a request handler needs, built once per server. */
export interface SimContext {
  registry: ResourceRegistry;
  store: ObjectStore;
  ops: Operations;
  hub: WatchHub;
  faults: Faults;
  /** When set, every API request needs a bearer token it accepts. */
  authenticate?: (token: string) => boolean | Promise<boolean>;
  /** Serve `/_sim/faults`. */
  admin: boolean;
  /** How often watches that allow bookmarks get one. */
  bookmarkIntervalMs: number;
  /** `host:port` for `/api`'s serverAddressByClientCIDRs. */
  serverAddress(): string;
  crdSchema: CrdSchemaLookup;
}
