import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';

/** The source object of one item of an entity's KMOP view. */
export interface SourceObject {
  /** The object as YAML, without managed fields or kubectl's last-applied copy. */
  yaml: string;
}

/** Reads the cluster object behind an item of an entity's KMOP view, on demand. */
export interface SourceObjectService {
  /**
   * The object behind `itemId`, read from its cluster now. Answers only for
   * items in the entity's view as the caller may see it; a NotFoundError
   * otherwise.
   */
  getSourceObject(
    entityRef: CompoundEntityRef,
    itemId: string,
    credentials: BackstageCredentials,
  ): Promise<SourceObject>;
}
