import type { KmopZod } from '@kmop/plugin-kmop-node';
import { z } from 'zod/v3';

/**
 * The zod API the scaffolder hands to action schema builders: the `zod/v3` API of the one zod
 * package the scaffolder and KMOP share, so a builder written for kmop-node's `KmopZod` is one
 * the scaffolder takes.
 */
export type ScaffolderZod = KmopZod;

/** The same API, for parsing an action's input inside its handler with the builder's schema. */
export const zod: ScaffolderZod = z;
