// Response shapes of the Endpoint Security routes: the host list and one host with its tabs, as the scenario packs
// describe hosts (src/scenarios/schema.ts), so the OpenAPI document and the web client's types are exact.
import { z } from 'zod';
import { hostSchema, processSchema } from '../../scenarios/schema.ts';

// a process tree is recursive: as a named component, the OpenAPI document can refer to it from inside itself
z.globalRegistry.add(processSchema, { id: 'Process' });

export const hostSummarySchema = z.object({
  hostname: z.string(),
  ip: z.string(),
  os: z.string().nullable(),
  primaryUser: z.string().nullable(),
  agent: hostSchema.shape.agent,
  state: z.enum(['Online', 'Host Contained', 'Agent Down', 'No Agent Installed']),
  contained: z.boolean(),
  counts: z.object({ processes: z.number().int(), network: z.number().int(), terminal: z.number().int(), browser: z.number().int() }),
});

export const hostListSchema = z.object({ hosts: z.array(hostSummarySchema) });

export const hostDetailSchema = hostSummarySchema.extend({
  info: hostSchema.pick({ domain: true, bits: true, os: true, primaryUser: true, role: true, lastLogin: true }).partial(),
  processes: z.array(processSchema),
  network: hostSchema.shape.network.unwrap(),
  terminal: hostSchema.shape.terminal.unwrap(),
  browser: hostSchema.shape.browser.unwrap(),
});
