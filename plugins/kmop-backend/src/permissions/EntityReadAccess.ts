import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { kmopEntityReadPermission } from '@kmop/plugin-kmop-common';
import { EntityAccessCache } from './EntityAccessCache';

/** Options of {@link EntityReadAccess.create}. */
export interface EntityReadAccessOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Reuse of granted reads; share one between everything that answers for entities. */
  reuse: EntityAccessCache;
}

/**
 * The check in front of everything KMOP answers about an entity: the entity is
 * read through the catalog with the caller's own credentials (so an entity the
 * caller cannot see is a 404) and `kmop.entity.read` is asked for it (a denial
 * is a 403). A granted read is reused for a short time (see
 * {@link EntityAccessCache}): it is most of what a view costs.
 */
export class EntityReadAccess {
  private readonly options: EntityReadAccessOptions;

  static create(options: EntityReadAccessOptions): EntityReadAccess {
    return new EntityReadAccess(options);
  }

  private constructor(options: EntityReadAccessOptions) {
    this.options = options;
  }

  /** The entity, if the caller may see it in the catalog and may read its KMOP view. */
  async read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return this.options.reuse.get(credentials, entityRef, () =>
      this.check(entityRef, credentials),
    );
  }

  private async check(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    // Both asked at once; the catalog's answer still decides first, so a
    // caller who may not see the entity learns nothing from the decision.
    const [entity, [decision]] = await Promise.all([
      this.options.catalog.getEntityByRef(entityRef, { credentials }),
      this.options.permissions.authorize(
        [{ permission: kmopEntityReadPermission, resourceRef: entityRef }],
        { credentials },
      ),
    ]);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not read the KMOP view of ${entityRef}`,
      );
    }
    return entity;
  }
}
