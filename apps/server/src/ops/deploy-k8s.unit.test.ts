import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configKeys, parseConfig } from '../config';
import {
  type Container,
  httpProbe,
  imageMajor,
  type Manifest,
  ManifestSchema,
  PodTemplateSchema,
  readRepoFile,
  readYamlDocuments,
  repoPath,
  ServiceSpecSchema,
  selects,
  WorkloadSpecSchema,
} from '../test/harness/deploy-files';

const kustomization = z
  .object({ namespace: z.string(), resources: z.array(z.string()), images: z.array(z.object({ name: z.string() })).default([]) })
  .parse(readYamlDocuments('deploy/k8s/kustomization.yaml')[0]);
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  readYamlDocuments(`deploy/k8s/${file}`).map((doc) => ManifestSchema.parse(doc)),
);

function find(kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`deploy/k8s has no ${kind} "${name}"`);
  return found;
}
const workload = (kind: string, name: string) => WorkloadSpecSchema.parse(find(kind, name).spec);
const service = (name: string) => ServiceSpecSchema.parse(find('Service', name).spec);
const onlyContainer = (kind: string, name: string): Container => {
  const [container, ...others] = workload(kind, name).template.spec.containers;
  if (!container || others.length > 0) throw new Error(`${kind} ${name}: expected one container`);
  return container;
};

const app = workload('Deployment', 'turnout');
const appContainer = onlyContainer('Deployment', 'turnout');
/** The Secret kustomize generates from secret.env, as the committed example fills it. */
const secret = Object.fromEntries(
  readRepoFile('deploy/k8s/secret.env.example')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const secretKeyRef = (ref: { name: string; key: string }) => {
  if (ref.name !== 'turnout-secrets') throw new Error(`unknown Secret ${ref.name}`);
  return secret[ref.key];
};

/** The environment an app replica starts with: its ConfigMaps, then its own env (secrets resolved). */
function appEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of appContainer.envFrom) {
    if (source.configMapRef) Object.assign(env, find('ConfigMap', source.configMapRef.name).data);
  }
  for (const entry of appContainer.env) {
    const ref = entry.valueFrom?.secretKeyRef;
    const value = ref ? secretKeyRef(ref) : entry.value;
    if (value === undefined) throw new Error(`env ${entry.name} has no value`);
    env[entry.name] = value;
  }
  return env;
}
const env = appEnvironment();
const config = parseConfig(env);

