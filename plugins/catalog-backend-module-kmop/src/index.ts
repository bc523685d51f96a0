/**
 * A catalog module whose entity provider makes a Component of every KMOP
 * Microservice in the configured clusters.
 *
 * @packageDocumentation
 */
export { catalogModuleKmop as default } from './module';
export {
  KmopEntityProvider,
  type KmopEntityProviderOptions,
} from './provider/KmopEntityProvider';
export { microserviceToEntity } from './provider/microserviceToEntity';
export {
  readProviderConfig,
  type KmopProviderConfig,
} from './provider/readProviderConfig';
