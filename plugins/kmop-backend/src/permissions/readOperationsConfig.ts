import { Config } from '@backstage/config';

/** `kmop.operations`, read once with its defaults. */
export interface OperationsConfig {
  /** `kmop.operations.enabled`; default false. */
  enabled: boolean;
  /** `kmop.operations.allowServicePrincipals`; default none. */
  allowServicePrincipals: string[];
}

/** Reads `kmop.operations` (see config.d.ts). */
export function readOperationsConfig(config: Config): OperationsConfig {
  return {
    enabled: config.getOptionalBoolean('kmop.operations.enabled') ?? false,
    allowServicePrincipals:
      config.getOptionalStringArray('kmop.operations.allowServicePrincipals') ??
      [],
  };
}
