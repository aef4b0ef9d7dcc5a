import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readRepoFile, repoPath } from '../test/harness/deploy-files';

// deploy/k8s as `kubectl apply -k` sends it: rendered by kustomize (kubectl's), then every object
// validated against the Kubernetes API schemas by kubernetes-models.
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turnout-k8s-'));
  await cp(repoPath('deploy/k8s'), join(dir, 'k8s'), { recursive: true });
  await rm(join(dir, 'k8s', 'secret.env'), { force: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const render = async (path: string) => (await run('kubectl', ['kustomize', path], { maxBuffer: 16 * 1024 * 1024 })).stdout;

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}

/** Validates one object with its kubernetes-models class (apps/v1 Deployment, v1 Service, …); throws when it is invalid. */
async function validate(object: K8sObject): Promise<void> {
  const models = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  new Model(withUnfoldedSecretData(object)).validate();
}

/** kustomize wraps a long base64 value of a Secret over lines, which YAML reads back with spaces: drop them. */
function withUnfoldedSecretData(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret') return object;
  const { data = {} } = object as K8sObject & { data?: Record<string, string> };
  return { ...object, data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.replace(/\s+/g, '')])) } as K8sObject;
}

describe('deploy/k8s rendered by kustomize', () => {
  it('needs a secret.env (never committed) to render, and commits no Secret', async () => {
    const refused = await render(join(dir, 'k8s')).then(
      () => 'rendered',
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toMatch(/secret\.env/);
    expect(readRepoFile('.gitignore')).toMatch(/^deploy\/k8s\/secret\.env$/m);
  });

  it('renders objects that are all valid against the Kubernetes API schemas, the Secret generated', async () => {
    await cp(join(dir, 'k8s', 'secret.env.example'), join(dir, 'k8s', 'secret.env'));
    const objects = parseAllDocuments(await render(join(dir, 'k8s'))).map((doc) => doc.toJS() as K8sObject);
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        'ConfigMap',
        'CronJob',
        'Deployment',
        'Deployment',
        'Ingress',
        'Namespace',
        'NetworkPolicy',
        'PersistentVolumeClaim',
        'PodDisruptionBudget',
        'Secret',
        'Service',
        'Service',
        'Service',
        'StatefulSet',
      ].sort(),
    );
    for (const object of objects) await validate(object);
    const secret = objects.find((o) => o.kind === 'Secret');
    expect(secret?.metadata.name).toMatch(/^turnout-secrets-[a-z0-9]+$/);
    // References follow the generated name.
    const deployment = JSON.stringify(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'turnout'));
    expect(deployment).toContain(`"name":"${secret?.metadata.name}"`);
  });

  it('rejects a deliberately broken manifest', async () => {
    const broken = join(dir, 'broken');
    await cp(join(dir, 'k8s'), broken, { recursive: true });
    const deployment = readRepoFile('deploy/k8s/deployment.yaml').replace('containerPort: 9464', 'containerPort: metrics');
    await writeFile(join(broken, 'deployment.yaml'), deployment);
    const objects = parseAllDocuments(await render(broken)).map((doc) => doc.toJS() as K8sObject);
    const invalid = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'turnout');
    if (!invalid) throw new Error('no Deployment rendered');
    await expect(validate(invalid)).rejects.toThrow(/containerPort must be integer/);
  });
});
