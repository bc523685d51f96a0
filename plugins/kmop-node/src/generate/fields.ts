import {
  DNS1123_LABEL_MESSAGE,
  DNS1123_SUBDOMAIN_MESSAGE,
  isDns1123Label,
  isDns1123Subdomain,
} from '@kmop/plugin-kmop-common';
import type { KmopZod } from './zod';

/*
 * Field schemas several actions share, built with the scaffolder's zod. The
 * formats match the KMOP model's, so input that passes here passes there.
 */

const DURATION = /^[1-9][0-9]*(ms|s|m|h|d)$/;
const WINDOW = /^[1-9][0-9]*(ms|s|m|h|d|w)$/;
const ENTITY_REF =
  /^([A-Za-z][A-Za-z0-9]*:)?([A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?\/)?[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;
const HOSTNAME =
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Field schemas shared by the golden-path input and the scaffolder actions. */
export const fields = (z: KmopZod) => ({
  dnsLabel: () => z.string().refine(isDns1123Label, DNS1123_LABEL_MESSAGE),
  dnsSubdomain: () =>
    z.string().refine(isDns1123Subdomain, DNS1123_SUBDOMAIN_MESSAGE),
  duration: () =>
    z
      .string()
      .regex(
        DURATION,
        'must be a duration such as 30s, 5m or 1h (a whole number followed by ms, s, m, h or d)',
      ),
  window: () =>
    z
      .string()
      .regex(
        WINDOW,
        'must be a window such as 30d or 4w (a whole number followed by ms, s, m, h, d or w)',
      ),
  entityRef: () =>
    z
      .string()
      .regex(
        ENTITY_REF,
        'must be a catalog entity reference such as group:default/payments-team',
      ),
  hostname: () =>
    z
      .string()
      .max(253)
      .regex(
        HOSTNAME,
        'must be a lower-case DNS name such as payments.example.com',
      ),
  /** A whole number of at least 1 (replicas, requests, errors…). */
  count: () => z.number().int().min(1),
  port: () => z.number().int().min(1).max(65535),
  weight: () => z.number().int().min(0).max(100),
  intOrPercent: () =>
    z.union([
      z.number().int().min(0),
      z
        .string()
        .regex(/^(100|[1-9]?[0-9])%$/, 'must be a percentage such as 25%'),
    ]),
  /** A workspace-relative path; checked again when resolved. */
  workspacePath: () =>
    z
      .string()
      .min(1)
      .refine(p => !p.includes('\0'), 'must not contain NUL'),
});