describe('deploy/k8s', () => {
  it('lists every manifest in kustomization.yaml, in the turnout namespace, each object once', () => {
    const files = readdirSync(repoPath('deploy/k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    expect(kustomization.namespace).toBe('turnout');
    expect(find('Namespace', 'turnout').kind).toBe('Namespace');
    const ids = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('runs two or more app replicas configured only with variables the server knows, on PostgreSQL and Redis', () => {
    expect(app.replicas).toBeGreaterThanOrEqual(2);
    expect(Object.keys(env).filter((key) => !configKeys.includes(key))).toEqual([]);
    expect(config).toMatchObject({ env: 'production', trustProxy: { kind: 'hops', hops: 1 }, database: { kind: 'postgres' } });
    expect(config.redisUrl).toBeDefined();
  });

  it('probes the app routes on the port the app listens on', () => {
    const httpPort = appContainer.ports.find((p) => p.name === 'http');
    expect(httpPort?.containerPort).toBe(config.port);
    const probes = [appContainer.startupProbe, appContainer.readinessProbe, appContainer.livenessProbe].map(httpProbe);
    expect(probes.map((p) => p.path)).toEqual(['/healthz', '/readyz', '/healthz']);
    for (const probe of probes) expect([httpPort?.name, httpPort?.containerPort]).toContain(probe.port);
  });

  it('drains on SIGTERM within the grace period, as a non-root user on a read-only root filesystem, with resources', () => {
    // The app itself drains (SHUTDOWN_DRAIN_MS of /readyz 503), then closes within SHUTDOWN_TIMEOUT_MS.
    expect(appContainer.lifecycle).toBeUndefined();
    expect(config.shutdown.drainMs).toBeGreaterThanOrEqual(5_000);
    expect((config.shutdown.drainMs + config.shutdown.timeoutMs) / 1000).toBeLessThan(
      app.template.spec.terminationGracePeriodSeconds ?? 30,
    );
    expect(app.template.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(appContainer.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(appContainer.resources?.requests).toHaveProperty('memory');
    expect(appContainer.resources?.limits).toHaveProperty('memory');
  });

  it('points Prometheus at METRICS_PORT on each pod, which neither the Service nor the Ingress carries', () => {
    const metricsPort = appContainer.ports.find((p) => p.name === 'metrics');
    expect(metricsPort?.containerPort).toBe(config.metrics.port);
    expect(config.metrics.port).not.toBe(config.port);
    expect(app.template.metadata.annotations).toMatchObject({
      'prometheus.io/port': String(config.metrics.port),
      'prometheus.io/path': '/metrics',
    });
    expect(service('turnout').ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  it('backs PostgreSQL up nightly with pg_dump, with the password from the generated Secret', () => {
    const cronJob = z
      .object({ schedule: z.string(), jobTemplate: z.object({ spec: z.object({ template: PodTemplateSchema }) }) })
      .parse(find('CronJob', 'turnout-pg-backup').spec);
    const [dump] = cronJob.jobTemplate.spec.template.spec.containers;
    expect(dump?.args ?? []).toEqual([]);
    expect(JSON.stringify(dump)).toContain('pg_dump --format=custom');
    expect(dump?.env.find((e) => e.name === 'PGPASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'turnout-secrets',
      key: 'postgres-password',
    });
    expect(imageMajor(dump?.image ?? '')).toBe(imageMajor(onlyContainer('StatefulSet', 'postgres').image));
  });

  it('wires the app to the bundled PostgreSQL and Redis, with the one password from the example secret.env', () => {
    if (config.database.kind !== 'postgres' || !config.redisUrl) throw new Error('app must run on PostgreSQL and Redis');
    const db = new URL(config.database.url);
    const pgContainer = onlyContainer('StatefulSet', 'postgres');
    const pgEnv = Object.fromEntries(pgContainer.env.map((e) => [e.name, e.value ?? secret[e.valueFrom?.secretKeyRef?.key ?? '']]));
    expect([db.username, db.password, db.pathname]).toEqual([pgEnv.POSTGRES_USER, pgEnv.POSTGRES_PASSWORD, `/${pgEnv.POSTGRES_DB}`]);
    expect(secret['postgres-password']).toMatch(/replace-me/);

    const redis = new URL(config.redisUrl);
    for (const [url, name, defaultPort] of [
      [db, 'postgres', 5432],
      [redis, 'redis', 6379],
    ] as const) {
      expect(url.hostname).toBe(name);
      const backing = name === 'postgres' ? workload('StatefulSet', name) : workload('Deployment', name);
      expect(selects(service(name).selector, backing.template.metadata.labels)).toBe(true);
      expect(service(name).ports.map((p) => p.port)).toContain(Number(url.port || defaultPort));
    }
    expect(imageMajor(pgContainer.image)).toBeGreaterThanOrEqual(16);
    expect(imageMajor(onlyContainer('Deployment', 'redis').image)).toBe(7);
  });

  it('routes the public origin through the Ingress to the app Service, with sticky sessions', () => {
    const svc = service('turnout');
    expect(selects(svc.selector, app.template.metadata.labels)).toBe(true);
    expect(selects(app.selector.matchLabels, app.template.metadata.labels)).toBe(true);
    expect(svc.ports.map((p) => p.targetPort)).toContain('http');
    expect(find('Service', 'turnout').metadata.annotations?.['traefik.ingress.kubernetes.io/service.sticky.cookie']).toBe('true');

    const ingress = z
      .object({
        rules: z.array(
          z.object({
            host: z.string(),
            http: z.object({
              paths: z.array(z.object({ path: z.string(), backend: z.object({ service: z.object({ name: z.string() }) }) })),
            }),
          }),
        ),
      })
      .parse(find('Ingress', 'turnout').spec);
    expect(ingress.rules.map((r) => r.host)).toEqual([new URL(config.publicOrigin).hostname]);
    expect(ingress.rules[0]?.http.paths).toEqual([
      expect.objectContaining({ path: '/', backend: { service: expect.objectContaining({ name: 'turnout' }) } }),
    ]);
  });

  it('pins every image to a version, and lets kustomize set the app image', () => {
    const containers = manifests.flatMap((m) => {
      const parsed = WorkloadSpecSchema.safeParse(m.spec);
      return parsed.success ? parsed.data.template.spec.containers : [];
    });
    expect(containers.length).toBe(3); // the CronJob's pod is one level deeper (jobTemplate)
    for (const { image } of containers) expect(imageMajor(image), image).toBeDefined();
    expect(kustomization.images.map((i) => i.name)).toEqual([appContainer.image.split(':')[0]]);
  });
});
