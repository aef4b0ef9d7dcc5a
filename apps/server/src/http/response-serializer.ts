import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

export interface ResponseSerializerOptions {
  /**
   * Also check each response against its zod schema before sending, and refuse one that fails
   * (development and tests: a presenter that breaks its contract fails loudly there).
   */
  verify: boolean;
}

/**
 * Responses are written by fast-json-stringify from each route's response schema (its zod
 * contract turned into JSON Schema): only the contract's fields are written, in its order, and a
 * missing required field throws. Parsing every response with zod first costs as much as
 * serialising it twice, so production relies on the presenters' types and the serializer's
 * field list; development and tests parse as well. A schema JSON Schema cannot express falls
 * back to zod's encode.
 */
export function createResponseSerializerCompiler({ verify }: ResponseSerializerOptions): FastifySerializerCompiler<ZodType> {
  return ({ schema, method, url }) => {
    const write = compile(schema);
    return (data) => {
      if (verify) {
        const checked = z.safeEncode(schema, data);
        if (!checked.success) throw new ResponseSerializationError(method, url, { cause: checked.error });
      }
      return write(data);
    };
  };
}

// Most routes share schemas (every error status uses the same body): each is compiled once.
const compiled = new WeakMap<ZodType, (data: unknown) => string>();

function compile(schema: ZodType): (data: unknown) => string {
  let write = compiled.get(schema);
  if (!write) {
    write = compileUncached(schema);
    compiled.set(schema, write);
  }
  return write;
}

function compileUncached(schema: ZodType): (data: unknown) => string {
  let jsonSchema: object;
  try {
    jsonSchema = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
  } catch {
    return (data) => {
      const encoded = z.safeEncode(schema, data);
      if (!encoded.success) throw encoded.error;
      return JSON.stringify(encoded.data);
    };
  }
  return fastJson(jsonSchema);
}
