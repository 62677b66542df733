// Shapes of the training routes not defined by their modules: the scenario list and a reset's result.
import { z } from 'zod';
import { scenarioInfoSchema } from '../../scenarios/scenarios.ts';

export const scenarioListSchema = z.object({ scenarios: z.array(scenarioInfoSchema) });

export const resetResultSchema = z.object({ alerts: z.number().int().describe('alerts back in the Main Channel') });
