import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';

/** The repository root, and paths inside it. */
export const repoPath = (path = '') => fileURLToPath(new URL(`../../../../../${path}`, import.meta.url));
export const readRepoFile = (path: string) => readFileSync(repoPath(path), 'utf8');

/** Every YAML document of a file (a Kubernetes manifest may hold several). */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readRepoFile(path)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

export interface DockerInstruction {
  instruction: string;
  args: string;
}

/** A Dockerfile as instructions, continuation lines joined and comments dropped, grouped by stage. */
export function parseDockerfile(text: string): { stages: { from: string; name: string | undefined; body: DockerInstruction[] }[] } {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const stages: { from: string; name: string | undefined; body: DockerInstruction[] }[] = [];
  for (const line of logical.filter(Boolean)) {
    const [, instruction = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (instruction.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${instruction} before FROM`);
    stage.body.push({ instruction: instruction.toUpperCase(), args });
  }
  return { stages };
}

/** The major version an image reference is pinned to, or undefined when it floats (`latest`, no tag). */
export function imageMajor(image: string): number | undefined {
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  const major = tag ? /^v?(\d+)/.exec(tag)?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}

const EnvList = z.array(
  z.object({
    name: z.string(),
    value: z.string().optional(),
    valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }).optional() }).optional(),
  }),
);
const HttpProbe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) });
export const ContainerSchema = z.object({
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z.array(z.object({ name: z.string().optional(), containerPort: z.number() })).default([]),
  env: EnvList.default([]),
  envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }).optional() })).default([]),
  startupProbe: z.unknown().optional(),
  readinessProbe: z.unknown().optional(),
  livenessProbe: z.unknown().optional(),
  lifecycle: z.object({ preStop: z.object({ exec: z.object({ command: z.array(z.string()) }) }) }).optional(),
  resources: z.object({ requests: z.record(z.string(), z.string()), limits: z.record(z.string(), z.string()) }).optional(),
  securityContext: z
    .object({
      allowPrivilegeEscalation: z.boolean().optional(),
      readOnlyRootFilesystem: z.boolean().optional(),
      capabilities: z.object({ drop: z.array(z.string()) }).optional(),
    })
    .optional(),
});
export type Container = z.infer<typeof ContainerSchema>;
export const httpProbe = (probe: unknown) => HttpProbe.parse(probe).httpGet;

const Labels = z.record(z.string(), z.string());
export const PodTemplateSchema = z.object({
  metadata: z.object({ labels: Labels, annotations: Labels.optional() }),
  spec: z.object({
    terminationGracePeriodSeconds: z.number().optional(),
    securityContext: z.object({ runAsNonRoot: z.boolean().optional(), runAsUser: z.number().optional() }).optional(),
    containers: z.array(ContainerSchema).min(1),
  }),
});
export const WorkloadSpecSchema = z.object({
  replicas: z.number().default(1),
  selector: z.object({ matchLabels: Labels }),
  template: PodTemplateSchema,
});
export const ServiceSpecSchema = z.object({
  selector: Labels,
  ports: z.array(z.object({ name: z.string().optional(), port: z.number(), targetPort: z.union([z.string(), z.number()]).optional() })),
});

export const ManifestSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    labels: Labels.optional(),
    annotations: Labels.optional(),
  }),
  spec: z.unknown().optional(),
  data: z.record(z.string(), z.string()).optional(),
  stringData: z.record(z.string(), z.string()).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** True when every label of `selector` is on `labels`. */
export const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/**
 * Compose's variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`) over a parsed
 * file, as `docker compose config` does it: a required variable that is unset or empty throws.
 */
export function interpolateCompose(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_all, name: string, op: string | undefined, arg: string | undefined) => {
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolateCompose(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateCompose(item, env)]));
  }
  return value;
}
