import fc from 'fast-check';

/**
 * fast-check arbitraries for what attackers and clumsy clients send, built from the JSON Schemas of
 * the OpenAPI document (which the request validators come from): for each field a well-formed value
 * some of the time, and otherwise wrong types, huge and negative numbers, NUL and control
 * characters, lone surrogates, long Unicode, nested and extra fields, dates at and past the ends
 * of the calendar, and forged cursors.
 */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

/** Values the fuzzed server already holds, so some requests reach real rows. */
export interface KnownValues {
  eventIds: string[];
  names: string[];
}

const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
const loneSurrogates = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d', 'x\ud83dy');
const edgeDates = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2030-01-01T25:61:00Z',
  '2030-01-01',
  '2030-01-01T10:00:00',
  'tomorrow',
  '',
);
const forgedCursor = fc
  .tuple(
    fc.oneof(
      edgeDates,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    fc.oneof(fc.uuid(), fc.string()),
  )
  .map(([at, id]) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url'));

/** Text that is wrong in some way, or merely unusual. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  controlText,
  controlText.map((c) => `Board${c}games`),
  loneSurrogates,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
  fc.string({ minLength: 5_000, maxLength: 70_000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u200b',
    '\ufeff',
    '%00',
    "'; drop table events; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${7*7}',
    '__proto__',
  ),
  edgeDates,
  forgedCursor,
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, nested a few levels deep. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileText,
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.object({ maxDepth: 3 })), { maxKeys: 4 }),
  fc.object({ maxDepth: 4 }),
);

function validValue(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => validValue(v, known)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time')
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'uuid') return known.eventIds.length > 0 ? fc.oneof(fc.constantFrom(...known.eventIds), fc.uuid()) : fc.uuid();
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        fc.constantFrom('Europe/Berlin', 'UTC', ...known.names),
      );
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? validValue(schema.items, known) : fc.string(), { maxLength: 3 });
    case 'object':
      return objectOf(schema, known);
    default:
      return anyJson;
  }
}

/** A value for a field: well-formed half of the time, hostile otherwise. */
export const fieldValue = (schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 1, arbitrary: validValue(schema, known) }, { weight: 1, arbitrary: anyJson });

/** An object of a schema's fields, some left out, some hostile, maybe with fields the schema does not have. */
function objectOf(schema: JsonSchema, known: KnownValues): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {});
  const record = fc.record(Object.fromEntries(fields.map(([name, field]) => [name, fieldValue(field, known)])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, unknown>>;
  const extra = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'organizerId', 'id', 'joinedCount', 'role', 'x'), anyJson, {
    maxKeys: 2,
  });
  return fc.tuple(record, fc.option(extra, { nil: undefined })).map(([fieldsOf, more]) => ({ ...fieldsOf, ...more }));
}

/** A whole request body for a schema: usually an object of its fields, sometimes not an object at all. */
export const bodyFor = (schema: JsonSchema | undefined, known: KnownValues): fc.Arbitrary<unknown> => {
  const object = schema ? objectOf(schema.anyOf?.find((s) => s.type === 'object') ?? schema, known) : fc.constant({});
  return fc.oneof({ weight: 6, arbitrary: object }, { weight: 1, arbitrary: anyJson });
};

/** A path parameter: a real id, a random one, or something that is not an id at all. */
export const pathParam = (known: KnownValues): fc.Arbitrary<string> =>
  fc.oneof(
    known.eventIds.length > 0 ? fc.constantFrom(...known.eventIds) : fc.uuid(),
    fc.uuid(),
    hostileText.filter((s) => s.length < 2_000),
  );
