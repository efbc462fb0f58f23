import { z } from 'zod';
import { loadYamlFile } from '../config/load';

const metaAccount = z
  .object({
    id: z.string().regex(/^act_\d+$/),
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    timeZone: z.string(),
    campaigns: z.number().int().min(0),
    medianDailySpend: z.number().positive(),
  })
  .strict();

export const sandboxWorldSchema = z
  .object({
    seed: z.number().int(),
    meta: z
      .object({
        tokens: z.array(z.object({ token: z.string().min(8), accounts: z.array(z.string()) }).strict()),
        accounts: z.array(metaAccount),
      })
      .strict(),
  })
  .strict();

export type SandboxWorld = z.infer<typeof sandboxWorldSchema>;
export type SandboxMetaAccount = z.infer<typeof metaAccount>;

export function loadSandboxWorld(file: string): SandboxWorld {
  return loadYamlFile(file, sandboxWorldSchema);
}
