import {
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  durationSchema,
  entityRefSchema,
  hostnameSchema,
  intOrPercentSchema,
  portNumberSchema,
  windowSchema,
} from '@kmop/plugin-kmop-common';
import { type KmopZod, modelSchema } from './zod';

/*
 * Field schemas several actions share. The formats are the KMOP model's own
 * schemas, so input that passes here passes there, and each is written once.
 */

/**
 * Field schemas shared by the golden-path input and the scaffolder actions.
 *
 * @public
 */
export const fields = (z: KmopZod) => ({
  dnsLabel: () => modelSchema(dns1123LabelSchema),
  dnsSubdomain: () => modelSchema(dns1123SubdomainSchema),
  duration: () => modelSchema(durationSchema),
  window: () => modelSchema(windowSchema),
  entityRef: () => modelSchema(entityRefSchema),
  hostname: () => modelSchema(hostnameSchema),
  /** A whole number of at least 1 (replicas, requests, errors…). */
  count: () => z.number().int().min(1),
  port: () => modelSchema(portNumberSchema),
  weight: () => z.number().int().min(0).max(100),
  intOrPercent: () => modelSchema(intOrPercentSchema),
  /** A workspace-relative path; checked again when resolved. */
  workspacePath: () =>
    z
      .string()
      .min(1)
      .refine(p => !p.includes('\0'), 'must not contain NUL'),
});
