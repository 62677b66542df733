// Response shapes of the Endpoint Security routes: the host list, one host (its shape is src/soc/endpoints.ts's).
import { z } from 'zod';
import { processSchema } from '../../scenarios/schema.ts';
import { hostSummarySchema } from '../../soc/endpoints.ts';

// a process tree is recursive: as a named component, the OpenAPI document can refer to it from inside itself
z.globalRegistry.add(processSchema, { id: 'Process' });

export const hostListSchema = z.object({ hosts: z.array(hostSummarySchema) });
