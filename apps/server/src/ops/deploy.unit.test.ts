import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { BODY_LIMIT_BYTES } from '@turnout/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configKeys, parseConfig } from '../config';
import { imageMajor, interpolateCompose, parseDockerfile, readRepoFile, readYamlDocuments, repoPath } from '../test/harness/deploy-files';

const defaults = parseConfig({});
const DEFAULT_PORT = defaults.port;

const HealthcheckSchema = z.object({ test: z.array(z.string()) });
const ComposeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string(),
      build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
      environment: z.record(z.string(), z.string()).default({}),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).default({}),
      deploy: z.object({ replicas: z.number() }).optional(),
      healthcheck: HealthcheckSchema.optional(),
      ports: z.array(z.string()).default([]),
      volumes: z.array(z.string()).default([]),
      command: z.array(z.string()).optional(),
      logging: z.object({ driver: z.literal('json-file'), options: z.object({ 'max-size': z.string(), 'max-file': z.string() }) }),
    }),
  ),
});
const EXAMPLE_PASSWORD = 'example0password';
const EXAMPLE_TOTP_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('deploy/compose.yaml', () => {
  const raw = readYamlDocuments('deploy/compose.yaml')[0];
  const compose = ComposeSchema.parse(
    interpolateCompose(raw, { POSTGRES_PASSWORD: EXAMPLE_PASSWORD, TOTP_ENCRYPTION_KEY: EXAMPLE_TOTP_KEY }),
  );
  const service = (name: string) => {
    const found = compose.services[name];
    if (!found) throw new Error(`compose has no service "${name}"`);
    return found;
  };

  it('runs PostgreSQL 16+, Redis 7, two or more app replicas and nginx, each image pinned to a major version', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'nginx', 'postgres', 'redis']);
    expect(imageMajor(service('postgres').image)).toBeGreaterThanOrEqual(16);
    expect(imageMajor(service('redis').image)).toBe(7);
    expect(service('app').deploy?.replicas).toBeGreaterThanOrEqual(2);
    for (const { image } of Object.values(compose.services)) expect(imageMajor(image), image).toBeDefined();
  });

  it('gives the app only variables the server knows, and they make a valid PostgreSQL + Redis configuration', () => {
    const app = service('app');
    expect(Object.keys(app.environment).filter((key) => !configKeys.includes(key))).toEqual([]);
    const config = parseConfig(app.environment);
    expect(config).toMatchObject({
      publicOrigin: 'http://localhost:8080',
      trustProxy: { kind: 'hops', hops: 1 },
      database: { kind: 'postgres' },
    });
    if (config.database.kind !== 'postgres' || !config.redisUrl) throw new Error('app must run on PostgreSQL and Redis');

    const db = new URL(config.database.url);
    const pg = service('postgres').environment;
    expect([db.hostname, db.username, db.password, db.pathname]).toEqual([
      'postgres',
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
      `/${pg.POSTGRES_DB}`,
    ]);
    expect(new URL(config.redisUrl).hostname).toBe('redis');
  });

  it('takes the database password from the environment, required, and commits none', () => {
    expect(() => interpolateCompose(raw, {})).toThrow(/POSTGRES_PASSWORD/);
    expect(readRepoFile('deploy/compose.yaml')).not.toMatch(/POSTGRES_PASSWORD: (?!\$\{POSTGRES_PASSWORD:\?)/);
    expect(service('postgres').environment.POSTGRES_PASSWORD).toBe(EXAMPLE_PASSWORD);
  });

  it('runs on Compose v2 and docker-compose 1.29 alike (no top-level name), rotates every log, and bounds Redis memory', () => {
    expect(Object.keys(raw as object)).not.toContain('name');
    for (const [name, { logging }] of Object.entries(compose.services)) {
      expect([name, Number.parseInt(logging.options['max-size'], 10), Number(logging.options['max-file'])]).toEqual([name, 10, 3]);
    }
    const redis = service('redis').command?.join(' ') ?? '';
    expect(redis).toMatch(/--maxmemory \d+mb/);
    expect(redis).toMatch(/--maxmemory-policy allkeys-lru/);
  });

  it('starts the app once PostgreSQL and Redis are healthy, and nginx once the app is', () => {
    expect(service('app').depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(service('nginx').depends_on).toEqual({ app: { condition: 'service_healthy' } });
    expect(service('postgres').healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(service('redis').healthcheck?.test.join(' ')).toContain('redis-cli ping');
    expect(service('postgres').volumes.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
  });

  it('builds the app from deploy/Dockerfile and mounts the nginx configuration from deploy/nginx', () => {
    const build = service('app').build;
    expect(build && relative(repoPath(), join(repoPath('deploy'), build.context, build.dockerfile))).toBe('deploy/Dockerfile');
    expect(service('nginx').ports).toEqual(['8080:8080']);
    const mounts = service('nginx').volumes.map((v) => v.split(':'));
    expect(mounts.map(([, target]) => target).sort()).toEqual([
      '/etc/nginx/nginx.conf',
      '/etc/nginx/realip.conf',
      '/etc/nginx/upstream.conf',
    ]);
    for (const [source = ''] of mounts) expect(existsSync(join(repoPath('deploy'), source)), source).toBe(true);
  });
});

describe('deploy/Dockerfile', () => {
  const { stages } = parseDockerfile(readRepoFile('deploy/Dockerfile'));
  const runtime = stages.at(-1);
  const build = stages.find((s) => s.name === 'build');
  const args = (instruction: string) => runtime?.body.filter((i) => i.instruction === instruction).map((i) => i.args) ?? [];

  it('is multi-stage on Node 24 LTS (node:24-bookworm-slim), the major GitLab CI pins too', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:24-bookworm-slim');
    expect(readRepoFile('.gitlab-ci.yml')).toMatch(/NODE_IMAGE: node:24-bookworm\b/);
  });

  it('installs from the manifests before copying the sources, then builds and drops dev dependencies', () => {
    const body = build?.body ?? [];
    const install = body.findIndex((i) => i.instruction === 'RUN' && /\bnpm ci\b/.test(i.args));
    const sources = body.findIndex((i) => i.instruction === 'COPY' && /^\.\s+\.$/.test(i.args));
    expect(install).toBeGreaterThan(-1);
    expect(sources).toBeGreaterThan(install);
    expect(body.slice(0, install).every((i) => i.instruction !== 'COPY' || /^--from=manifests\b/.test(i.args))).toBe(true);
    const after = body.slice(sources).map((i) => i.args);
    expect(after.some((a) => a.includes('npm run build') && a.includes('npm prune --omit=dev'))).toBe(true);
  });

  it('runs the bundle that `npm run build` writes, as a non-root user, in production', () => {
    const buildScript = readRepoFile('apps/server/scripts/build.mjs');
    const outDir = /: new URL\('([^']+)', root\);/.exec(buildScript)?.[1];
    const outfile = /outfile: new URL\('([^']+)', outDir\)/.exec(buildScript)?.[1];
    expect([outDir, outfile]).toEqual(['dist/', 'server.js']);
    expect(JSON.parse(args('CMD').at(-1) ?? '[]')).toEqual(['node', `apps/server/${outDir}${outfile}`]);
    expect(args('USER').at(-1)).toMatch(/^(?!root$|0$)\S+$/);
    expect(args('ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
  });

  it('exposes the default PORT, keeps the embedded database on a /data volume, and checks /healthz', () => {
    expect(args('EXPOSE')).toEqual([`${DEFAULT_PORT} ${defaults.metrics.port}`]);
    expect(args('ENV').join(' ')).toMatch(/\bDATA_DIR=\/data\b/);
    expect(args('VOLUME')).toEqual(['/data']);
    expect(args('HEALTHCHECK').at(-1)).toMatch(/CMD .*fetch\(.*\/healthz/);
  });

  it('keeps node_modules and builds out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});

describe('deploy/nginx', () => {
  const conf = readRepoFile('deploy/nginx/nginx.conf').replace(/#.*$/gm, '');
  const block = (header: RegExp) => {
    const start = conf.search(header);
    if (start < 0) throw new Error(`nginx.conf: no block ${header}`);
    let depth = 0;
    for (let i = conf.indexOf('{', start); i < conf.length; i++) {
      if (conf[i] === '{') depth++;
      if (conf[i] === '}' && --depth === 0) return conf.slice(start, i + 1);
    }
    throw new Error(`nginx.conf: unclosed block ${header}`);
  };

  it('routes a session to the same replica every time, from the replicas listed in upstream.conf', () => {
    const upstream = block(/upstream\s+turnout\s*\{/);
    expect(upstream).toMatch(/\n\s*hash \$turnout_sticky_key;/);
    expect(conf).toMatch(/map \$http_cookie \$turnout_sticky_key \{[^}]*turnout_session=[^}]*default \$remote_addr;/);
    expect(upstream).toMatch(/\n\s*include upstream\.conf;/);
    const servers = readRepoFile('deploy/nginx/upstream.conf').match(/^server\s+(\S+)/gm) ?? [];
    expect(servers).toEqual([`server app:${DEFAULT_PORT}`]);
    // No `resolve`: it needs nginx 1.27.3+, and Debian's nginx refuses it.
    expect(readRepoFile('deploy/nginx/upstream.conf')).not.toMatch(/^[^#]*\bresolve\b/m);
    expect(existsSync(join(dirname(repoPath('deploy/nginx/nginx.conf')), 'upstream.conf'))).toBe(true);
  });

  it('takes client addresses from realip.conf, masks tokens in its log, turns 502/504 into the JSON 503 and hides /metrics', () => {
    expect(conf).toMatch(/\n\s*include realip\.conf;\s*\n\s*real_ip_header X-Forwarded-For;\s*\n\s*real_ip_recursive on;/);
    expect(conf).toMatch(/access_log \S+ turnout;/);
    expect(conf).toMatch(/log_format turnout [^;]*\$turnout_logged_uri[^;]*;/);
    expect(conf).not.toMatch(/log_format turnout [^;]*\$(request_uri|request|args|http_referer|http_cookie)\b/);
    expect(conf).toMatch(/error_page 502 503 504 =503 @unavailable;/);
    expect(conf).toMatch(/location ~\* \^\/metrics/);
    expect(conf).not.toMatch(new RegExp(`:${defaults.metrics.port}\b`));
  });

  it('accepts the bodies the API accepts, and upgrades /socket.io to WebSocket with every forwarded header', () => {
    expect(conf).toContain(`client_max_body_size ${BODY_LIMIT_BYTES / 1024}k;`);
    const server = block(/server\s*\{/);
    for (const header of ['Host', 'Upgrade', 'Connection', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host']) {
      expect(server).toMatch(new RegExp(`\\n\\s*proxy_set_header ${header} `));
    }
    // A location with a proxy_set_header of its own would silently drop all of the above.
    for (const location of server.match(/location [^{]+\{[^}]*\}/g) ?? []) expect(location).not.toContain('proxy_set_header');
    const socketIo = block(/location \/socket\.io\/\s*\{/);
    expect(socketIo).toMatch(/proxy_read_timeout (\d+h|\d{3,}s?);/);
    expect(conf).toMatch(/gzip_types [^;]*application\/json[^;]*;/);
  });
});
