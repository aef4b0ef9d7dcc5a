import type { z } from 'zod';

declare global {
  // zod keeps its configuration on this global, shared by every copy of zod that loads.
  var __zod_globalConfig: z.core.$ZodConfig | undefined;
}

// zod compiles parsers with `new Function` where eval is allowed, and probes for it when a schema
// is built. The page's CSP forbids eval, so the probe only produces a CSP violation report. Set
// before zod loads (it comes with the form pages, not with this entry): no probe, same parsers.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
