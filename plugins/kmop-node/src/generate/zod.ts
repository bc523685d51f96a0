import type { z } from 'zod/v3';

/**
 * The zod v3 API that schema builders take. Builders receive the instance to
 * build with instead of importing one, so the scaffolder and the actions
 * registry can each build the schema with their own copy of zod.
 */
export type KmopZod = typeof z;
