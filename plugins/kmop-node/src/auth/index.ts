export {
  ClusterCredentials,
  type ClusterCredentialsOptions,
  type CredentialSource,
} from './ClusterCredentials';
export {
  CLIENT_SIDE_AUTH_PROVIDERS,
  CREDENTIAL_RENEWAL_MS,
  createKmopAuthStrategies,
  type KmopAuthStrategiesOptions,
} from './authStrategies';
