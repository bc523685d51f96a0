/**
 * The Backstage signals channel on which the KMOP backend says that an entity's
 * view changed. One channel per entity, so an open page hears only about its own
 * entity; the message carries the entity ref and nothing else, because a signal
 * is broadcast without a permission check and the page reads the view itself
 * through the authorized REST route.
 *
 * @public
 */
export function kmopEntityViewChannel(entityRef: string): string {
  // The catalog compares refs without case; the page and the backend may spell them differently.
  return `kmop:entity-view:${entityRef.toLocaleLowerCase('en-US')}`;
}

/**
 * The message of a {@link kmopEntityViewChannel} signal.
 *
 * @public
 */
export type KmopEntityViewSignal = {
  entityRef: string;
};
