import { Faults } from './faults';
import { CrdSchemaLookup } from './openapi';
import { Operations } from './operations';
import { ResourceRegistry } from './registry';
import { ObjectStore } from './store';
import { WatchHub } from './watch';

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
